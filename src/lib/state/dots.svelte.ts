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
	liveDots,
	newId,
	placeDot,
	readDots,
	removeDot,
	votedFigures,
	type Dot,
	type Figure,
	type Note,
	type Vote,
	type VoteBoard,
	type VoteEntry
} from '$board';
import type { BoardState } from './board.svelte';
import type { PrivateDoc } from './private-doc.svelte';
import type { WorkshopState } from './workshop.svelte';

const ORIGIN = Object.freeze({ kind: 'dots-local-edit' });

export class DotsState {
	#all = $state.raw<Dot[]>([]);
	/** The figures the vote counts on this board, by figure id (vote.ts). */
	readonly #listed: Map<string, VoteEntry>;

	constructor(
		readonly priv: PrivateDoc,
		readonly boardId: string,
		readonly workshop: WorkshopState,
		readonly board: BoardState
	) {
		this.#listed = $derived(votedFigures(workshop.vote, { id: boardId, figures: board.figures }));
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

	/** The vote's entry for a figure of this board, if the vote counts it. */
	figureOf(figure: Pick<Figure, 'id'>): VoteEntry | undefined {
		return this.#listed.get(figure.id);
	}

	/**
	 * My dots that count: those whose note is in the figure they name (vote.ts). A dot whose note
	 * was moved or deleted neither shows nor takes the quota, and shows again if the note returns.
	 */
	get live(): Dot[] {
		return liveDots(this.mine, this.#board());
	}

	remaining(figure: Figure): number {
		const entry = this.figureOf(figure);
		return entry ? Math.max(0, entry.quota - countDots(this.live, figure.id)) : 0;
	}

	dotsOn(noteId: string): number {
		return this.live.filter((d) => d.noteId === noteId).length;
	}

	canPlace(note: Note): boolean {
		if (!this.isOpen) return false;
		const next: Dot = { id: 'next', voteId: this.vote?.id ?? '', boardId: this.boardId, figureId: note.figureId ?? '', noteId: note.id };
		return dotRefusal(this.vote, this.#board(), [...this.mine, next], [next]) === null;
	}

	place(note: Note): void {
		const vote = this.vote;
		if (!vote || !note.figureId || !this.canPlace(note)) return;
		placeDot(this.priv.doc, { voteId: vote.id, boardId: this.boardId, figureId: note.figureId, noteId: note.id }, newId(), ORIGIN);
	}

	/** Takes back my newest dot on the note. */
	remove(noteId: string): void {
		const dot = this.live.filter((d) => d.noteId === noteId).at(-1);
		if (dot && this.isOpen) removeDot(this.priv.doc, dot.id, ORIGIN);
	}

	destroy(): void {
		this.priv.doc.getMap('dots').unobserve(this.#read);
	}

	/** This board as the vote's rules read it, from the board's live snapshot. */
	#board(): VoteBoard {
		const notes = this.board.notes;
		return {
			id: this.boardId,
			figures: this.board.figures,
			noteFigure: (noteId) => notes.find((n) => n.id === noteId)?.figureId ?? null
		};
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
