/**
 * DotsState: a participant's own dots in the open vote, from their private doc
 * (`<code>/private/<pid>`, which nobody else can open), together with the vote from the workshop
 * doc and the figures of their board. Components ask what is left and place or remove dots; the
 * server's policy (server/sync/vote-policy.ts) refuses what the same rules (dotRefusal) refuse,
 * so the UI only offers what will stick.
 */
import { getContext, setContext } from 'svelte';
import {
	countDots,
	dotRefusal,
	newId,
	placeDot,
	readDots,
	removeDot,
	voteFigure,
	type Dot,
	type Figure,
	type Note,
	type Vote,
	type VoteFigure
} from '$board';
import type { BoardState } from './board.svelte';
import type { PrivateDoc } from './private-doc.svelte';
import type { WorkshopState } from './workshop.svelte';

const ORIGIN = Object.freeze({ kind: 'dots-local-edit' });

export class DotsState {
	#all = $state.raw<Dot[]>([]);

	constructor(
		readonly priv: PrivateDoc,
		readonly boardId: string,
		readonly workshop: WorkshopState,
		readonly board: BoardState
	) {
		priv.onSynced(this.#read);
		priv.doc.getMap('dots').observe(this.#read);
	}

	get vote(): Vote | null {
		return this.workshop.vote;
	}

	get isOpen(): boolean {
		return this.priv.synced && this.vote?.status === 'open';
	}

	/** My dots in the current vote. */
	get mine(): Dot[] {
		const id = this.vote?.id;
		return id ? this.#all.filter((d) => d.voteId === id) : [];
	}

	/** The vote's entry for a figure of this board, if it is in the vote. */
	figureOf(figure: Pick<Figure, 'title'>): VoteFigure | undefined {
		return voteFigure(this.vote, figure.title);
	}

	remaining(figure: Figure): number {
		const entry = this.figureOf(figure);
		return entry ? Math.max(0, entry.quota - countDots(this.mine, figure.id)) : 0;
	}

	dotsOn(noteId: string): number {
		return this.mine.filter((d) => d.noteId === noteId).length;
	}

	canPlace(note: Note): boolean {
		return this.isOpen && dotRefusal(this.vote, this.boardId, ...this.#withDot(note)) === null;
	}

	place(note: Note): void {
		const vote = this.vote;
		if (!vote || !note.figureId || !this.canPlace(note)) return;
		placeDot(this.priv.doc, { voteId: vote.id, boardId: this.boardId, figureId: note.figureId, noteId: note.id }, newId(), ORIGIN);
	}

	/** Takes back my newest dot on the note. */
	remove(noteId: string): void {
		const dot = this.mine.filter((d) => d.noteId === noteId).at(-1);
		if (dot && this.isOpen) removeDot(this.priv.doc, dot.id, ORIGIN);
	}

	destroy(): void {
		this.priv.doc.getMap('dots').unobserve(this.#read);
	}

	/** The arguments dotRefusal needs to judge one more dot on `note`. */
	#withDot(note: Note): [Dot[], Dot[], (b: string, n: string, f: string) => string | null] {
		const dot: Dot = { id: 'next', voteId: this.vote?.id ?? '', boardId: this.boardId, figureId: note.figureId ?? '', noteId: note.id };
		const title = (_b: string, noteId: string, figureId: string) => {
			const n = this.board.notes.find((x) => x.id === noteId);
			return n?.figureId === figureId ? (this.board.figures.find((f) => f.id === figureId)?.title ?? null) : null;
		};
		return [[...this.mine, dot], [dot], title];
	}

	#read = (): void => {
		if (this.priv.synced) this.#all = readDots(this.priv.doc);
	};
}

const KEY = Symbol('dots');

/** Set by BoardScreen for a participant on their own board; absent for everyone else. */
export function setDots(dots: DotsState): DotsState {
	return setContext(KEY, dots);
}

export function getDots(): DotsState | undefined {
	return getContext<DotsState | undefined>(KEY);
}
