/** Operations on figures: the framed, titled areas that notes are placed in. */
import * as Y from 'yjs';
import { cellRect, clampIntoRect, hasCells, noteCell } from './figure-layout';
import { FIGURE_TITLE_MAX, HEADING_MAX, HEADINGS_MAX } from './limits';
import {
	boardMaps,
	newId,
	readFigure,
	readFigures,
	NOTE_H,
	NOTE_W,
	type Figure,
	type FigureColor,
	type FigureKind
} from './schema';

export interface NewFigure {
	kind: FigureKind;
	title: string;
	x: number;
	y: number;
	w: number;
	h: number;
	color?: FigureColor;
	columns?: string[];
	rows?: string[];
	picture?: string | null;
}

/** Headings are stored as one plain array: they are edited whole, by the facilitator only. */
function cleanHeadings(list: readonly string[]): string[] {
	return list.slice(0, HEADINGS_MAX).map((h) => h.slice(0, HEADING_MAX));
}

/** Writes the kind-specific keys that are present in `change`. */
function setKindKeys(map: Y.Map<unknown>, change: Pick<NewFigure, 'columns' | 'rows' | 'picture'>): void {
	if (change.columns !== undefined) map.set('columns', cleanHeadings(change.columns));
	if (change.rows !== undefined) map.set('rows', cleanHeadings(change.rows));
	if (change.picture !== undefined) map.set('picture', change.picture);
}

export function addFigure(doc: Y.Doc, figure: NewFigure, origin?: unknown): string {
	const id = newId();
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('kind', figure.kind);
		map.set('title', figure.title.slice(0, FIGURE_TITLE_MAX));
		map.set('x', Math.round(figure.x));
		map.set('y', Math.round(figure.y));
		map.set('w', Math.max(NOTE_W, Math.round(figure.w)));
		map.set('h', Math.max(NOTE_H, Math.round(figure.h)));
		map.set('color', figure.color ?? 'sand');
		setKindKeys(map, figure);
		boardMaps(doc).figures.set(id, map);
	}, origin);
	return id;
}

export type FigureChange = Partial<Pick<Figure, 'title' | 'x' | 'y' | 'w' | 'h' | 'color' | 'columns' | 'rows' | 'picture'>>;

/**
 * Moving a figure carries the notes that belong to it, so that a group's work stays in its frame.
 * Resizing a columns or grid figure resizes its cells, so its notes move along and stay in the
 * cell they were in (headings.ts places notes itself when it changes the headings).
 */
export function updateFigure(doc: Y.Doc, id: string, change: FigureChange, origin?: unknown): void {
	const { figures, notes } = boardMaps(doc);
	const map = figures.get(id);
	if (!(map instanceof Y.Map)) return;
	const before = readFigure(id, map);
	const resizesCells =
		hasCells(before) && change.columns === undefined && change.rows === undefined && (change.w !== undefined || change.h !== undefined);
	doc.transact(() => {
		const dx = change.x === undefined ? 0 : Math.round(change.x) - (map.get('x') as number);
		const dy = change.y === undefined ? 0 : Math.round(change.y) - (map.get('y') as number);
		if (change.title !== undefined) map.set('title', change.title.slice(0, FIGURE_TITLE_MAX));
		if (change.color !== undefined) map.set('color', change.color);
		if (change.x !== undefined) map.set('x', Math.round(change.x));
		if (change.y !== undefined) map.set('y', Math.round(change.y));
		if (change.w !== undefined) map.set('w', Math.max(NOTE_W, Math.round(change.w)));
		if (change.h !== undefined) map.set('h', Math.max(NOTE_H, Math.round(change.h)));
		setKindKeys(map, change);
		if (dx !== 0 || dy !== 0) {
			notes.forEach((note) => {
				if (note.get('figureId') !== id) return;
				note.set('x', (note.get('x') as number) + dx);
				note.set('y', (note.get('y') as number) + dy);
			});
		}
		if (resizesCells) keepNotesInCells(notes, { ...before, x: before.x + dx, y: before.y + dy }, readFigure(id, map));
	}, origin);
}

/** Moves each note of the figure to the same place, in proportion, in its cell's new rectangle. */
function keepNotesInCells(notes: Y.Map<Y.Map<unknown>>, from: Figure, to: Figure): void {
	notes.forEach((note) => {
		if (note.get('figureId') !== to.id) return;
		const at = { x: note.get('x') as number, y: note.get('y') as number };
		const cell = noteCell(from, at);
		const old = cell && cellRect(from, cell);
		const now = cell && cellRect(to, cell);
		if (!old || !now) return;
		const spot = clampIntoRect(now, now.x + ((at.x - old.x) * now.w) / old.w, now.y + ((at.y - old.y) * now.h) / old.h);
		if (spot.x !== at.x) note.set('x', spot.x);
		if (spot.y !== at.y) note.set('y', spot.y);
	});
}

/**
 * Deleting a figure never deletes what people wrote: its notes stay on the board, outside any
 * figure, where the facilitator can move them.
 */
export function deleteFigure(doc: Y.Doc, id: string, origin?: unknown): void {
	const { figures, notes } = boardMaps(doc);
	if (!figures.has(id)) return;
	doc.transact(() => {
		notes.forEach((note) => {
			if (note.get('figureId') === id) note.set('figureId', null);
		});
		figures.delete(id);
	}, origin);
}

/** The innermost (smallest) figure that contains the point, or null. */
export function figureAt(figures: readonly Figure[], x: number, y: number): Figure | null {
	let best: Figure | null = null;
	for (const f of figures) {
		if (x < f.x || y < f.y || x > f.x + f.w || y > f.y + f.h) continue;
		if (!best || f.w * f.h < best.w * best.h) best = f;
	}
	return best;
}

/** The figure a note with its top-left corner at (x, y) belongs to: the one under its centre. */
export function figureForNoteAt(doc: Y.Doc, x: number, y: number): string | null {
	return figureAt(readFigures(doc), x + NOTE_W / 2, y + NOTE_H / 2)?.id ?? null;
}
