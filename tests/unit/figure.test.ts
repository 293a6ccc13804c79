import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addFigure, addNote, cellOf, deleteFigure, readFigures, readNotes, updateFigure } from '../../src/lib/board';

const anna = { id: 'p1', name: 'Anna', organisation: 'MUCF' };

describe('figures', () => {
	it('carry their notes when moved', () => {
		const doc = new Y.Doc();
		const id = addFigure(doc, { kind: 'question', title: 'Fråga', x: 0, y: 0, w: 600, h: 400 });
		const outside = addNote(doc, { x: 900, y: 900 }, anna);
		addNote(doc, { x: 40, y: 100 }, anna);
		updateFigure(doc, id, { x: 100, y: 50 });
		const notes = readNotes(doc);
		expect(notes.find((n) => n.id !== outside)).toMatchObject({ x: 140, y: 150, figureId: id });
		expect(notes.find((n) => n.id === outside)).toMatchObject({ x: 900, y: 900 });
	});

	it('are renamed and resized, never below the size of one note', () => {
		const doc = new Y.Doc();
		const id = addFigure(doc, { kind: 'question', title: 'Fråga', x: 0, y: 0, w: 600, h: 400 });
		updateFigure(doc, id, { title: 'Vad vill du veta om myndigheterna?', w: 10, h: 900 });
		expect(readFigures(doc)[0]).toMatchObject({ title: 'Vad vill du veta om myndigheterna?', w: 180, h: 900 });
	});

	it('keep each note in its cell when a grid figure is resized, larger or smaller', () => {
		const doc = new Y.Doc();
		const rows = ['Kunskap & analys', 'Finansiering'];
		const columns = ['Aktivitet', 'Syfte', 'Ansvarig'];
		// Cells of 220 × 160 below the 96 title bar and 64 heading row, after the 280 row headings.
		const id = addFigure(doc, { kind: 'grid', title: 'Aktivitetsplan', x: 0, y: 0, w: 280 + 3 * 220, h: 160 + 2 * 160, rows, columns });
		const placed = [
			{ x: 280 + 2 * 220 + 30, y: 160 + 160 + 20 }, // Finansiering · Ansvarig
			{ x: 280 + 220 + 12, y: 160 + 12 } // Kunskap & analys · Syfte
		];
		const ids = placed.map((at) => addNote(doc, at, anna));
		// By note id, in the order placed: notes made in the same millisecond read back in id order.
		const cells = () => {
			const figure = readFigures(doc)[0]!;
			const notes = readNotes(doc);
			return ids.map((id) => cellOf(figure, notes.find((n) => n.id === id)!));
		};
		const expected = [
			{ row: 'Finansiering', column: 'Ansvarig' },
			{ row: 'Kunskap & analys', column: 'Syfte' }
		];
		expect(cells()).toEqual(expected);
		updateFigure(doc, id, { w: 280 + 3 * 400, h: 160 + 2 * 300 });
		expect(cells()).toEqual(expected);
		updateFigure(doc, id, { w: 280 + 3 * 204, h: 160 + 2 * 144 });
		expect(cells()).toEqual(expected);
	});

	it('leave notes where they are when a question figure is resized', () => {
		const doc = new Y.Doc();
		const id = addFigure(doc, { kind: 'question', title: 'Fråga', x: 0, y: 0, w: 600, h: 400 });
		addNote(doc, { x: 400, y: 250 }, anna);
		updateFigure(doc, id, { w: 900, h: 700 });
		expect(readNotes(doc)[0]).toMatchObject({ x: 400, y: 250 });
	});

	it('keep their notes on the board when deleted', () => {
		const doc = new Y.Doc();
		const id = addFigure(doc, { kind: 'question', title: 'Fråga', x: 0, y: 0, w: 600, h: 400 });
		addNote(doc, { x: 40, y: 100, text: 'Viktigt' }, anna);
		deleteFigure(doc, id);
		expect(readFigures(doc)).toEqual([]);
		expect(readNotes(doc)).toMatchObject([{ text: 'Viktigt', figureId: null }]);
	});

	it('prefer the innermost figure when they overlap', () => {
		const doc = new Y.Doc();
		addFigure(doc, { kind: 'question', title: 'Stor', x: 0, y: 0, w: 2000, h: 2000 });
		const inner = addFigure(doc, { kind: 'summary', title: 'Liten', x: 100, y: 100, w: 400, h: 300 });
		addNote(doc, { x: 150, y: 150 }, anna);
		expect(readNotes(doc)[0]?.figureId).toBe(inner);
	});
});
