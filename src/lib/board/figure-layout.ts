/**
 * Cells of 'columns' and 'grid' figures: where the headings and cells are, which cell a note is
 * in, and a free spot for a new note in a cell. Pure geometry in board units, shared by the
 * board UI (drawing, "+" per cell, double-click) and the exports (labelling notes by cell).
 *
 * A note's cell is never stored: it follows from the note's centre, as its figure does. Moving a
 * card between stages is therefore an ordinary moveNote, and two people dragging at once converge
 * like any other move.
 *
 *   columns figure            grid figure
 *   ┌───── title bar ─────┐   ┌──────── title bar ─────────┐
 *   │ head │ head │ head │   │        │ head │ head │ head │
 *   ├──────┼──────┼──────┤   ├────────┼──────┼──────┼──────┤
 *   │ cell │ cell │ cell │   │ row    │ cell │ cell │ cell │
 *   │      │      │      │   ├────────┼──────┼──────┼──────┤
 *   └──────┴──────┴──────┘   │ row    │ cell │ cell │ cell │
 *                            └────────┴──────┴──────┴──────┘
 * Bands split the figure evenly, so resizing the figure resizes every cell.
 */
import { noteHeight } from './note-size';
import { NOTE_H, NOTE_W, type Figure, type Note } from './schema';

/** Room for the figure's title, as in freeSpotInFigure. */
export const FIGURE_TITLE_BAR = 96;
/** The row of column headings: two lines at the board's heading size. */
export const HEADING_ROW_H = 64;
/** The column of row headings in a grid: "Interna verksamhetsprocesser" on two lines. */
export const ROW_HEADING_W = 280;
/** Space between a cell's edge and the notes placed in it. */
export const CELL_PAD = 12;
/** A cell that holds one post-it with its padding: what templates size their grids by. */
export const MIN_CELL_W = NOTE_W + 2 * CELL_PAD;
export const MIN_CELL_H = NOTE_H + 2 * CELL_PAD;

export interface Rect {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** A cell by position: `row` is null in a columns figure. */
export interface CellIndex {
	row: number | null;
	column: number;
}

/** A cell by its headings, as exports label a note; both null outside every cell. */
export interface CellLabel {
	row: string | null;
	column: string | null;
}

/**
 * A note already in place, as placement sees it: its top-left corner, and its text when known,
 * since a long note is drawn taller than NOTE_H (note-size.ts). A bare spot counts as NOTE_H tall.
 */
export type PlacedNote = Pick<Note, 'x' | 'y'> & { text?: string };

export interface Cell extends CellIndex {
	rect: Rect;
}

export interface FigureCells {
	/** Heading boxes above the columns, left to right. */
	columnHeads: Rect[];
	/** Heading boxes left of the rows, top to bottom (grid only). */
	rowHeads: Rect[];
	/** Every cell, in reading order (row by row). */
	cells: Cell[];
}

/** Does this figure lay its notes out in cells? Only columns and grid figures with headings do. */
export function hasCells(figure: Pick<Figure, 'kind' | 'columns' | 'rows'>): boolean {
	if (figure.kind === 'columns') return figure.columns.length > 0;
	if (figure.kind === 'grid') return figure.columns.length > 0 && figure.rows.length > 0;
	return false;
}

/** The cells area: below the title bar and the column headings, right of a grid's row headings. */
function body(figure: Figure): Rect {
	const left = figure.kind === 'grid' ? ROW_HEADING_W : 0;
	const top = FIGURE_TITLE_BAR + HEADING_ROW_H;
	return { x: figure.x + left, y: figure.y + top, w: Math.max(0, figure.w - left), h: Math.max(0, figure.h - top) };
}

/** Size of one cell; every cell of a figure has the same. */
export function cellSize(figure: Figure): { w: number; h: number } {
	const b = body(figure);
	const rows = figure.kind === 'grid' ? Math.max(1, figure.rows.length) : 1;
	return { w: b.w / Math.max(1, figure.columns.length), h: b.h / rows };
}

export function figureCells(figure: Figure): FigureCells {
	if (!hasCells(figure)) return { columnHeads: [], rowHeads: [], cells: [] };
	const b = body(figure);
	const size = cellSize(figure);
	const headTop = figure.y + FIGURE_TITLE_BAR;
	const columnHeads = figure.columns.map((_, c) => ({ x: b.x + c * size.w, y: headTop, w: size.w, h: HEADING_ROW_H }));
	if (figure.kind === 'columns') {
		const cells = figure.columns.map((_, c) => ({ row: null, column: c, rect: { x: b.x + c * size.w, y: b.y, w: size.w, h: b.h } }));
		return { columnHeads, rowHeads: [], cells };
	}
	const rowHeads = figure.rows.map((_, r) => ({ x: figure.x, y: b.y + r * size.h, w: ROW_HEADING_W, h: size.h }));
	const cells = figure.rows.flatMap((_, r) =>
		figure.columns.map((_, c) => ({ row: r, column: c, rect: { x: b.x + c * size.w, y: b.y + r * size.h, w: size.w, h: size.h } }))
	);
	return { columnHeads, rowHeads, cells };
}

export function cellRect(figure: Figure, cell: CellIndex): Rect | null {
	return figureCells(figure).cells.find((c) => c.row === cell.row && c.column === cell.column)?.rect ?? null;
}

function bandAt(start: number, size: number, count: number, value: number): number | null {
	if (size <= 0 || value < start || value > start + size * count) return null;
	return Math.min(count - 1, Math.floor((value - start) / size));
}

/**
 * The cell under a board point. In a columns figure a column runs from the title bar down, so a
 * card held over a stage's heading still counts as in that stage; a grid needs both bands.
 */
export function cellIndexAt(figure: Figure, x: number, y: number): CellIndex | null {
	if (!hasCells(figure)) return null;
	if (y < figure.y || y > figure.y + figure.h) return null;
	const b = body(figure);
	const size = cellSize(figure);
	const column = bandAt(b.x, size.w, figure.columns.length, x);
	if (column === null) return null;
	if (figure.kind === 'columns') return { row: null, column };
	const row = bandAt(b.y, size.h, figure.rows.length, y);
	return row === null ? null : { row, column };
}

/** The cell of a note, by its centre (the same rule that decides its figure). */
export function noteCell(figure: Figure, note: Pick<Note, 'x' | 'y'>): CellIndex | null {
	return cellIndexAt(figure, note.x + NOTE_W / 2, note.y + NOTE_H / 2);
}

/** The headings of a note's cell, for labelling exported items; nulls outside every cell. */
export function cellOf(figure: Figure, note: Pick<Note, 'x' | 'y'>): CellLabel {
	const cell = noteCell(figure, note);
	if (!cell) return { row: null, column: null };
	return { row: cell.row === null ? null : (figure.rows[cell.row] ?? null), column: figure.columns[cell.column] ?? null };
}

/** A note's top-left corner that keeps the whole note inside `rect` (as far as it fits). */
export function clampIntoRect(rect: Rect, x: number, y: number): { x: number; y: number } {
	const maxX = rect.x + rect.w - CELL_PAD - NOTE_W;
	const maxY = rect.y + rect.h - CELL_PAD - NOTE_H;
	return {
		x: Math.round(Math.max(rect.x + CELL_PAD, Math.min(maxX, x))),
		y: Math.round(Math.max(rect.y + CELL_PAD, Math.min(maxY, y)))
	};
}

/** The first note-sized slot of `rect` (reading order) that no note in `taken` covers, or null. */
function freeSlot(rect: Rect, taken: readonly PlacedNote[]): { x: number; y: number } | null {
	const cols = Math.floor((rect.w - CELL_PAD) / (NOTE_W + CELL_PAD));
	const rows = Math.floor((rect.h - CELL_PAD) / (NOTE_H + CELL_PAD));
	for (let i = 0; i < cols * rows; i++) {
		const x = Math.round(rect.x + CELL_PAD + (i % cols) * (NOTE_W + CELL_PAD));
		const y = Math.round(rect.y + CELL_PAD + Math.floor(i / cols) * (NOTE_H + CELL_PAD));
		if (!spotCovered(taken, x, y)) return { x, y };
	}
	return null;
}

/**
 * Does a note in `taken` cover a new note at (x, y)? It does when the two share over half their
 * width and the new note would start inside the other, however tall its text has grown it, or end
 * over half inside it from above.
 */
export function spotCovered(taken: readonly PlacedNote[], x: number, y: number): boolean {
	return taken.some(
		(t) => Math.abs(t.x - x) < NOTE_W / 2 && y > t.y - NOTE_H / 2 && y < t.y + noteHeight(t.text ?? '')
	);
}

/**
 * A spot for a new note in `rect` (top-left corners in `taken` are the notes already there): a
 * free slot, or when every slot is covered (or the rect is smaller than a note) a cascade from
 * the first slot, so that each new note still shows a little.
 */
export function freeSpotInRect(rect: Rect, taken: readonly PlacedNote[]): { x: number; y: number } {
	const slot = freeSlot(rect, taken);
	if (slot) return slot;
	const first = clampIntoRect(rect, rect.x, rect.y);
	let spot = first;
	for (let step = 0; step < 50; step++) {
		spot = clampIntoRect(rect, first.x + step * 16, first.y + step * 16);
		// In a cascade a note may overlap others, just not hide one exactly.
		if (!taken.some((t) => Math.abs(t.x - spot.x) < 8 && Math.abs(t.y - spot.y) < 8)) return spot;
	}
	return spot;
}

/** A free spot in one cell, given the figure's notes; null if the cell does not exist. */
export function freeSpotInCell(
	figure: Figure,
	cell: CellIndex,
	notes: readonly PlacedNote[]
): { x: number; y: number } | null {
	const rect = cellRect(figure, cell);
	return rect && freeSpotInRect(rect, notes);
}

/**
 * Where "+ Lapp" puts a note in a figure with cells: the first cell, in reading order, with a free
 * slot; when all are full, cascading in the first cell. Null for a figure without cells.
 */
export function freeSpotInCells(figure: Figure, notes: readonly PlacedNote[]): { x: number; y: number } | null {
	const { cells } = figureCells(figure);
	for (const { rect } of cells) {
		const slot = freeSlot(rect, notes);
		if (slot) return slot;
	}
	return cells[0] ? freeSpotInRect(cells[0].rect, notes) : null;
}

/**
 * A new note at a board point in a figure with cells (double-click): in the cell under the point,
 * centred on it as far as the cell allows. Null when the point is in no cell (a heading, say).
 */
export function spotInCellAt(figure: Figure, point: { x: number; y: number }): { x: number; y: number } | null {
	const cell = cellIndexAt(figure, point.x, point.y);
	const rect = cell && cellRect(figure, cell);
	return rect ? clampIntoRect(rect, point.x - NOTE_W / 2, point.y - NOTE_H / 2) : null;
}

/** "Finansiering · Ansvarig", or just the column: how a note's cell is named beside its text. */
export function cellName(label: CellLabel): string {
	return [label.row, label.column].filter((h): h is string => !!h).join(' · ');
}

/**
 * A figure's notes in the reading order of their cells (row by row, then column by column), and
 * top to bottom within a cell; notes outside every cell come last. For lists of a board, such as
 * the projector's.
 */
export function sortByCell<T extends Pick<Note, 'x' | 'y'>>(figure: Figure, notes: readonly T[]): T[] {
	const columns = Math.max(1, figure.columns.length);
	const order = (n: T) => {
		const cell = noteCell(figure, n);
		return cell ? (cell.row ?? 0) * columns + cell.column : Number.MAX_SAFE_INTEGER;
	};
	return [...notes].sort((a, b) => order(a) - order(b) || a.y - b.y || a.x - b.x);
}
