/** "Fundera själv först" (src/lib/board/individual.ts): the phase, drafts and placing them on reveal. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addDraft,
	addFigure,
	addNote,
	ANONYMOUS,
	deleteDrafts,
	draftsInScope,
	inIndividualScope,
	moveDraft,
	NOTE_H,
	NOTE_W,
	readDrafts,
	readFigures,
	readIndividual,
	readNotes,
	revealInto,
	setDraftColor,
	setDraftText,
	startIndividual,
	stopIndividual,
	WHOLE_BOARD
} from '../../src/lib/board';

const A = 'Vilka förväntningar har du?';
const B = 'Vad vill du veta?';

describe('the individual phase in the workshop doc', () => {
	it('starts, stops (keeping scope and anonymity) and reads a hostile doc as no phase', () => {
		const doc = new Y.Doc();
		expect(readIndividual(doc)).toBeNull();
		startIndividual(doc, { scope: A, anonymous: true });
		expect(readIndividual(doc)).toMatchObject({ active: true, scope: A, anonymous: true });
		stopIndividual(doc);
		expect(readIndividual(doc)).toMatchObject({ active: false, scope: A, anonymous: true });
		doc.getMap('individual').set('scope', 42);
		expect(readIndividual(doc)).toBeNull();
	});

	it('decides which figures are in scope', () => {
		const phase = { active: true, scope: A, anonymous: false, startedAt: 1 };
		expect(inIndividualScope(phase, A)).toBe(true);
		expect(inIndividualScope(phase, B)).toBe(false);
		expect(inIndividualScope({ ...phase, scope: WHOLE_BOARD }, B)).toBe(true);
		expect(inIndividualScope({ ...phase, active: false }, A)).toBe(false);
		expect(inIndividualScope(null, A)).toBe(false);
	});
});

describe('drafts in the private doc', () => {
	it('adds, edits, recolours, moves and deletes drafts, beside the dots map', () => {
		const doc = new Y.Doc();
		doc.getMap('dots').set('d1', { voteId: 'v', boardId: 'g1', figureId: 'f', noteId: 'n' });
		const id = addDraft(doc, { figureTitle: A, x: 20.4, y: 100, text: 'Hej' });
		setDraftText(doc, id, 'Hej då');
		setDraftColor(doc, id, 'pink');
		moveDraft(doc, id, 40, 120);
		expect(readDrafts(doc)).toEqual([
			{ id, text: 'Hej då', figureTitle: A, x: 40, y: 120, color: 'pink', createdAt: expect.any(Number) }
		]);
		expect(setDraftText(doc, id, 'x'.repeat(600)).cut).toBe(true);
		deleteDrafts(doc, [id, 'missing']);
		expect(readDrafts(doc)).toEqual([]);
		expect(doc.getMap('dots').size).toBe(1);
	});

	it('picks the drafts of one figure, or all', () => {
		const doc = new Y.Doc();
		addDraft(doc, { figureTitle: A, x: 0, y: 0 });
		addDraft(doc, { figureTitle: B, x: 0, y: 0 });
		const drafts = readDrafts(doc);
		expect(draftsInScope(drafts, A).map((d) => d.figureTitle)).toEqual([A]);
		expect(draftsInScope(drafts)).toHaveLength(2);
	});
});

describe('revealing drafts into a board', () => {
	function board(): { doc: Y.Doc; figureId: string } {
		const doc = new Y.Doc();
		const figureId = addFigure(doc, { kind: 'question', title: A, x: 1000, y: 500, w: 640, h: 560, color: 'sand' })!;
		return { doc, figureId };
	}

	it('places drafts in the figure of their title, at their own spot when free, never overlapping', () => {
		const { doc, figureId } = board();
		addNote(doc, { x: 1020, y: 600, text: 'redan här', figureId }, { id: 'p0', name: 'Pia', organisation: 'Region X' });
		const priv = new Y.Doc();
		addDraft(priv, { figureTitle: A, x: 20, y: 100, text: 'krockar', color: 'green' });
		addDraft(priv, { figureTitle: A, x: 400, y: 300, text: 'egen plats' });
		addDraft(priv, { figureTitle: 'Finns inte', x: 0, y: 0, text: 'blir kvar' });
		const drafts = readDrafts(priv);
		const moved = revealInto(doc, drafts, { id: 'p1', name: 'Anna', organisation: 'Region Y' });
		// Drafts of one millisecond sort by random id, so compare as sets.
		expect(moved.sort()).toEqual(draftsInScope(drafts, A).map((d) => d.id).sort());
		const notes = readNotes(doc);
		expect(notes).toHaveLength(3);
		const own = notes.find((n) => n.text === 'egen plats')!;
		expect(own).toMatchObject({ x: 1400, y: 800, figureId, authorId: 'p1', authorName: 'Anna', organisation: 'Region Y' });
		const bumped = notes.find((n) => n.text === 'krockar')!;
		expect(bumped).toMatchObject({ figureId, color: 'green' });
		for (const a of notes) for (const b of notes) {
			if (a !== b) expect(Math.abs(a.x - b.x) >= NOTE_W / 2 || Math.abs(a.y - b.y) >= NOTE_H / 2).toBe(true);
		}
		const figure = readFigures(doc)[0]!;
		expect(bumped.x).toBeGreaterThanOrEqual(figure.x);
		expect(bumped.y + NOTE_H).toBeLessThanOrEqual(figure.y + figure.h);
	});

	it('reveals anonymously with no author at all', () => {
		const { doc } = board();
		const priv = new Y.Doc();
		addDraft(priv, { figureTitle: A, x: 20, y: 100, text: 'anonym' });
		revealInto(doc, readDrafts(priv), ANONYMOUS);
		expect(readNotes(doc)[0]).toMatchObject({ text: 'anonym', authorId: '', authorName: '', organisation: '' });
	});
});
