/**
 * The plenary's watch on a group board: it answers what readSummarySource would, and the work it
 * does follows what changed (notes read), not the size of the board.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addFigure, addNote, deleteFigure, deleteNote, moveNote, readSummarySource, setNoteText, updateFigure } from '../../src/lib/board';
import { SummaryWatch } from '../../server/workshops/summary-watch';
import type { SummarySource } from '../../src/lib/board/plenary';

const author = { id: 'p1', name: 'Anna', organisation: 'Region Test' };
const group = { id: 'g1', name: 'Grupp 1', order: 0 };

/** A board of 300 notes, three of them in the summary figure, and a watch counting its wake-ups. */
function bigBoard() {
	const doc = new Y.Doc();
	const summary = addFigure(doc, { kind: 'summary', title: 'Att tänka på', x: 0, y: 600, w: 1000, h: 400 });
	addFigure(doc, { kind: 'question', title: 'Fråga', x: 0, y: 0, w: 800, h: 500 });
	const inSummary = [0, 1, 2].map((i) => addNote(doc, { x: 20 + i * 200, y: 700, text: `Summa ${i}`, figureId: summary }, author));
	for (let i = 0; i < 297; i++) addNote(doc, { x: 2000 + (i % 20) * 200, y: (i / 20) * 140, text: `Lapp ${i}` }, author);
	let wakes = 0;
	const watch = new SummaryWatch(doc, () => wakes++);
	watch.source(group);
	return { doc, summary, inSummary, watch, wakes: () => wakes };
}

/** The source as readSummarySource gives it: without what changed since the last one. */
function withoutChanges(source: SummarySource): SummarySource {
	const { changes: _changes, ...rest } = source;
	return rest;
}

describe('the summary watch', () => {
	it('does no plenary work for a change outside every summary figure', () => {
		const { doc, watch, wakes } = bigBoard();
		const read = watch.notesRead;
		const outside = addNote(doc, { x: 3000, y: 3000, text: 'Ny lapp' }, author);
		setNoteText(doc, outside, 'Ändrad lapp');
		moveNote(doc, outside, 3100, 3100);
		deleteNote(doc, outside);
		expect(wakes()).toBe(0);
		watch.source(group);
		expect(watch.notesRead).toBe(read);
	});

	it('re-reads only the summary note that changed, and mirrors its new text', () => {
		const { doc, inSummary, watch, wakes } = bigBoard();
		const read = watch.notesRead;
		setNoteText(doc, inSummary[1]!, 'Ny sammanfattning');
		expect(wakes()).toBe(1);
		const source = watch.source(group);
		expect(watch.notesRead).toBe(read + 1);
		expect(source.notes.map((n) => n.text).sort()).toEqual(['Ny sammanfattning', 'Summa 0', 'Summa 2']);
		expect(withoutChanges(source)).toEqual(readSummarySource(doc, group));
	});

	it('follows notes moved into and out of the summary, deleted, and the summary figure itself', () => {
		const { doc, summary, inSummary, watch } = bigBoard();
		const outside = addNote(doc, { x: 3000, y: 3000, text: 'Flyttas in' }, author);
		moveNote(doc, outside, 100, 900);
		moveNote(doc, inSummary[0]!, 3000, 3000);
		deleteNote(doc, inSummary[2]!);
		expect(withoutChanges(watch.source(group))).toEqual(readSummarySource(doc, group));
		updateFigure(doc, summary, { title: 'Medskick' });
		expect(watch.source(group).figureTitle).toBe('Medskick');
		const second = addFigure(doc, { kind: 'summary', title: 'Överst', x: 0, y: -500, w: 1000, h: 400 });
		addNote(doc, { x: 20, y: -400, text: 'I den andra', figureId: second }, author);
		expect(withoutChanges(watch.source(group))).toEqual(readSummarySource(doc, group));
		deleteFigure(doc, summary);
		expect(withoutChanges(watch.source(group))).toEqual(readSummarySource(doc, group));
	});

	it('says which notes changed since the last source: written, re-placed, or gone', () => {
		const { doc, summary, inSummary, watch } = bigBoard();
		expect(new SummaryWatch(doc, () => {}).source(group).changes).toBeUndefined(); // its first: not known
		setNoteText(doc, inSummary[2]!, 'Ändrad');
		expect(watch.source(group).changes).toEqual({ written: new Set([inSummary[2]]), left: new Set() });
		const [first, second, third] = watch.source(group).notes.map((n) => n.id);
		expect(watch.source(group).changes).toEqual({ written: new Set(), left: new Set() });
		// The first note in the order leaves: the two after it move up a slot.
		deleteNote(doc, first!);
		expect(watch.source(group).changes).toEqual({ written: new Set([second, third]), left: new Set([first]) });
		const added = addNote(doc, { x: 20, y: 900, text: 'Ny', figureId: summary }, author);
		expect(watch.source(group).changes).toEqual({ written: new Set([added]), left: new Set() });
		// Out and back in before the next source: written, not gone.
		moveNote(doc, added, 3000, 3000);
		moveNote(doc, added, 20, 900);
		expect(watch.source(group).changes).toEqual({ written: new Set([added]), left: new Set() });
	});

	it('does not claim to know the changes after a resync or a new set of summary figures', () => {
		const { doc, watch } = bigBoard();
		watch.resync();
		expect(watch.source(group).changes).toBeUndefined();
		expect(watch.source(group).changes).toBeDefined();
		addFigure(doc, { kind: 'summary', title: 'Till', x: 0, y: 2000, w: 1000, h: 400 });
		expect(watch.source(group).changes).toBeUndefined();
	});

	it('keeps the last summary after its doc is destroyed', () => {
		const { doc, inSummary, watch } = bigBoard();
		setNoteText(doc, inSummary[0]!, 'Sista ordet');
		const before = readSummarySource(doc, group);
		doc.destroy();
		expect(withoutChanges(watch.source(group))).toEqual(before);
	});
});
