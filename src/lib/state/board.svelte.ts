/**
 * BoardState: one board room as plain runes snapshots plus methods. Components read `figures`,
 * `notes` and `meta` and call methods; they never see a Y type. Every write goes through the
 * `$board` operations with `this.origin`, so that UndoState can tell this client's own edits
 * apart from remote ones and from the server's.
 */
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import {
	addFigure,
	addHeading,
	addNote,
	boardMaps,
	boardRoom,
	byCreation,
	deleteFigure,
	deleteNote,
	freeSpotInFigure,
	moveNote,
	readFigures,
	readMeta,
	readNote,
	removeHeading,
	renameHeading,
	setNoteColor,
	updateFigure,
	type Author,
	type BoardMaps,
	type BoardMeta,
	type Figure,
	type FigureChange,
	type HeadingAxis,
	type NewFigure,
	type Note,
	type NoteColor
} from '$board';
import { connectRoom, type ConnectionStatus, type RoomConnection } from '$lib/sync/room-connection';

export interface BoardStateOptions {
	/** Show and treat the board as read-only (the server enforces it; this keeps the UI honest). */
	readOnly?: boolean;
	/**
	 * Re-read snapshots at most this often (ms) instead of on every change. The facilitator's
	 * miniatures use it: a dozen boards re-sorting on every keystroke would be wasted work.
	 */
	refreshMs?: number;
	/** Leave awareness empty, so a watcher (a miniature) is not listed as a person on the board. */
	invisible?: boolean;
}

/** A transaction origin that names this client's own edits. One per BoardState. */
export interface LocalOrigin {
	readonly kind: 'local-edit';
	readonly room: string;
}

const EMPTY_META: BoardMeta = { schemaVersion: 0, title: '', instructions: '' };

export class BoardState {
	figures = $state.raw<Figure[]>([]);
	notes = $state.raw<Note[]>([]);
	meta = $state.raw<BoardMeta>(EMPTY_META);
	status = $state<ConnectionStatus>('connecting');
	synced = $state(false);
	refusal = $state<number | null>(null);
	/** Why the server last closed the board while we reconnect (room-connection.ts), else null. */
	lastClose = $state<number | null>(null);
	readOnly = $state(false);

	readonly origin: LocalOrigin;
	readonly #conn: RoomConnection;
	readonly #maps: BoardMaps;
	readonly #author: Author;
	/** Note snapshots by id: a keystroke re-reads one note, and unchanged notes keep identity. */
	readonly #noteCache = new Map<string, Note>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	readonly #refreshMs: number;

	constructor(code: string, boardId: string, token: string, me: Author, options: BoardStateOptions = {}) {
		const room = boardRoom(code, boardId);
		this.origin = Object.freeze({ kind: 'local-edit', room });
		this.#author = me;
		this.#refreshMs = options.refreshMs ?? 0;
		this.readOnly = options.readOnly ?? false;
		// Only a board this person writes in keeps an offline copy (src/lib/sync/offline-copy.ts).
		const writes = !this.readOnly && !options.invisible;
		this.#conn = connectRoom(
			room,
			token,
			(c) => {
				this.status = c.status;
				// The first sync is read whole at once: a throttled board (refreshMs) would otherwise say
				// "synced" with the empty doc's figures for up to refreshMs, and the control room's
				// miniatures read "no figures, no notes" for a board that has both. An unthrottled
				// board has read every change as it came: reading 1,000 notes again is what it spares.
				if (c.synced && !this.synced && this.#timer) this.#readAll();
				this.synced = c.synced;
				this.refusal = c.refusal;
				this.lastClose = c.lastClose;
			},
			writes ? { offlineCopyFor: me.id } : {}
		);
		if (options.invisible) this.#conn.provider.awareness.setLocalState(null);
		this.#maps = boardMaps(this.#conn.doc);
		this.#maps.figures.observeDeep(this.#onFigures);
		this.#maps.notes.observeDeep(this.#onNotes);
		this.#maps.meta.observeDeep(this.#onMeta);
		this.#readAll();
	}

	/**
	 * For sibling state classes (UndoState, PresenceState) only. Components must not use it:
	 * that is the line between the runes layer and the Yjs layer.
	 */
	get internals(): { doc: Y.Doc; maps: BoardMaps; awareness: Awareness } {
		return { doc: this.#conn.doc, maps: this.#maps, awareness: this.#conn.provider.awareness };
	}

	figure(id: string | null): Figure | undefined {
		return id === null ? undefined : this.figures.find((f) => f.id === id);
	}

	note(id: string | null): Note | undefined {
		return id === null ? undefined : this.#noteCache.get(id);
	}

	// ---- notes ---------------------------------------------------------------------------

	/** Adds an empty note in a figure, at `at` (top-left, board units) or the next free spot. */
	addNote(figureId: string, at?: { x: number; y: number }): string | null {
		if (this.readOnly) return null;
		const doc = this.#conn.doc;
		const spot = at ?? freeSpotInFigure(doc, figureId);
		if (!spot) return null;
		return addNote(doc, { x: spot.x, y: spot.y, figureId }, this.#author, this.origin);
	}

	/** Where "+ Lapp" would put a note in this figure now (top-left, board units). */
	freeSpotIn(figureId: string): { x: number; y: number } | null {
		return freeSpotInFigure(this.#conn.doc, figureId);
	}

	moveNote(id: string, x: number, y: number): void {
		if (!this.readOnly) moveNote(this.#conn.doc, id, x, y, this.origin);
	}

	setNoteColor(id: string, color: NoteColor): void {
		if (!this.readOnly) setNoteColor(this.#conn.doc, id, color, this.origin);
	}

	deleteNote(id: string): void {
		if (!this.readOnly) deleteNote(this.#conn.doc, id, this.origin);
	}

	// ---- figures (the UI offers these to the facilitator only) ----------------------------

	addFigure(figure: NewFigure): string | null {
		return this.readOnly ? null : addFigure(this.#conn.doc, figure, this.origin);
	}

	updateFigure(id: string, change: FigureChange): void {
		if (!this.readOnly) updateFigure(this.#conn.doc, id, change, this.origin);
	}

	deleteFigure(id: string): void {
		if (!this.readOnly) deleteFigure(this.#conn.doc, id, this.origin);
	}

	/** Headings of a columns or grid figure (headings.ts keeps every card in its cell). */
	renameHeading(figureId: string, axis: HeadingAxis, index: number, text: string): void {
		if (!this.readOnly) renameHeading(this.#conn.doc, figureId, axis, index, text, this.origin);
	}

	addHeading(figureId: string, axis: HeadingAxis, text: string): boolean {
		return !this.readOnly && addHeading(this.#conn.doc, figureId, axis, text, this.origin);
	}

	removeHeading(figureId: string, axis: HeadingAxis, index: number): void {
		if (!this.readOnly) removeHeading(this.#conn.doc, figureId, axis, index, this.origin);
	}

	destroy(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#maps.figures.unobserveDeep(this.#onFigures);
		this.#maps.notes.unobserveDeep(this.#onNotes);
		this.#maps.meta.unobserveDeep(this.#onMeta);
		this.#conn.destroy();
	}

	// ---- snapshots -----------------------------------------------------------------------

	#readAll = (): void => {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const doc = this.#conn.doc;
		this.figures = readFigures(doc);
		this.meta = readMeta(doc);
		this.#noteCache.clear();
		this.#maps.notes.forEach((map, id) => {
			if (map instanceof Y.Map) this.#noteCache.set(id, readNote(id, map));
		});
		this.notes = [...this.#noteCache.values()].sort(byCreation);
	};

	/** In throttled mode every change just schedules one full re-read. */
	#throttled(): boolean {
		if (this.#refreshMs <= 0) return false;
		this.#timer ??= setTimeout(this.#readAll, this.#refreshMs);
		return true;
	}

	#onFigures = (): void => {
		if (!this.#throttled()) this.figures = readFigures(this.#conn.doc);
	};

	#onMeta = (): void => {
		if (!this.#throttled()) this.meta = readMeta(this.#conn.doc);
	};

	#onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
		if (this.#throttled()) return;
		const { notes } = this.#maps;
		const dirty = new Set<string>();
		for (const event of events) {
			if (event.target === notes) {
				for (const key of event.changes.keys.keys()) dirty.add(key);
			} else if (typeof event.path[0] === 'string') {
				dirty.add(event.path[0]);
			}
		}
		for (const id of dirty) {
			const map = notes.get(id);
			if (map instanceof Y.Map) this.#noteCache.set(id, readNote(id, map));
			else this.#noteCache.delete(id);
		}
		this.notes = [...this.#noteCache.values()].sort(byCreation);
	};
}
