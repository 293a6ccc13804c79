import { describe, expect, it } from 'vitest';
import { fitLayout, lineCount, MAX_NOTE_PX, MIN_NOTE_PX, type FitSection, type Page } from '../../src/lib/components/present/fit';
import { SEED_NOTES } from '../fixtures/seed-notes';

const seedSection = (count: number): FitSection => ({
	heading: 'Grupp 1',
	notes: Array.from({ length: count }, (_, i) => ({ text: SEED_NOTES[i % SEED_NOTES.length]!, extraEm: 1.25 }))
});
/** Every (section, note) a page shows, in page order. */
const shown = (pages: Page[]) =>
	pages.flatMap((page) => page.flat().flatMap((p) => Array.from({ length: p.to - p.from }, (_, k) => `${p.section}:${p.from + k}`)));

// The stage of the projector page at 1920×1080: the screen less the header and the join card.
const STAGE = { w: 1590, h: 880 };

describe('lineCount', () => {
	it('wraps at spaces, each paragraph on its own, and breaks a word longer than a line', () => {
		expect(lineCount('ab cd ef', 5)).toBe(2);
		expect(lineCount('ab\n\ncd', 4)).toBe(3);
		expect(lineCount('abcdefghij', 4)).toBe(3);
		expect(lineCount('ab abcdefghij', 4)).toBe(4);
	});
});

describe('fitLayout', () => {
	it('gives a few notes the largest type on one page', () => {
		const layout = fitLayout([{ heading: 'Grupp 1', notes: [{ text: 'En arena för samtal', extraEm: 0 }] }], STAGE.w, STAGE.h);
		expect(layout.notePx).toBe(MAX_NOTE_PX);
		expect(layout.pages).toHaveLength(1);
	});

	it('shrinks the type until the longest note fits a column whole', () => {
		const layout = fitLayout([{ heading: 'Grupp 1', notes: [{ text: SEED_NOTES[0]!, extraEm: 1.25 }] }], 600, 400);
		expect(layout.notePx).toBeLessThan(MAX_NOTE_PX);
		expect(layout.pages).toHaveLength(1);
	});

	it('shrinks the type, but not below the least, before it pages', () => {
		const few = fitLayout([seedSection(5)], STAGE.w, STAGE.h);
		const more = fitLayout([seedSection(5), seedSection(5), seedSection(5), seedSection(5)], STAGE.w, STAGE.h);
		expect(few.pages).toHaveLength(1);
		expect(few.notePx).toBeGreaterThan(more.notePx);
		expect(more.notePx).toBeGreaterThanOrEqual(MIN_NOTE_PX);
	});

	it('pages 6 groups of 8 seed notes at 28 px, every note once and in order', () => {
		const sections = Array.from({ length: 6 }, () => seedSection(8));
		const layout = fitLayout(sections, STAGE.w, STAGE.h);
		expect(layout.notePx).toBe(MIN_NOTE_PX);
		expect(layout.pages.length).toBeGreaterThan(1);
		expect(shown(layout.pages)).toEqual(sections.flatMap((s, i) => s.notes.map((_, k) => `${i}:${k}`)));
		for (const page of layout.pages) expect(page.length).toBeLessThanOrEqual(layout.columns);
	});

	it('keeps each section whole in a column when some size allows it', () => {
		// Split over two columns, three notes would get larger type than in one.
		const layout = fitLayout([seedSection(3)], STAGE.w, STAGE.h);
		expect(layout.pages.flat(2)).toEqual([{ section: 0, from: 0, to: 3, continued: false }]);
	});

	it('marks the parts of a section after its first as continued', () => {
		const layout = fitLayout([seedSection(30)], STAGE.w, STAGE.h);
		const pieces = layout.pages.flat(2);
		expect(pieces[0]?.continued).toBe(false);
		expect(pieces.slice(1).every((p) => p.continued)).toBe(true);
	});

	it('gives a whole section (picture, table) a page of its own', () => {
		const layout = fitLayout([seedSection(1), { heading: 'Bild', notes: [], whole: true }, seedSection(1)], STAGE.w, STAGE.h);
		expect(layout.pages.map((p) => p.flat().map((piece) => piece.section))).toEqual([[0], [1], [2]]);
	});

	it('counts the lines of a long heading in a narrow column', () => {
		const short = fitLayout([{ ...seedSection(3), heading: 'Kort' }], 500, 1500);
		const long = fitLayout([{ ...seedSection(3), heading: 'Vad vill du att myndigheterna ska veta om regionerna?' }], 500, 1500);
		expect(long.notePx).toBeLessThan(short.notePx);
	});

	it('keeps an empty section, for its "Inga lappar än"', () => {
		const layout = fitLayout([{ heading: 'Grupp 1', notes: [] }], STAGE.w, STAGE.h);
		expect(layout.pages.flat(2)).toEqual([{ section: 0, from: 0, to: 0, continued: false }]);
	});

	it('puts everything on one page when the stage scrolls (a phone)', () => {
		const layout = fitLayout(Array.from({ length: 6 }, () => seedSection(8)), 330, Infinity);
		expect(layout.pages).toHaveLength(1);
		expect(layout.columns).toBe(1);
	});
});
