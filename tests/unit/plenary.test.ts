/**
 * The plenary mirror's pure diff and layout: what a participant reading the plenary board would
 * notice (titles, grouping, copies that survive), not the internals of the maps.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addFigure,
	addNote,
	copiesTitle,
	copyToPlenary,
	deleteNote,
	gridLayout,
	moveNote,
	noteHeight,
	NOTE_W,
	readFigures,
	readMeta,
	readNotes,
	readSummarySource,
	setNoteText,
	syncGroupMirror,
	type Note
} from '../../src/lib/board';
import { SummaryWatch } from '../../server/workshops/summary-watch';
import { LONG_SEED_NOTE, SEED_NOTES } from '../fixtures/seed-notes';

const author = { id: 'p1', name: 'Anna', organisation: 'Region Test' };

function groupBoard() {
	const doc = new Y.Doc();
	const summary = addFigure(doc, { kind: 'summary', title: 'Att tänka på', x: 0, y: 600, w: 1000, h: 400 });
	addFigure(doc, { kind: 'question', title: 'Fråga', x: 0, y: 0, w: 800, h: 500 });
	return { doc, summary };
}

const g = (id: string, order: number) => ({ id, name: `Grupp ${order + 1}`, order });

function titles(doc: Y.Doc): string[] {
	return readFigures(doc).map((f) => f.title).sort();
}

function notesIn(doc: Y.Doc, title: string): Note[] {
	const figure = readFigures(doc).find((f) => f.title === title);
	return readNotes(doc).filter((n) => n.figureId === figure?.id);
}

describe('the plenary mirror', () => {
	it('initialises the plenary board and mirrors only the summary notes, under "<group>: <title>"', () => {
		const { doc, summary } = groupBoard();
		addNote(doc, { x: 20, y: 700, text: 'Tid för reflektion', color: 'green', figureId: summary }, author);
		addNote(doc, { x: 20, y: 20, text: 'Inte med' }, author);
		const plenary = new Y.Doc();
		syncGroupMirror(plenary, readSummarySource(doc, g('g1', 0)), 'sv');
		expect(readMeta(plenary).title).toBe('Plenum');
		expect(titles(plenary)).toEqual(['Grupp 1: Att tänka på']);
		expect(notesIn(plenary, 'Grupp 1: Att tänka på')).toEqual([
			expect.objectContaining({ text: 'Tid för reflektion', color: 'green', authorName: 'Anna', organisation: 'Region Test' })
		]);
	});

	it("is written in the workshop's language, whoever reads it", () => {
		const { doc, summary } = groupBoard();
		const id = addNote(doc, { x: 20, y: 700, text: 'Time to reflect', figureId: summary }, author);
		const note = readNotes(doc).find((n) => n.id === id)!;
		const plenary = new Y.Doc();
		syncGroupMirror(plenary, readSummarySource(doc, { id: 'g1', name: 'Group 1', order: 0 }), 'en');
		copyToPlenary(plenary, 'g1', note, 'en');
		expect(readMeta(plenary)).toEqual(expect.objectContaining({ title: 'Plenary', instructions: expect.stringMatching(/^The groups' summaries, live\./) }));
		expect(titles(plenary)).toEqual(['From the groups', 'Group 1: Att tänka på']);
		expect(copiesTitle('en')).toBe('From the groups');
		// Written once: a later sync in another language leaves the board's words as they are.
		syncGroupMirror(plenary, readSummarySource(doc, { id: 'g1', name: 'Group 1', order: 0 }), 'sv');
		expect(readMeta(plenary).title).toBe('Plenary');
	});

	it('follows edits, deletes and moves out of the summary, and writes nothing when nothing changed', () => {
		const { doc, summary } = groupBoard();
		const a = addNote(doc, { x: 20, y: 700, text: 'A', figureId: summary }, author);
		const b = addNote(doc, { x: 220, y: 700, text: 'B', figureId: summary }, author);
		const c = addNote(doc, { x: 420, y: 700, text: 'C', figureId: summary }, author);
		const plenary = new Y.Doc();
		const sync = () => syncGroupMirror(plenary, readSummarySource(doc, g('g1', 0)), 'sv');
		sync();
		setNoteText(doc, a, 'A ändrad');
		deleteNote(doc, b);
		moveNote(doc, c, 20, 20); // into the question figure
		sync();
		expect(notesIn(plenary, 'Grupp 1: Att tänka på').map((n) => n.text)).toEqual(['A ändrad']);

		let updates = 0;
		plenary.on('update', () => updates++);
		sync();
		expect(updates).toBe(0);
	});

	it('keeps groups apart in a grid ordered by group, and never moves a copy away', () => {
		const one = groupBoard();
		const two = groupBoard();
		addNote(one.doc, { x: 20, y: 700, text: 'Ett', figureId: one.summary }, author);
		const source = addNote(two.doc, { x: 20, y: 700, text: 'Två', figureId: two.summary }, author);
		const plenary = new Y.Doc();
		syncGroupMirror(plenary, readSummarySource(two.doc, g('g2', 1)), 'sv');
		syncGroupMirror(plenary, readSummarySource(one.doc, g('g1', 0)), 'sv');
		const [first, second] = ['Grupp 1: Att tänka på', 'Grupp 2: Att tänka på'].map((t) => readFigures(plenary).find((f) => f.title === t)!);
		expect(first!.x).toBeLessThan(second!.x);
		expect(notesIn(plenary, 'Grupp 2: Att tänka på').map((n) => n.text)).toEqual(['Två']);

		const note = readNotes(two.doc).find((n) => n.id === source)!;
		copyToPlenary(plenary, 'g2', note, 'sv');
		deleteNote(two.doc, source);
		syncGroupMirror(plenary, readSummarySource(two.doc, g('g2', 1)), 'sv');
		expect(notesIn(plenary, 'Grupp 2: Att tänka på')).toEqual([]);
		expect(notesIn(plenary, copiesTitle('sv')).map((n) => n.text)).toEqual(['Två']);
	});

	it('removes the mirror figure of a group whose board has no summary figure', () => {
		const plenary = new Y.Doc();
		const { doc, summary } = groupBoard();
		syncGroupMirror(plenary, readSummarySource(doc, g('g1', 0)), 'sv');
		doc.getMap('figures').delete(summary);
		syncGroupMirror(plenary, readSummarySource(doc, g('g1', 0)), 'sv');
		expect(readFigures(plenary)).toEqual([]);
	});

	it('synced as a delta, ends as a full sync would, through adds, edits, moves and deletes in two groups', () => {
		const boards = [groupBoard(), groupBoard()].map((b, i) => ({ ...b, group: g(`g${i + 1}`, i), ids: [] as string[] }));
		const watches = boards.map((b) => new SummaryWatch(b.doc, () => {}));
		const byDelta = new Y.Doc();
		const byFull = new Y.Doc();
		const sync = () =>
			boards.forEach((b, i) => {
				syncGroupMirror(byDelta, watches[i]!.source(b.group), 'sv');
				syncGroupMirror(byFull, readSummarySource(b.doc, b.group), 'sv');
			});
		const snapshot = (doc: Y.Doc) => ({ figures: readFigures(doc), notes: readNotes(doc).sort((a, b) => a.id.localeCompare(b.id)) });
		// A fixed pseudo-random sequence: the same steps on every run.
		let seed = 7;
		const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
		for (let step = 0; step < 120; step++) {
			const board = boards[next(2)]!;
			const id = board.ids[next(Math.max(1, board.ids.length))];
			const action = next(5);
			if (action === 0 || !id) board.ids.push(addNote(board.doc, { x: 20 + next(800), y: 620 + next(300), text: `Lapp ${step}`, figureId: board.summary }, author));
			// Texts of 0–250 characters: rows of the mirror grow and shrink, and move the rows below.
			else if (action === 1) setNoteText(board.doc, id, `Ändrad ${step} ${LONG_SEED_NOTE.slice(0, next(250))}`);
			else if (action === 2) moveNote(board.doc, id, 20, 20); // out, into the question figure
			else if (action === 3) moveNote(board.doc, id, 20 + next(800), 700); // (back) into the summary
			else deleteNote(board.doc, id);
			if (next(3) === 0) sync();
		}
		sync();
		expect(readNotes(byDelta).length).toBeGreaterThan(4);
		expect(snapshot(byDelta)).toEqual(snapshot(byFull));
	});

	it('as a delta, touches only the mirrors of notes that changed', () => {
		const { doc, summary } = groupBoard();
		const a = addNote(doc, { x: 20, y: 700, text: 'A', figureId: summary }, author);
		addNote(doc, { x: 220, y: 700, text: 'B', figureId: summary }, author);
		const watch = new SummaryWatch(doc, () => {});
		const plenary = new Y.Doc();
		syncGroupMirror(plenary, watch.source(g('g1', 0)), 'sv');
		// Something else wrote both mirrors (a facilitator on the plenary board).
		for (const note of readNotes(plenary)) setNoteText(plenary, note.id, 'Skrivet i plenum');
		setNoteText(doc, a, 'A ändrad');
		syncGroupMirror(plenary, watch.source(g('g1', 0)), 'sv');
		expect(notesIn(plenary, 'Grupp 1: Att tänka på').map((n) => n.text).sort()).toEqual(['A ändrad', 'Skrivet i plenum']);
		// A full sync compares every note, and puts the other one back as its group wrote it.
		syncGroupMirror(plenary, readSummarySource(doc, g('g1', 0)), 'sv');
		expect(notesIn(plenary, 'Grupp 1: Att tänka på').map((n) => n.text).sort()).toEqual(['A ändrad', 'B']);
	});

	it('moves the figures below a row that grew, with their notes', () => {
		const boards = [0, 1, 2, 3].map((i) => ({ ...groupBoard(), group: g(`g${i + 1}`, i) }));
		for (const b of boards) addNote(b.doc, { x: 20, y: 700, text: `Från ${b.group.name}`, figureId: b.summary }, author);
		const plenary = new Y.Doc();
		const watches = boards.map((b) => new SummaryWatch(b.doc, () => {}));
		const sync = () => boards.forEach((b, i) => syncGroupMirror(plenary, watches[i]!.source(b.group), 'sv'));
		sync();
		const below = () => readFigures(plenary).find((f) => f.title.startsWith('Grupp 4'))!;
		const yBefore = below().y;
		// Five notes in group 1: its figure takes a second row of notes, and the grid's first row grows.
		for (let i = 0; i < 4; i++) addNote(boards[0]!.doc, { x: 220, y: 700, text: `Mer ${i}`, figureId: boards[0]!.summary }, author);
		sync();
		expect(below().y).toBeGreaterThan(yBefore);
		for (const figure of readFigures(plenary)) {
			for (const note of readNotes(plenary).filter((n) => n.figureId === figure.id)) {
				expect(note.x).toBeGreaterThanOrEqual(figure.x);
				expect(note.y).toBeGreaterThanOrEqual(figure.y);
				expect(note.y).toBeLessThan(figure.y + figure.h);
			}
		}
	});

	it('gives notes of real length room: no two overlap, and each stays inside its figure', () => {
		const boards = [0, 1, 2, 3].map((i) => ({ ...groupBoard(), group: g(`g${i + 1}`, i) }));
		const texts = [...SEED_NOTES, LONG_SEED_NOTE];
		boards.forEach((b, i) => {
			for (const [j, text] of texts.slice(i).entries()) addNote(b.doc, { x: 20 + j * 10, y: 700, text, figureId: b.summary }, author);
		});
		const plenary = new Y.Doc();
		const watches = boards.map((b) => new SummaryWatch(b.doc, () => {}));
		const sync = () => boards.forEach((b, i) => syncGroupMirror(plenary, watches[i]!.source(b.group), 'sv'));
		sync();
		// A short note grows to the seed's longest: its row, its figure and the grid row below grow.
		const short = readNotes(boards[0]!.doc).find((n) => n.text === 'En arena för samtal')!;
		setNoteText(boards[0]!.doc, short.id, LONG_SEED_NOTE);
		sync();
		const source = readNotes(boards[3]!.doc)[0]!;
		copyToPlenary(plenary, 'g4', source, 'sv');
		for (const text of texts) copyToPlenary(plenary, 'g4', { ...source, text }, 'sv');

		const figures = readFigures(plenary);
		const boxes = readNotes(plenary).map((n) => ({ x: n.x, y: n.y, w: NOTE_W, h: noteHeight(n.text), figure: figures.find((f) => f.id === n.figureId)! }));
		expect(boxes).toHaveLength(7 + 6 + 5 + 4 + 8); // the four groups' summaries, and eight copies
		const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
			a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
		for (const [i, a] of boxes.entries()) {
			expect(a.x + a.w).toBeLessThanOrEqual(a.figure.x + a.figure.w);
			expect(a.y + a.h).toBeLessThanOrEqual(a.figure.y + a.figure.h);
			for (const b of boxes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
		}
		for (const [i, a] of figures.entries()) for (const b of figures.slice(i + 1)) expect(overlap(a, b)).toBe(false);
	});

	it('lays rows out as tall as their tallest figure', () => {
		const at = gridLayout([
			{ id: 'a', order: 0, h: 300 },
			{ id: 'b', order: 1, h: 700 },
			{ id: 'c', order: 2, h: 200 },
			{ id: 'd', order: 3, h: 200 }
		]);
		expect(at.get('a')!.y).toBe(0);
		expect(at.get('d')!.y).toBeGreaterThan(700);
		expect(at.get('d')!.x).toBe(0);
	});
});
