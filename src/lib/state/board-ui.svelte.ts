/**
 * BoardUi: what one person's board screen is doing (selection, editing, announcements) on top
 * of the shared BoardState. The board components share one instance through context, so that a
 * note card does not need a dozen props threaded through every frame.
 *
 * It also applies the facilitator's locks (from the workshop doc): a participant cannot add,
 * edit, move or delete notes on a locked board or in a locked figure. The server drops such
 * writes anyway; refusing them here keeps the screen honest, since a dropped write would stay
 * on this screen only. The facilitator sees the locks but may still edit.
 */
import { getContext, setContext } from 'svelte';
import {
	NOTE_H,
	NOTE_TEXT_MAX,
	NOTE_W,
	cellOf,
	cellSize,
	FIGURE_TITLE_BAR,
	figureAt,
	freeSpotInCell,
	hasCells,
	HEADING_ROW_H,
	lockKey,
	newHeading,
	noteHeight,
	ROW_HEADING_W,
	spotInCellAt,
	type CellIndex,
	type HeadingAxis,
	type Note,
	type NoteColor,
	type Place
} from '$board';
import { m } from '../paraglide/messages';
import { newFigureOf, type NewFigureKind } from './new-figure';
import type { NoteEditing } from './note-editing.svelte';
import { escapeKeydown, TypeAhead } from './type-ahead';
import type { BoardState } from './board.svelte';
import type { PresenceState } from './presence.svelte';
import type { UndoState } from './undo.svelte';
import { boundsOf, type Viewport } from './viewport.svelte';
import type { WorkshopState } from './workshop.svelte';

export type BoardRole = 'participant' | 'facilitator';

/** How long the "text was cut" message stays; long enough to read twice. */
const NOTICE_MS = 8000;

export class BoardUi {
	selectedId = $state<string | null>(null);
	editingId = $state<string | null>(null);
	renamingFigureId = $state<string | null>(null);
	/** The columns or grid figure whose headings the facilitator is editing in place. */
	editingHeadingsOf = $state<string | null>(null);
	/** A note to focus when its card (re)mounts, e.g. after it moved into another figure. */
	pendingFocus = $state<string | null>(null);
	announcement = $state('');
	notice = $state('');
	/**
	 * Set during "Fundera själv först" (drafts.svelte.ts): asked before a note is added, and true
	 * when the note became a private draft instead.
	 */
	draftInstead: ((figureId: string, centre?: { x: number; y: number }) => boolean) | null = null;

	readonly canEditFigures: boolean;
	/** Locked by the facilitator: the board's own lock or the one for all boards. */
	readonly boardLocked: boolean;
	/** Figures locked one by one on this board. */
	readonly lockedFigures: Set<string>;
	/** The facilitator may lock and unlock figures from the board (needs a writable workshop doc). */
	readonly canLock: boolean;
	#noticeTimer: ReturnType<typeof setTimeout> | null = null;
	readonly #typeAhead = new TypeAhead();
	/** Locks as last seen by `locksChanged`, to tell what just got locked. */
	#seenLocks: { board: boolean; figures: Set<string> } = { board: false, figures: new Set() };

	constructor(
		readonly board: BoardState,
		readonly undo: UndoState,
		readonly presence: PresenceState,
		readonly viewport: Viewport,
		readonly role: BoardRole,
		readonly workshop: WorkshopState | null = null,
		readonly boardId = ''
	) {
		this.canEditFigures = role === 'facilitator' && !board.readOnly;
		this.canLock = role === 'facilitator' && !!workshop && !workshop.readOnly;
		this.boardLocked = $derived(workshop?.isBoardLocked(boardId) ?? false);
		this.lockedFigures = $derived(workshop?.lockedFigures(boardId) ?? new Set<string>());
	}

	/** May this person change notes at all (add, write, move, delete)? */
	get canEditNotes(): boolean {
		return !this.board.readOnly && (this.role === 'facilitator' || !this.boardLocked);
	}

	isFigureLocked(figureId: string | null): boolean {
		return figureId !== null && this.lockedFigures.has(figureId);
	}

	/** May this person add notes to, or change notes in, this figure (null: outside every figure)? */
	canEditIn(figureId: string | null): boolean {
		return this.canEditNotes && (this.role === 'facilitator' || !this.isFigureLocked(figureId));
	}

	canEditNote(note: Note): boolean {
		return this.canEditIn(note.figureId);
	}

	#canEditId(id: string): boolean {
		const note = this.board.note(id);
		return !!note && this.canEditNote(note);
	}

	setFigureLock(figureId: string, locked: boolean): void {
		if (!this.canLock || !this.workshop) return;
		this.workshop.setLock(lockKey(this.boardId, figureId), locked);
		const title = this.board.figure(figureId)?.title;
		if (title) this.announce(locked ? m.ui_figure_locked({ title }) : m.ui_figure_unlocked({ title }));
		else this.announce(locked ? m.ui_untitled_figure_locked() : m.ui_untitled_figure_unlocked());
	}

	/**
	 * Called whenever the locks change. For a participant, a new lock ends typing in a note it
	 * covers and clears undo (see UndoState.clear), and is announced, since the badge alone is silent.
	 */
	locksChanged(): void {
		const now = { board: this.boardLocked, figures: this.lockedFigures };
		const before = this.#seenLocks;
		this.#seenLocks = now;
		if (this.role === 'facilitator') return;
		const newFigures = [...now.figures].filter((id) => !before.figures.has(id));
		if (!(now.board && !before.board) && newFigures.length === 0) return;
		this.undo.clear();
		if (this.editingId !== null && !this.#canEditId(this.editingId)) this.stopEditing();
		if (now.board && !before.board) {
			this.announce(m.ui_board_locked_now());
		} else {
			const titles = newFigures.map((id) => m.ui_quoted({ title: this.board.figure(id)?.title ?? m.ui_a_figure() }));
			this.announce(m.ui_figures_locked_now({ titles: titles.join(', ') }));
		}
	}

	/** After refusing an edit: a sentence that says why, when a lock is the reason. */
	explainLock(figureId: string | null): void {
		if (this.boardLocked) this.showNotice(m.ui_board_locked());
		else if (this.isFigureLocked(figureId)) {
			const title = this.board.figure(figureId)?.title ?? m.ui_the_figure();
			this.showNotice(m.ui_figure_locked_by({ title }));
		}
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
		if (!this.#canEditId(id)) return this.explainLock(this.board.note(id)?.figureId ?? null);
		this.selectedId = id;
		this.editingId = id;
		this.presence.setSelected(id);
		this.presence.setEditing(id);
		// Until the text field is there (it may still be loading), keys are held for it.
		if (typeof window !== 'undefined') this.#typeAhead.start(window);
	}

	stopEditing(): void {
		this.#typeAhead.stop();
		if (this.editingId === null) return;
		this.editingId = null;
		this.presence.setEditing(null);
		this.undo.stopCapturing();
	}

	/**
	 * Binds a note's just opened text field to its shared text (note-editing.svelte.ts), types into
	 * it what was typed while it loaded (type-ahead.ts), focuses it and puts the caret at the end. On the canvas the board must not scroll to the field (the
	 * viewport pans instead). Destroy the binding when the field closes. `Editing` comes from the
	 * field, so that the editing code loads with it and not with every board that is only read.
	 */
	editNote(
		id: string,
		field: HTMLTextAreaElement,
		{ scroll, Editing }: { scroll: boolean; Editing: typeof NoteEditing }
	): NoteEditing {
		const editing = new Editing(this.board, id, field, {
			mayEdit: () => this.#canEditId(id),
			onCut: () => this.showNotice(m.ui_note_cut({ max: NOTE_TEXT_MAX }))
		});
		const ahead = this.#typeAhead.take();
		if (ahead.text) {
			field.setRangeText(ahead.text, field.value.length, field.value.length, 'end');
			editing.input();
		}
		field.focus({ preventScroll: !scroll });
		field.setSelectionRange(field.value.length, field.value.length);
		// Escape typed ahead leaves the note the way the field's own Escape does.
		if (ahead.escape) queueMicrotask(() => field.dispatchEvent(escapeKeydown()));
		return editing;
	}

	/**
	 * Adds a note (at a free spot, or centred on a board point) and opens it for typing, shown
	 * whole at a readable zoom: on a phone the first view is too small to write in.
	 */
	addNote(figureId: string, centre?: { x: number; y: number }): void {
		if (!this.canEditIn(figureId)) return this.explainLock(figureId);
		if (this.draftInstead?.(figureId, centre)) return;
		const at = centre && { x: centre.x - NOTE_W / 2, y: centre.y - NOTE_H / 2 };
		const id = this.board.addNote(figureId, at);
		const note = this.board.note(id);
		if (!id || !note) return;
		this.viewport.showReadable({ x: note.x, y: note.y, w: NOTE_W, h: noteHeight(note.text) });
		this.undo.stopCapturing();
		this.startEditing(id);
		this.announce(m.ui_note_added());
	}

	/**
	 * Double-click or double-tap at a board point: a note in the figure there, if any. In a columns
	 * or grid figure the note goes wholly inside the cell under the point (or, on a heading of a
	 * grid, to the next free spot in the figure).
	 */
	addNoteAt(point: { x: number; y: number }): void {
		const figure = figureAt(this.board.figures, point.x, point.y);
		if (!figure || this.board.readOnly) return;
		if (!hasCells(figure)) return this.addNote(figure.id, point);
		const spot = spotInCellAt(figure, point);
		this.addNote(figure.id, spot ? { x: spot.x + NOTE_W / 2, y: spot.y + NOTE_H / 2 } : undefined);
	}

	/** The "+" of a column or grid cell: a note at a free spot in that cell. */
	addNoteInCell(figureId: string, cell: CellIndex): void {
		const figure = this.board.figure(figureId);
		if (!figure) return;
		const spot = freeSpotInCell(figure, cell, this.board.notes.filter((n) => n.figureId === figureId));
		if (spot) this.addNote(figureId, { x: spot.x + NOTE_W / 2, y: spot.y + NOTE_H / 2 });
	}

	setColour(id: string, colour: NoteColor): void {
		if (this.#canEditId(id)) this.board.setNoteColor(id, colour);
	}

	moveNote(id: string, x: number, y: number, keepFocus: boolean): void {
		const note = this.board.note(id);
		if (!note || !this.canEditNote(note)) return this.explainLock(note?.figureId ?? null);
		const before = note.figureId;
		// Where the note would land, as `$board` moveNote will decide it (centre of the rounded spot).
		const target = figureAt(this.board.figures, Math.round(x) + NOTE_W / 2, Math.round(y) + NOTE_H / 2)?.id ?? null;
		if (target !== before && !this.canEditIn(target)) return this.explainLock(target);
		const figure = this.board.figure(before);
		const cellBefore = figure ? cellOf(figure, note) : null;
		this.board.moveNote(id, x, y);
		const moved = this.board.note(id);
		const after = moved?.figureId;
		// The card remounts inside its new figure; give focus back to it there.
		if (keepFocus && before !== after) this.pendingFocus = id;
		if (before !== after) {
			const title = this.board.figure(after ?? null)?.title;
			this.announce(title ? m.ui_note_moved_to({ place: title }) : m.ui_note_moved_outside());
		} else if (figure && moved && cellBefore) {
			// Within a columns or grid figure the cell is what changed, e.g. the next stage.
			const cell = cellOf(figure, moved);
			if (cell.column !== cellBefore.column || cell.row !== cellBefore.row) {
				const where = [cell.row, cell.column].filter(Boolean).join(', ');
				if (where) this.announce(m.ui_note_moved_to({ place: where }));
			}
		}
	}

	/**
	 * "Flytta till …" in the list view: the note goes to a free spot in that figure or cell, as
	 * "+ Lapp" would place a new one, and keeps the focus there.
	 */
	moveNoteTo(id: string, place: Place): void {
		const figure = this.board.figure(place.figureId);
		if (!figure) return;
		const others = this.board.notes.filter((n) => n.figureId === figure.id && n.id !== id);
		const spot = place.cell ? freeSpotInCell(figure, place.cell, others) : this.board.freeSpotIn(figure.id);
		if (!spot) return;
		this.moveNote(id, spot.x, spot.y, true);
		// In the list a move to another cell remounts the note too, not only one to another figure.
		if (this.board.note(id)?.figureId === figure.id) this.pendingFocus = id;
	}

	deleteNote(id: string): void {
		if (!this.#canEditId(id)) return;
		this.board.deleteNote(id);
		if (this.selectedId === id) this.select(null);
		if (this.editingId === id) this.stopEditing();
		this.announce(m.ui_note_deleted());
	}

	/**
	 * The facilitator's "+ Figur": a new question (or columns, grid or picture) to the right of everything,
	 * shown, then renamed.
	 */
	addFigure(kind: NewFigureKind = 'question'): void {
		const bounds = boundsOf(this.board.figures);
		const x = bounds ? bounds.x + bounds.w + 40 : 0;
		const y = bounds ? bounds.y : 0;
		const figure = newFigureOf(kind, x, y);
		const { w, h } = figure;
		const id = this.board.addFigure(figure);
		if (!id) return;
		// Bring the whole new figure into view (in screen px), so its title and tools are visible.
		const v = this.viewport;
		v.reveal({ x: v.x + x * v.zoom, y: v.y + y * v.zoom, w: w * v.zoom, h: h * v.zoom }, 24);
		this.renamingFigureId = id;
		this.announce(m.ui_figure_added());
	}

	/**
	 * The facilitator's "+ Kolumn" / "+ Rad": a heading at the end of a columns or grid figure.
	 * The figure grows by one cell, so the new band and the tools above the frame are brought
	 * into view (they may have grown off screen).
	 */
	addHeading(figureId: string, axis: HeadingAxis): void {
		if (!this.board.addHeading(figureId, axis, newHeading(axis))) return;
		const f = this.board.figure(figureId);
		if (f) {
			const cell = cellSize(f);
			const above = 56; // the tool strip over the frame
			const band =
				axis === 'columns'
					? { x: f.x + f.w - cell.w, y: f.y - above, w: cell.w, h: above + FIGURE_TITLE_BAR + HEADING_ROW_H }
					: { x: f.x, y: f.y + f.h - cell.h, w: ROW_HEADING_W, h: cell.h };
			const v = this.viewport;
			v.reveal({ x: v.x + band.x * v.zoom, y: v.y + band.y * v.zoom, w: band.w * v.zoom, h: band.h * v.zoom }, 24);
		}
		this.announce(axis === 'columns' ? m.ui_column_added() : m.ui_row_added());
	}

	deleteFigure(id: string): void {
		this.board.deleteFigure(id);
		this.announce(m.ui_figure_deleted());
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
