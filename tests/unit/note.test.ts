import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addFigure,
	addNote,
	deleteNote,
	freeSpotInFigure,
	moveNote,
	NOTE_TEXT_MAX,
	readNotes,
	setNoteColor,
	setNoteText
} from '../../src/lib/board';

const anna = { id: 'p1', name: 'Anna', organisation: 'Region Skåne' };

function boardWithTwoFigures() {
	const doc = new Y.Doc();
	const left = addFigure(doc, { kind: 'question', title: 'Vad vill du veta om myndigheterna?', x: 0, y: 0, w: 600, h: 500 });
	const right = addFigure(doc, { kind: 'summary', title: 'Att tänka på inför Lärlabb', x: 700, y: 0, w: 600, h: 500 });
	return { doc, left, right };
}

describe('notes', () => {
	it('belong to the figure under their centre when added', () => {
		const { doc, left, right } = boardWithTwoFigures();
		addNote(doc, { x: 20, y: 80, text: 'Roller och funktioner' }, anna);
		addNote(doc, { x: 720, y: 80 }, anna);
		addNote(doc, { x: 2000, y: 2000 }, anna);
		const byX = readNotes(doc).sort((a, b) => a.x - b.x);
		expect(byX.map((n) => n.figureId)).toEqual([left, right, null]);
	});

	it('carry their author and organisation', () => {
		const { doc } = boardWithTwoFigures();
		addNote(doc, { x: 20, y: 80, text: 'En arena för samtal' }, anna);
		const [note] = readNotes(doc);
		expect(note).toMatchObject({ authorId: 'p1', authorName: 'Anna', organisation: 'Region Skåne', text: 'En arena för samtal' });
	});

	it('change figure when dropped in another one, and leave every figure when dropped outside', () => {
		const { doc, right } = boardWithTwoFigures();
		const id = addNote(doc, { x: 20, y: 80 }, anna);
		moveNote(doc, id, 760, 200);
		expect(readNotes(doc)[0]).toMatchObject({ x: 760, y: 200, figureId: right });
		moveNote(doc, id, 1500, 900);
		expect(readNotes(doc)[0]?.figureId).toBeNull();
	});

	it('cap text at the limit and report the cut, so that a 10,000-character paste loses nothing else', () => {
		const { doc } = boardWithTwoFigures();
		const id = addNote(doc, { x: 20, y: 80, text: 'Kort' }, anna);
		const result = setNoteText(doc, id, 'x'.repeat(10_000));
		expect(result.cut).toBe(true);
		expect(readNotes(doc)[0]?.text).toHaveLength(NOTE_TEXT_MAX);
		expect(setNoteText(doc, id, 'Kort igen').cut).toBe(false);
		expect(readNotes(doc)[0]?.text).toBe('Kort igen');
	});

	it('edit text with the smallest change, so that concurrent edits in different places both survive', () => {
		const a = new Y.Doc();
		const id = addNote(a, { x: 0, y: 0, text: 'Tid att lära känna varandra' }, anna);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		setNoteText(a, id, 'Mer tid att lära känna varandra');
		setNoteText(b, id, 'Tid att lära känna varandra, nivå: basic');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readNotes(a)[0]?.text).toBe('Mer tid att lära känna varandra, nivå: basic');
		expect(readNotes(b)[0]?.text).toBe(readNotes(a)[0]?.text);
	});

	it('are recoloured and deleted', () => {
		const { doc } = boardWithTwoFigures();
		const id = addNote(doc, { x: 20, y: 80 }, anna);
		setNoteColor(doc, id, 'pink');
		expect(readNotes(doc)[0]?.color).toBe('pink');
		deleteNote(doc, id);
		expect(readNotes(doc)).toEqual([]);
	});

	it('get a free spot in a figure that does not cover an existing note', () => {
		const { doc, left } = boardWithTwoFigures();
		const first = freeSpotInFigure(doc, left)!;
		addNote(doc, { ...first }, anna);
		const second = freeSpotInFigure(doc, left)!;
		expect(second).not.toEqual(first);
		addNote(doc, { ...second }, anna);
		expect(readNotes(doc).every((n) => n.figureId === left)).toBe(true);
	});

	it('keep only what the reader can trust from a hostile document', () => {
		const doc = new Y.Doc();
		const map = new Y.Map<unknown>();
		map.set('x', 'not a number');
		map.set('color', 'chartreuse');
		map.set('text', 42);
		doc.getMap('notes').set('n1', map);
		expect(readNotes(doc)[0]).toMatchObject({ x: 0, color: 'yellow', text: '', figureId: null });
	});
});
