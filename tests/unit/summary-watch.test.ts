/**
 * The plenary's watch on a group board: it answers what readSummarySource would, and the work it
 * does follows what changed (notes read), not the size of the board.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addFigure, addNote, deleteFigure, deleteNote, moveNote, readSummarySource, setNoteText, updateFigure } from '../../src/lib/board';
import { SummaryWatch } from '../../server/workshops/summary-watch';

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
		expect(source).toEqual(readSummarySource(doc, group));
	});

	it('follows notes moved into and out of the summary, deleted, and the summary figure itself', () => {
		const { doc, summary, inSummary, watch } = bigBoard();
		const outside = addNote(doc, { x: 3000, y: 3000, text: 'Flyttas in' }, author);
		moveNote(doc, outside, 100, 900);
		moveNote(doc, inSummary[0]!, 3000, 3000);
		deleteNote(doc, inSummary[2]!);
		expect(watch.source(group)).toEqual(readSummarySource(doc, group));
		updateFigure(doc, summary, { title: 'Medskick' });
		expect(watch.source(group).figureTitle).toBe('Medskick');
		const second = addFigure(doc, { kind: 'summary', title: 'Överst', x: 0, y: -500, w: 1000, h: 400 });
		addNote(doc, { x: 20, y: -400, text: 'I den andra', figureId: second }, author);
		expect(watch.source(group)).toEqual(readSummarySource(doc, group));
		deleteFigure(doc, summary);
		expect(watch.source(group)).toEqual(readSummarySource(doc, group));
	});

	it('keeps the last summary after its doc is destroyed', () => {
		const { doc, inSummary, watch } = bigBoard();
		setNoteText(doc, inSummary[0]!, 'Sista ordet');
		const before = readSummarySource(doc, group);
		doc.destroy();
		expect(watch.source(group)).toEqual(before);
	});
});
