import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addFigure,
	addHeading,
	addNote,
	cellName,
	cellOf,
	CELL_PAD,
	FIGURE_TITLE_BAR,
	figureCells,
	freeSpotInCell,
	freeSpotInFigure,
	HEADING_ROW_H,
	HEADINGS_MAX,
	moveNote,
	NOTE_H,
	NOTE_W,
	readFigures,
	readNotes,
	removeHeading,
	renameHeading,
	sortByCell,
	ROW_HEADING_W,
	spotInCellAt,
	type Figure
} from '../../src/lib/board';

const anna = { id: 'p1', name: 'Anna', organisation: 'Region Dalarna' };
const base = { id: 'f', title: 'T', color: 'sand' as const, picture: null };

/** Three stages of 250 units; the cells start below the title bar and the heading row. */
const stages: Figure = { ...base, kind: 'columns', x: 100, y: 50, w: 750, h: 700, columns: ['Analys', 'Remiss', 'Beslut'], rows: [] };
const top = stages.y + FIGURE_TITLE_BAR + HEADING_ROW_H;

/** Two rows × two columns of 220 × 160 cells, right of the row headings. */
const plan: Figure = {
	...base,
	kind: 'grid',
	x: 0,
	y: 0,
	w: ROW_HEADING_W + 440,
	h: FIGURE_TITLE_BAR + HEADING_ROW_H + 320,
	columns: ['Aktivitet', 'Syfte'],
	rows: ['Finansiering', 'Processtöd']
};
const gridLeft = ROW_HEADING_W;
const gridTop = FIGURE_TITLE_BAR + HEADING_ROW_H;

/** A note's top-left corner that puts its centre on (x, y). */
const centredOn = (x: number, y: number) => ({ x: x - NOTE_W / 2, y: y - NOTE_H / 2 });

describe('cells of a columns figure', () => {
	it('split the width evenly, headings above the cells', () => {
		const { columnHeads, rowHeads, cells } = figureCells(stages);
		expect(rowHeads).toEqual([]);
		expect(columnHeads.map((r) => r.x)).toEqual([100, 350, 600]);
		expect(columnHeads[0]).toMatchObject({ y: stages.y + FIGURE_TITLE_BAR, w: 250, h: HEADING_ROW_H });
		expect(cells.map((c) => [c.row, c.column, c.rect.x, c.rect.y, c.rect.w])).toEqual([
			[null, 0, 100, top, 250],
			[null, 1, 350, top, 250],
			[null, 2, 600, top, 250]
		]);
		expect(cells[0]!.rect.y + cells[0]!.rect.h).toBe(stages.y + stages.h);
	});

	it('place a note in the column under its centre, and nowhere outside the figure', () => {
		expect(cellOf(stages, centredOn(120, 400))).toEqual({ row: null, column: 'Analys' });
		expect(cellOf(stages, centredOn(349, 400))).toEqual({ row: null, column: 'Analys' });
		expect(cellOf(stages, centredOn(351, 400))).toEqual({ row: null, column: 'Remiss' });
		expect(cellOf(stages, centredOn(849, 740))).toEqual({ row: null, column: 'Beslut' });
		// Held over a heading still counts as in that stage.
		expect(cellOf(stages, centredOn(700, stages.y + FIGURE_TITLE_BAR + 10))).toEqual({ row: null, column: 'Beslut' });
		expect(cellOf(stages, centredOn(90, 400))).toEqual({ row: null, column: null });
		expect(cellOf(stages, centredOn(400, 760))).toEqual({ row: null, column: null });
	});

	it('have no cells without headings', () => {
		const bare = { ...stages, columns: [] };
		expect(figureCells(bare).cells).toEqual([]);
		expect(cellOf(bare, centredOn(120, 400))).toEqual({ row: null, column: null });
	});
});

describe('cells of a grid figure', () => {
	it('have row headings on the left and column headings on top', () => {
		const { columnHeads, rowHeads, cells } = figureCells(plan);
		expect(columnHeads.map((r) => [r.x, r.w])).toEqual([
			[gridLeft, 220],
			[gridLeft + 220, 220]
		]);
		expect(rowHeads.map((r) => [r.x, r.y, r.w, r.h])).toEqual([
			[0, gridTop, ROW_HEADING_W, 160],
			[0, gridTop + 160, ROW_HEADING_W, 160]
		]);
		expect(cells.map((c) => `${c.row},${c.column}@${c.rect.x},${c.rect.y}`)).toEqual([
			`0,0@${gridLeft},${gridTop}`,
			`0,1@${gridLeft + 220},${gridTop}`,
			`1,0@${gridLeft},${gridTop + 160}`,
			`1,1@${gridLeft + 220},${gridTop + 160}`
		]);
	});

	it('label a note by its row and column, and neither over the headings', () => {
		expect(cellOf(plan, centredOn(gridLeft + 300, gridTop + 200))).toEqual({ row: 'Processtöd', column: 'Syfte' });
		expect(cellOf(plan, centredOn(gridLeft + 10, gridTop + 10))).toEqual({ row: 'Finansiering', column: 'Aktivitet' });
		expect(cellOf(plan, centredOn(100, gridTop + 10))).toEqual({ row: null, column: null });
		expect(cellOf(plan, centredOn(gridLeft + 10, gridTop - 10))).toEqual({ row: null, column: null });
	});

	it('find a free spot in a cell, then the next, and cascade when the cell is full', () => {
		const cell = { row: 1, column: 1 };
		const first = freeSpotInCell(plan, cell, [])!;
		expect(first).toEqual({ x: gridLeft + 220 + CELL_PAD, y: gridTop + 160 + CELL_PAD });
		expect(cellOf(plan, first)).toEqual({ row: 'Processtöd', column: 'Syfte' });
		// A 220 × 160 cell holds one post-it in a slot; a second one cascades, still in the cell.
		const second = freeSpotInCell(plan, cell, [first])!;
		expect(second).not.toEqual(first);
		expect(cellOf(plan, second)).toEqual({ row: 'Processtöd', column: 'Syfte' });
		expect(freeSpotInCell(plan, { row: 5, column: 0 }, [])).toBeNull();
	});

	it('put a double-clicked note inside the cell under the pointer, even at its edge', () => {
		const spot = spotInCellAt(plan, { x: gridLeft + 2, y: gridTop + 2 })!;
		expect(spot).toEqual({ x: gridLeft + CELL_PAD, y: gridTop + CELL_PAD });
		expect(spotInCellAt(plan, { x: 10, y: gridTop + 10 })).toBeNull();
	});
});

describe('notes in columns and grid figures on a board', () => {
	it('"+ Lapp" fills the cells in reading order', () => {
		const doc = new Y.Doc();
		const id = addFigure(doc, { ...plan, kind: 'grid' });
		const cells: string[] = [];
		for (let i = 0; i < 4; i++) {
			const spot = freeSpotInFigure(doc, id)!;
			addNote(doc, { ...spot, figureId: id }, anna);
			const c = cellOf(readFigures(doc)[0]!, spot);
			cells.push(`${c.row}/${c.column}`);
		}
		expect(cells).toEqual(['Finansiering/Aktivitet', 'Finansiering/Syfte', 'Processtöd/Aktivitet', 'Processtöd/Syfte']);
	});

	it('a card dragged to another stage stays in the figure and reads as in that stage', () => {
		const doc = new Y.Doc();
		const id = addFigure(doc, { ...stages });
		const note = addNote(doc, { ...freeSpotInFigure(doc, id)!, figureId: id }, anna);
		expect(cellOf(readFigures(doc)[0]!, readNotes(doc)[0]!).column).toBe('Analys');
		const n = readNotes(doc)[0]!;
		moveNote(doc, note, n.x + 500, n.y);
		const moved = readNotes(doc)[0]!;
		expect(moved.figureId).toBe(id);
		expect(cellOf(readFigures(doc)[0]!, moved).column).toBe('Beslut');
	});
});

describe('editing headings', () => {
	function board() {
		const doc = new Y.Doc();
		const id = addFigure(doc, { ...stages });
		const f = () => readFigures(doc)[0]!;
		const inColumn = (c: number) => addNote(doc, { ...freeSpotInCell(f(), { row: null, column: c }, readNotes(doc))!, figureId: id }, anna);
		return { doc, id, f, inColumn };
	}

	it('renames one heading', () => {
		const { doc, id, f } = board();
		renameHeading(doc, id, 'columns', 1, '  På remiss ');
		expect(f().columns).toEqual(['Analys', 'På remiss', 'Beslut']);
		renameHeading(doc, id, 'columns', 1, '   ');
		expect(f().columns[1]).toBe('På remiss');
	});

	it('adds a column at the end and widens the figure by one, so cards keep their stage', () => {
		const { doc, id, f, inColumn } = board();
		inColumn(2);
		expect(addHeading(doc, id, 'columns', 'Genomförande')).toBe(true);
		expect(f().columns).toEqual(['Analys', 'Remiss', 'Beslut', 'Genomförande']);
		expect(f().w).toBe(1000);
		expect(cellOf(f(), readNotes(doc)[0]!).column).toBe('Beslut');
	});

	it('refuses more headings than the limit', () => {
		const { doc, id, f } = board();
		while (f().columns.length < HEADINGS_MAX) expect(addHeading(doc, id, 'columns', 'X')).toBe(true);
		expect(addHeading(doc, id, 'columns', 'En till')).toBe(false);
		expect(f().columns).toHaveLength(HEADINGS_MAX);
	});

	it('removes a column, narrows the figure and keeps every card, those of the removed column in the one before', () => {
		const { doc, id, f, inColumn } = board();
		const a = inColumn(0);
		const b = inColumn(1);
		const c = inColumn(2);
		removeHeading(doc, id, 'columns', 1);
		expect(f().columns).toEqual(['Analys', 'Beslut']);
		expect(f().w).toBe(500);
		const byId = new Map(readNotes(doc).map((n) => [n.id, n]));
		expect(byId.size).toBe(3);
		expect(cellOf(f(), byId.get(a)!).column).toBe('Analys');
		expect(cellOf(f(), byId.get(b)!).column).toBe('Analys');
		expect(cellOf(f(), byId.get(c)!).column).toBe('Beslut');
		// The card from the removed column found its own spot, not on top of the one already there.
		expect([byId.get(b)!.x, byId.get(b)!.y]).not.toEqual([byId.get(a)!.x, byId.get(a)!.y]);
	});

	it('removes a grid row and moves the rows below it up', () => {
		const doc = new Y.Doc();
		const id = addFigure(doc, { ...plan });
		const f = () => readFigures(doc)[0]!;
		const spot = freeSpotInCell(f(), { row: 1, column: 1 }, [])!;
		addNote(doc, { ...spot, figureId: id }, anna);
		removeHeading(doc, id, 'rows', 0);
		expect(f().rows).toEqual(['Processtöd']);
		expect(f().h).toBe(plan.h - 160);
		expect(cellOf(f(), readNotes(doc)[0]!)).toEqual({ row: 'Processtöd', column: 'Syfte' });
	});
});

describe('listing a figure by cell', () => {
	it('orders notes row by row, column by column, and names each cell', () => {
		const at = (row: number, column: number, dy = 0) => {
			const rect = figureCells(plan).cells.find((c) => c.row === row && c.column === column)!.rect;
			return { x: rect.x + CELL_PAD, y: rect.y + CELL_PAD + dy };
		};
		const notes = [
			{ id: 'd', ...at(1, 1) },
			{ id: 'outside', x: 5, y: gridTop },
			{ id: 'b', ...at(0, 1) },
			{ id: 'a2', ...at(0, 0, 10) },
			{ id: 'a1', ...at(0, 0) },
			{ id: 'c', ...at(1, 0) }
		];
		expect(sortByCell(plan, notes).map((n) => n.id)).toEqual(['a1', 'a2', 'b', 'c', 'd', 'outside']);
		expect(cellName(cellOf(plan, at(1, 1)))).toBe('Processtöd · Syfte');
		expect(cellName(cellOf(stages, centredOn(400, 400)))).toBe('Remiss');
		expect(cellName(cellOf(plan, { x: 5, y: gridTop }))).toBe('');
	});
});
