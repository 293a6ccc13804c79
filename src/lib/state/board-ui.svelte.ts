/**
 * BoardUi: what one person's board screen is doing (selection, editing, announcements) on top
 * of the shared BoardState. The board components share one instance through context, so that a
 * note card does not need a dozen props threaded through every frame.
 */
import { getContext, setContext } from 'svelte';
import { NOTE_H, NOTE_TEXT_MAX, NOTE_W, figureAt, type NoteColor } from '$board';
import type { BoardState } from './board.svelte';
import type { PresenceState } from './presence.svelte';
import type { UndoState } from './undo.svelte';
import { boundsOf, type Viewport } from './viewport.svelte';

export type BoardRole = 'participant' | 'facilitator';

/** How long the "text was cut" message stays; long enough to read twice. */
const NOTICE_MS = 8000;

export class BoardUi {
	selectedId = $state<string | null>(null);
	editingId = $state<string | null>(null);
	renamingFigureId = $state<string | null>(null);
	/** A note to focus when its card (re)mounts, e.g. after it moved into another figure. */
	pendingFocus = $state<string | null>(null);
	announcement = $state('');
	notice = $state('');

	readonly canEditNotes: boolean;
	readonly canEditFigures: boolean;
	#noticeTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		readonly board: BoardState,
		readonly undo: UndoState,
		readonly presence: PresenceState,
		readonly viewport: Viewport,
		readonly role: BoardRole
	) {
		this.canEditNotes = !board.readOnly;
		this.canEditFigures = role === 'facilitator' && !board.readOnly;
	}

	/** Polite screen-reader message; a zero-width suffix makes a repeat announce again. */
	announce(message: string): void {
		this.announcement = this.announcement === message ? message + '\u200b' : message;
	}

	showNotice(message: string): void {
		this.notice = message;
		if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
		this.#noticeTimer = setTimeout(() => (this.notice = ''), NOTICE_MS);
	}

	select(id: string | null): void {
		this.selectedId = id;
		if (id !== this.editingId) this.stopEditing();
		this.presence.setSelected(id);
	}

	startEditing(id: string): void {
		if (!this.canEditNotes) return;
		this.selectedId = id;
		this.editingId = id;
		this.presence.setSelected(id);
	}

	stopEditing(): void {
		if (this.editingId === null) return;
		this.editingId = null;
		this.undo.stopCapturing();
	}

	/** Adds a note (at a free spot, or centred on a board point) and opens it for typing. */
	addNote(figureId: string, centre?: { x: number; y: number }): void {
		const at = centre && { x: centre.x - NOTE_W / 2, y: centre.y - NOTE_H / 2 };
		const id = this.board.addNote(figureId, at);
		if (!id) return;
		this.undo.stopCapturing();
		this.startEditing(id);
		this.announce('Lapp tillagd');
	}

	/** Double-click or double-tap at a board point: a note in the figure there, if any. */
	addNoteAt(point: { x: number; y: number }): void {
		const figure = figureAt(this.board.figures, point.x, point.y);
		if (figure && this.canEditNotes) this.addNote(figure.id, point);
	}

	setText(id: string, text: string): string {
		const { cut } = this.board.setNoteText(id, text);
		if (cut) this.showNotice(`Lappen får ha högst ${NOTE_TEXT_MAX} tecken. Resten togs bort.`);
		return cut ? text.slice(0, NOTE_TEXT_MAX) : text;
	}

	setColour(id: string, colour: NoteColor): void {
		this.board.setNoteColor(id, colour);
	}

	moveNote(id: string, x: number, y: number, keepFocus: boolean): void {
		const before = this.board.note(id)?.figureId;
		this.board.moveNote(id, x, y);
		const after = this.board.note(id)?.figureId;
		// The card remounts inside its new figure; give focus back to it there.
		if (keepFocus && before !== after) this.pendingFocus = id;
		if (before !== after) {
			const title = this.board.figure(after ?? null)?.title;
			this.announce(title ? `Lappen flyttad till ${title}` : 'Lappen flyttad utanför figurerna');
		}
	}

	deleteNote(id: string): void {
		this.board.deleteNote(id);
		if (this.selectedId === id) this.select(null);
		if (this.editingId === id) this.editingId = null;
		this.announce('Lapp borttagen');
	}

	/** The facilitator's "+ Figur": a new question to the right of everything, shown, then renamed. */
	addFigure(): void {
		const bounds = boundsOf(this.board.figures);
		const x = bounds ? bounds.x + bounds.w + 40 : 0;
		const y = bounds ? bounds.y : 0;
		const w = 640;
		const h = 560;
		const id = this.board.addFigure({ kind: 'question', title: 'Ny fråga', x, y, w, h, color: 'slate' });
		if (!id) return;
		// Bring the whole new figure into view (in screen px), so its title and tools are visible.
		const v = this.viewport;
		v.reveal({ x: v.x + x * v.zoom, y: v.y + y * v.zoom, w: w * v.zoom, h: h * v.zoom }, 24);
		this.renamingFigureId = id;
		this.announce('Figur tillagd');
	}

	deleteFigure(id: string): void {
		this.board.deleteFigure(id);
		this.announce('Figur borttagen. Lapparna finns kvar på tavlan.');
	}

	destroy(): void {
		if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
	}
}

const KEY = Symbol('board-ui');

export function setBoardUi(ui: BoardUi): BoardUi {
	return setContext(KEY, ui);
}

export function getBoardUi(): BoardUi {
	const ui = getContext<BoardUi | undefined>(KEY);
	if (!ui) throw new Error('Board components must be rendered inside BoardView');
	return ui;
}
