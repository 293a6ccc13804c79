/**
 * The facilitator's edits to the headings of 'columns' and 'grid' figures: rename, add (at the
 * end) and remove a column or a row. Cells keep their size: adding a column widens the figure by
 * one cell and removing one narrows it, so the cards people placed stay in their stage. Cards in
 * a removed column (or row) move into the one before it (the next, for the first), to free
 * spots: nothing anyone wrote is deleted with a heading.
 */
import * as Y from 'yjs';
import { updateFigure } from './figure';
import { cellSize, freeSpotInCell, hasCells, noteCell, type CellIndex } from './figure-layout';
import { m } from '../paraglide/messages';
import { HEADING_MAX, HEADINGS_MAX } from './limits';
import { boardMaps, readFigure, readNote, type Figure } from './schema';

export type HeadingAxis = 'columns' | 'rows';

function figureOf(doc: Y.Doc, id: string): Figure | null {
	const map = boardMaps(doc).figures.get(id);
	return map instanceof Y.Map ? readFigure(id, map) : null;
}

export function renameHeading(doc: Y.Doc, figureId: string, axis: HeadingAxis, index: number, text: string, origin?: unknown): void {
	const figure = figureOf(doc, figureId);
	const name = text.trim().slice(0, HEADING_MAX);
	if (!figure || !name || figure[axis][index] === undefined || figure[axis][index] === name) return;
	updateFigure(doc, figureId, { [axis]: figure[axis].map((h, i) => (i === index ? name : h)) }, origin);
}

/** Appends a heading; false when the figure has as many as it may. */
export function addHeading(doc: Y.Doc, figureId: string, axis: HeadingAxis, text: string, origin?: unknown): boolean {
	const figure = figureOf(doc, figureId);
	const name = text.trim().slice(0, HEADING_MAX);
	if (!figure || !name || figure[axis].length >= HEADINGS_MAX) return false;
	const grow = hasCells(figure) ? cellSize(figure) : { w: 0, h: 0 };
	const size = axis === 'columns' ? { w: figure.w + grow.w } : { h: figure.h + grow.h };
	updateFigure(doc, figureId, { [axis]: [...figure[axis], name], ...size }, origin);
	return true;
}

/** Removes the heading at `index` and shrinks the figure by one cell, keeping every card. */
export function removeHeading(doc: Y.Doc, figureId: string, axis: HeadingAxis, index: number, origin?: unknown): void {
	const figure = figureOf(doc, figureId);
	if (!figure || figure[axis][index] === undefined) return;
	const notes = boardMaps(doc).notes;
	const size = cellSize(figure);
	const step = axis === 'columns' ? size.w : size.h;
	const headings = figure[axis].filter((_, i) => i !== index);
	const shrink = hasCells(figure) && headings.length > 0;
	const key = axis === 'columns' ? 'column' : 'row';
	const placed: { map: Y.Map<unknown>; cell: CellIndex }[] = [];
	notes.forEach((map, id) => {
		if (!(map instanceof Y.Map) || map.get('figureId') !== figureId) return;
		const cell = noteCell(figure, readNote(id, map));
		if (cell && cell[key] !== null) placed.push({ map, cell });
	});
	doc.transact(() => {
		const change = axis === 'columns' ? { w: figure.w - step } : { h: figure.h - step };
		updateFigure(doc, figureId, { [axis]: headings, ...(shrink ? change : {}) }, origin);
		if (!shrink) return;
		const coord = axis === 'columns' ? 'x' : 'y';
		const orphans: { map: Y.Map<unknown>; cell: CellIndex }[] = [];
		for (const p of placed) {
			const at = p.cell[key]!;
			if (at > index) p.map.set(coord, Math.round((p.map.get(coord) as number) - step));
			else if (at === index) orphans.push(p);
		}
		const after = figureOf(doc, figureId)!;
		const target = Math.max(0, index - 1);
		for (const { map, cell } of orphans) {
			const others: { x: number; y: number }[] = [];
			notes.forEach((n) => {
				if (n !== map && n.get('figureId') === figureId) others.push({ x: n.get('x') as number, y: n.get('y') as number });
			});
			const spot = freeSpotInCell(after, { ...cell, [key]: target }, others);
			if (!spot) continue;
			map.set('x', spot.x);
			map.set('y', spot.y);
		}
	}, origin);
}

/**
 * What a heading added by the facilitator is called until they rename it: new content, in the
 * language of whoever adds it (as a new figure's headings, new-figure.ts).
 */
export function newHeading(axis: HeadingAxis): string {
	return axis === 'columns' ? m.board_new_column() : m.board_new_row();
}
