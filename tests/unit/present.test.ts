/** What the projector shows, as the workshop doc holds it: the facilitator's choice, read back safely. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	describePresent,
	pageOf,
	figureTitles,
	readingOrder,
	readPresent,
	setFollow,
	setPresent,
	setPresentPages,
	titlesAcrossBoards,
	turnPresentPage
} from '../../src/lib/board';

const groups = [{ id: 'g1', name: 'Grupp 1', order: 0 }];

describe('the projector target', () => {
	it("keeps the projector's page count for the control room until the target changes", () => {
		const doc = new Y.Doc();
		setPresent(doc, { mode: 'board', boardId: 'g1' });
		expect(readPresent(doc).pages).toBeUndefined();
		setPresentPages(doc, 3);
		turnPresentPage(doc, 1);
		expect(readPresent(doc)).toMatchObject({ page: 1, pages: 3 });
		setPresent(doc, { mode: 'plenary' });
		expect(readPresent(doc).pages).toBeUndefined();
	});

	it('ignores a page count that is not a whole number of pages', () => {
		const doc = new Y.Doc();
		for (const bad of [0, -2, 1.5, '3', null]) {
			doc.getMap('present').set('pages', bad);
			expect(readPresent(doc).pages).toBeUndefined();
		}
	});

	it('defaults to the plenary with "Följ mig" off', () => {
		expect(readPresent(new Y.Doc())).toEqual({ mode: 'plenary', follow: false, page: 0 });
	});

	it('switches between a board, a figure across groups and the plenary without stale keys', () => {
		const doc = new Y.Doc();
		setPresent(doc, { mode: 'board', boardId: 'g1' });
		expect(readPresent(doc)).toEqual({ mode: 'board', boardId: 'g1', follow: false, page: 0 });
		setPresent(doc, { mode: 'figure', figureTitle: 'Att tänka på' });
		setFollow(doc, true);
		expect(readPresent(doc)).toEqual({ mode: 'figure', figureTitle: 'Att tänka på', follow: true, page: 0 });
		setPresent(doc, { mode: 'plenary' });
		expect(doc.getMap('present').toJSON()).toEqual({ mode: 'plenary', follow: true });
	});

	it('turns pages from the control room, starts a new target on its first, and wraps on the projector', () => {
		const doc = new Y.Doc();
		setPresent(doc, { mode: 'board', boardId: 'g1' });
		turnPresentPage(doc, 1);
		turnPresentPage(doc, 1);
		expect(readPresent(doc).page).toBe(2);
		expect(pageOf(readPresent(doc).page, 3)).toBe(2);
		turnPresentPage(doc, 1);
		expect(pageOf(readPresent(doc).page, 3)).toBe(0);
		expect(pageOf(-1, 3)).toBe(2);
		setPresent(doc, { mode: 'plenary' });
		expect(readPresent(doc).page).toBe(0);
		doc.getMap('present').set('page', 'two');
		expect(readPresent(doc).page).toBe(0);
	});

	it('reads a malformed target as the plenary, so the projector never shows nothing', () => {
		const doc = new Y.Doc();
		doc.getMap('present').set('mode', 'board');
		expect(readPresent(doc).mode).toBe('plenary');
		doc.getMap('present').set('mode', 'nonsense');
		expect(readPresent(doc).mode).toBe('plenary');
	});

	it('names what is shown in Swedish', () => {
		expect(describePresent({ mode: 'board', boardId: 'g1' }, groups)).toBe('Grupp 1');
		expect(describePresent({ mode: 'figure', figureTitle: 'Fråga' }, groups)).toBe('Fråga – alla grupper');
		expect(describePresent({ mode: 'plenary' }, groups)).toMatch(/^Plenum/);
	});

	it('offers each figure title once and orders figures as a reader meets them, copies last', () => {
		expect(figureTitles([{ title: 'A' }, { title: ' B ' }, { title: 'A' }, { title: '' }])).toEqual(['A', 'B']);
		const order = readingOrder([
			{ id: 'copies', x: 0, y: 0 },
			{ id: 'b', x: 900, y: 0 },
			{ id: 'c', x: 0, y: 500 },
			{ id: 'a', x: 0, y: 0 }
		]).map((f) => f.id);
		expect(order).toEqual(['a', 'b', 'c', 'copies']);
	});

	it("offers the titles of every board: the first board's in reading order, then those only later boards have", () => {
		const fig = (id: string, title: string, x: number, y: number) => ({ id, title, x, y });
		const first = [fig('f2', 'Fallgropar', 700, 0), fig('f1', 'Framgång', 0, 0), fig('f3', 'Sammanfattning', 0, 600)];
		// Another board has one figure renamed, one added by hand, and the rest moved about.
		const second = [fig('s1', 'Utcheckning', 0, 1200), fig('s2', ' Fallgropar ', 0, 0), fig('s3', 'Hinder', 700, 0), fig('s4', '', 0, 50)];
		expect(titlesAcrossBoards([first, second])).toEqual(['Framgång', 'Fallgropar', 'Sammanfattning', 'Hinder', 'Utcheckning']);
		expect(titlesAcrossBoards([second, first])).toEqual(['Fallgropar', 'Hinder', 'Utcheckning', 'Framgång', 'Sammanfattning']);
		expect(titlesAcrossBoards([])).toEqual([]);
	});
});
