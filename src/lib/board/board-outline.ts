/**
 * A board as an outline, for everything that reads it in order rather than by where things lie:
 * the canvas's Tab order and the list view. Figures go in reading order (rows top to bottom, then
 * left to right); a figure with cells (columns, grid) splits into its cells; a note's place is its
 * figure and cell. "Flytta till …" offers the same places.
 */
import { cellName, figureCells, hasCells, noteCell, type CellIndex } from './figure-layout';
import { m } from '../paraglide/messages';
import { COPIES_FIGURE } from './plenary';
import type { Figure, Note } from './schema';

/** Things whose tops lie within this many board units of a row's first count as one row. */
const ROW_SLACK = 80;

/**
 * Figures (or notes) as a reader meets them: rows top to bottom, each row left to right; the
 * plenary's copies last. A frame that contains another starts higher, so it still comes first
 * (and on the canvas, never paints over the smaller one).
 */
export function readingOrder<T extends Pick<Figure, 'id' | 'x' | 'y'>>(items: readonly T[]): T[] {
	const byY = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
	const row = new Map<string, number>();
	let r = 0;
	let rowTop = byY[0]?.y ?? 0;
	for (const item of byY) {
		if (item.y - rowTop > ROW_SLACK) {
			r++;
			rowTop = item.y;
		}
		row.set(item.id, r);
	}
	const last = (item: T) => (item.id === COPIES_FIGURE ? 1 : 0);
	return byY.sort(
		(a, b) => last(a) - last(b) || row.get(a.id)! - row.get(b.id)! || a.x - b.x || a.y - b.y || a.id.localeCompare(b.id)
	);
}

/** Where a note can be: a figure, or one cell of a figure with cells. */
export interface Place {
	figureId: string;
	/** Null for a figure without cells. */
	cell: CellIndex | null;
}

export interface PlaceOption extends Place {
	/** Stable key for a form's option value. */
	key: string;
	/** "Vad vill du veta om myndigheterna?" or "Finansiering · Ansvarig". */
	label: string;
}

export function placeKey(place: Place): string {
	const { cell } = place;
	return cell ? `${place.figureId}/${cell.row ?? ''}/${cell.column}` : place.figureId;
}

/** A cell named by its headings ("Finansiering · Ansvarig"); by its number when they are blank, in the reader's language. */
export function cellTitle(figure: Figure, cell: CellIndex): string {
	const row = cell.row === null ? null : (figure.rows[cell.row]?.trim() ?? null);
	return cellName({ row: row || null, column: figure.columns[cell.column]?.trim() || null }) || m.board_cell_number({ n: cell.column + 1 });
}

/** Every place of one figure: its cells in reading order, or the figure itself. */
export function placesIn(figure: Figure): PlaceOption[] {
	if (!hasCells(figure)) return [{ figureId: figure.id, cell: null, key: figure.id, label: figure.title.trim() || m.board_untitled_figure() }];
	return figureCells(figure).cells.map(({ row, column }) => {
		const cell = { row, column };
		return { figureId: figure.id, cell, key: placeKey({ figureId: figure.id, cell }), label: cellTitle(figure, cell) };
	});
}

/** The place a note is in now; null for a note outside every figure. */
export function placeOf(figures: readonly Figure[], note: Pick<Note, 'figureId' | 'x' | 'y'>): Place | null {
	const figure = figures.find((f) => f.id === note.figureId);
	if (!figure) return null;
	return { figureId: figure.id, cell: hasCells(figure) ? noteCell(figure, note) : null };
}
