import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addFigure,
	addNote,
	freeSpotInCell,
	freeSpotInFigure,
	NOTE_H,
	NOTE_W,
	noteHeight,
	readFigures,
	readNotes,
	type Figure,
	type Note
} from '../../src/lib/board';
import { LONG_SEED_NOTE, SEED_NOTES } from '../fixtures/seed-notes';

const anna = { id: 'p1', name: 'Anna Berg', organisation: 'Region Skåne' };

/** Pairs of notes whose drawn rectangles (with grown heights) overlap. */
function overlapping(notes: readonly Note[]): string[] {
	const found: string[] = [];
	for (const [i, a] of notes.entries())
		for (const b of notes.slice(i + 1)) {
			const apart =
				a.x + NOTE_W <= b.x || b.x + NOTE_W <= a.x || a.y + noteHeight(a.text) <= b.y || b.y + noteHeight(b.text) <= a.y;
			if (!apart) found.push(`${a.text.slice(0, 20)} × ${b.text.slice(0, 20)}`);
		}
	return found;
}

describe('a note’s drawn height', () => {
	it('is NOTE_H for a short note and grows with long text', () => {
		expect(noteHeight('')).toBe(NOTE_H);
		expect(noteHeight('En arena för samtal')).toBe(NOTE_H);
		// A 250-character seed note wraps to 16 lines at 17 px: far taller than an empty card.
		expect(LONG_SEED_NOTE.length).toBeGreaterThan(240);
		expect(noteHeight(LONG_SEED_NOTE)).toBeGreaterThan(2.5 * NOTE_H);
		const [shorter, longer] = [...SEED_NOTES].sort((a, b) => a.length - b.length).slice(-2);
		expect(noteHeight(longer!)).toBeGreaterThanOrEqual(noteHeight(shorter!));
	});

	it('counts each line break as a new line', () => {
		expect(noteHeight('a\nb\nc\nd\ne\nf')).toBeGreaterThan(noteHeight('a b c d e f'));
	});
});

describe('"+ Lapp" beside long notes', () => {
	it('never puts a note over a long note’s text in a question figure', () => {
		const doc = new Y.Doc();
		const id = addFigure(doc, { kind: 'question', title: 'Att tänka på', x: 0, y: 0, w: 640, h: 1400, color: 'sand' });
		const texts = [LONG_SEED_NOTE, ...SEED_NOTES, LONG_SEED_NOTE, LONG_SEED_NOTE];
		for (const text of texts) addNote(doc, { ...freeSpotInFigure(doc, id)!, text, figureId: id }, anna);
		const notes = readNotes(doc);
		expect(notes).toHaveLength(texts.length);
		expect(overlapping(notes)).toEqual([]);
		expect(notes.every((n) => n.y + noteHeight(n.text) <= 1400)).toBe(true);
	});

	it('never puts a note over a long card in a stage of a columns figure', () => {
		const doc = new Y.Doc();
		const stages: Omit<Figure, 'id'> = {
			kind: 'columns',
			title: 'Var befinner ni er?',
			x: 0,
			y: 0,
			w: 600,
			h: 1600,
			color: 'sky',
			columns: ['Analys', 'Beslut'],
			rows: [],
			picture: null
		};
		const id = addFigure(doc, stages);
		for (const text of [LONG_SEED_NOTE, SEED_NOTES[0]!, 'Kort']) {
			const spot = freeSpotInCell(readFigures(doc)[0]!, { row: null, column: 0 }, readNotes(doc))!;
			addNote(doc, { ...spot, text, figureId: id }, anna);
		}
		expect(overlapping(readNotes(doc))).toEqual([]);
	});
});

describe('"+ Lapp" in a figure full of long notes', () => {
	it('still puts each new note where no other note starts, so every first line shows', () => {
		const doc = new Y.Doc();
		const id = addFigure(doc, { kind: 'question', title: 'Vilka förväntningar har du?', x: 0, y: 0, w: 640, h: 560, color: 'sand' });
		for (const text of [LONG_SEED_NOTE, ...SEED_NOTES]) addNote(doc, { ...freeSpotInFigure(doc, id)!, text, figureId: id }, anna);
		const corners = readNotes(doc).map((n) => `${n.x},${n.y}`);
		expect(new Set(corners).size).toBe(corners.length);
	});
});
