import { describe, expect, it } from 'vitest';
import {
	cellTitle,
	COPIES_FIGURE,
	FIGURE_TITLE_BAR,
	HEADING_ROW_H,
	placeKey,
	placeOf,
	placesIn,
	readingOrder,
	ROW_HEADING_W,
	type Figure
} from '../../src/lib/board';

const base = { title: 'T', color: 'sand' as const, picture: null, columns: [], rows: [] };
const question = (id: string, x: number, y: number, title = id): Figure => ({ ...base, id, kind: 'question', title, x, y, w: 600, h: 500 });
const stages: Figure = { ...base, id: 'rus', kind: 'columns', title: 'RUS', x: 0, y: 0, w: 600, h: 600, columns: ['Analys', 'Remiss', 'Beslut'] };
const plan: Figure = {
	...base,
	id: 'plan',
	kind: 'grid',
	title: 'Plan',
	x: 0,
	y: 0,
	w: ROW_HEADING_W + 400,
	h: FIGURE_TITLE_BAR + HEADING_ROW_H + 400,
	columns: ['Syfte', ' '],
	rows: ['Finansiering', 'Processtöd']
};

describe('reading order', () => {
	it('reads rows top to bottom and each row left to right, though tops differ a little', () => {
		const order = readingOrder([question('right', 700, 0), question('below', 0, 600), question('left', 0, 40), question('mid', 350, 20)]);
		expect(order.map((f) => f.id)).toEqual(['left', 'mid', 'right', 'below']);
	});

	it("puts the plenary's copies last and breaks ties by id, so every screen agrees", () => {
		const order = readingOrder([question(COPIES_FIGURE, 0, 0), question('b', 0, 0), question('a', 0, 0)]);
		expect(order.map((f) => f.id)).toEqual(['a', 'b', COPIES_FIGURE]);
	});
});

describe('places of a board', () => {
	it('offers a figure without cells as one place, named by its title', () => {
		expect(placesIn(question('q', 0, 0, '  Vad vill du veta om myndigheterna? '))).toEqual([
			{ figureId: 'q', cell: null, key: 'q', label: 'Vad vill du veta om myndigheterna?' }
		]);
	});

	it('offers every stage and every cell, in reading order, named by their headings', () => {
		expect(placesIn(stages).map((p) => p.label)).toEqual(['Analys', 'Remiss', 'Beslut']);
		expect(placesIn(plan).map((p) => p.label)).toEqual(['Finansiering · Syfte', 'Finansiering', 'Processtöd · Syfte', 'Processtöd']);
		expect(new Set(placesIn(plan).map((p) => p.key)).size).toBe(4);
	});

	it('names a cell whose headings are blank by its number', () => {
		expect(cellTitle({ ...stages, columns: ['', ' '] }, { row: null, column: 1 })).toBe('Ruta 2');
	});

	it("finds a note's place from where it lies, and none outside every figure", () => {
		const inRemiss = { figureId: 'rus', x: 210, y: FIGURE_TITLE_BAR + HEADING_ROW_H + 20 };
		const place = placeOf([stages], inRemiss);
		expect(place).toEqual({ figureId: 'rus', cell: { row: null, column: 1 } });
		expect(placeKey(place!)).toBe(placesIn(stages)[1]!.key);
		expect(placeOf([stages], { figureId: null, x: 0, y: 0 })).toBeNull();
		expect(placeOf([question('q', 0, 0)], { figureId: 'q', x: 10, y: 10 })).toEqual({ figureId: 'q', cell: null });
	});
});
