/**
 * DraftsState: "Fundera själv först" on a participant's own board. While the facilitator's
 * individual phase covers a figure, a new note there ("+ Lapp", double-click) becomes a DRAFT in
 * the participant's private doc (shared connection: private-doc.svelte.ts) instead of a board note,
 * so that nobody, the group and the facilitator included, sees it until the server reveals it
 * (server/workshops/reveal.ts). Drafts keep showing after the phase ends, until revealed: a note
 * the author wrote must never silently disappear from their screen.
 */
import { getContext, setContext } from 'svelte';
import {
	addDraft,
	deleteDrafts,
	inIndividualScope,
	isDone,
	markDone,
	NOTE_H,
	NOTE_TEXT_MAX,
	NOTE_W,
	readDrafts,
	setDraftColor,
	setDraftText,
	type Draft,
	type Figure,
	type IndividualPhase,
	type NoteColor
} from '$board';
import { m } from '../paraglide/messages';
import type { BoardUi } from './board-ui.svelte';
import type { PrivateDoc } from './private-doc.svelte';
import type { WorkshopState } from './workshop.svelte';

const ORIGIN = Object.freeze({ kind: 'drafts-local-edit' });
/** As freeSpotInFigure: notes start below the title bar, in a grid with this gap. */
const GAP = 16;
const TITLE_BAR = 96;

export class DraftsState {
	#all = $state.raw<Draft[]>([]);
	#doneRev = $state(0);
	/** A draft just made, to focus for typing when its card mounts. */
	focusId = $state<string | null>(null);

	constructor(
		readonly priv: PrivateDoc,
		readonly workshop: WorkshopState,
		readonly ui: BoardUi
	) {
		priv.onSynced(this.#read);
		// Deep: typing changes the Y.Text inside a draft, not the map of drafts.
		priv.doc.getMap('drafts').observeDeep(this.#read);
		priv.doc.getMap('status').observe(this.#onDone);
		ui.draftInstead = (figureId, centre) => this.#intercept(figureId, centre);
	}

	get phase(): IndividualPhase | null {
		return this.workshop.individual;
	}

	get active(): boolean {
		return this.priv.synced && !!this.phase?.active;
	}

	/** "Klar": this person marked themselves done in the running phase (individual-progress.ts). */
	get done(): boolean {
		void this.#doneRev;
		return this.active && isDone(this.priv.doc, this.phase);
	}

	setDone(done: boolean): void {
		const phase = this.phase;
		if (!this.active || !phase) return;
		markDone(this.priv.doc, phase.startedAt, done, ORIGIN);
		this.ui.announce(done ? m.drafts_done() : m.drafts_not_done());
	}

	inScope(figure: Pick<Figure, 'title'>): boolean {
		return this.priv.synced && inIndividualScope(this.phase, figure.title);
	}

	draftsIn(figure: Pick<Figure, 'title'>): Draft[] {
		return this.#all.filter((d) => d.figureTitle === figure.title);
	}

	setText(id: string, text: string): void {
		const { cut } = setDraftText(this.priv.doc, id, text, ORIGIN);
		if (cut) this.ui.showNotice(m.ui_note_cut({ max: NOTE_TEXT_MAX }));
	}

	setColor(id: string, color: NoteColor): void {
		setDraftColor(this.priv.doc, id, color, ORIGIN);
	}

	remove(id: string): void {
		deleteDrafts(this.priv.doc, [id], ORIGIN);
		this.ui.announce(m.drafts_deleted());
	}

	destroy(): void {
		this.ui.draftInstead = null;
		this.priv.doc.getMap('drafts').unobserveDeep(this.#read);
		this.priv.doc.getMap('status').unobserve(this.#onDone);
	}

	/** BoardUi asks before adding a note: true when it became a draft here instead. */
	#intercept(figureId: string, centre?: { x: number; y: number }): boolean {
		const figure = this.ui.board.figure(figureId);
		if (!figure || !this.inScope(figure)) return false;
		const at = centre ? { x: centre.x - figure.x - NOTE_W / 2, y: centre.y - figure.y - NOTE_H / 2 } : this.#freeSpot(figure);
		this.focusId = addDraft(this.priv.doc, { figureTitle: figure.title, ...at }, ORIGIN);
		this.ui.announce(m.drafts_added());
		return true;
	}

	/** The first grid cell of the figure that neither a board note nor one of my drafts covers. */
	#freeSpot(figure: Figure): { x: number; y: number } {
		const taken = [
			...this.ui.board.notes.filter((n) => n.figureId === figure.id).map((n) => ({ x: n.x - figure.x, y: n.y - figure.y })),
			...this.draftsIn(figure)
		];
		const cols = Math.max(1, Math.floor((figure.w - GAP) / (NOTE_W + GAP)));
		const rows = Math.max(1, Math.floor((figure.h - TITLE_BAR - GAP) / (NOTE_H + GAP)));
		for (let i = 0; i < cols * rows; i++) {
			const x = GAP + (i % cols) * (NOTE_W + GAP);
			const y = TITLE_BAR + Math.floor(i / cols) * (NOTE_H + GAP);
			if (!taken.some((t) => Math.abs(t.x - x) < NOTE_W / 2 && Math.abs(t.y - y) < NOTE_H / 2)) return { x, y };
		}
		return { x: GAP + 24, y: TITLE_BAR + 24 };
	}

	#onDone = (): void => {
		this.#doneRev++;
	};

	#read = (): void => {
		if (this.priv.synced) this.#all = readDrafts(this.priv.doc);
	};
}

const KEY = Symbol('drafts');

/** Set by BoardScreen for a participant on their own board; absent for everyone else. */
export function setDrafts(drafts: DraftsState): DraftsState {
	return setContext(KEY, drafts);
}

export function getDrafts(): DraftsState | undefined {
	return getContext<DraftsState | undefined>(KEY);
}
