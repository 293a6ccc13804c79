import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	cellOf,
	FIGURE_TITLE_MAX,
	figureCells,
	findTemplate,
	freeSpotInFigure,
	HEADING_MAX,
	HEADINGS_MAX,
	initBoard,
	MIN_CELL_H,
	MIN_CELL_W,
	readFigures,
	readMeta,
	readRunSheet,
	setPhases,
	templateInLanguage,
	TEMPLATES,
	VOTE_QUOTA_MAX,
	type Figure
} from '../../src/lib/board';

function instantiate(id: string) {
	const template = findTemplate(id)!;
	const doc = new Y.Doc();
	initBoard(doc, template.board);
	return { template, doc, figures: readFigures(doc) };
}

const overlap = (a: Figure, b: Figure) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('every template in the library', () => {
	it('has a unique slug id, a Swedish name and a description', () => {
		const ids = TEMPLATES.map((t) => t.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const t of TEMPLATES) {
			expect(t.id).toMatch(/^[a-z0-9-]+$/);
			expect(t.name.trim()).not.toBe('');
			expect(t.description.trim()).not.toBe('');
		}
	});

	for (const { id } of TEMPLATES) {
		it(`${id}: builds a board that reads back as written, figures apart, headings within limits`, () => {
			const { template, doc, figures } = instantiate(id);
			expect(readMeta(doc).title).toBe(template.board.title);
			expect(readMeta(doc).instructions).toBe(template.board.instructions);
			expect(figures).toHaveLength(template.board.figures.length);
			for (const seed of template.board.figures) {
				const f = figures.find((x) => x.title === seed.title)!;
				expect(f, seed.title).toBeDefined();
				expect(seed.title.length).toBeLessThanOrEqual(FIGURE_TITLE_MAX);
				expect({ kind: f.kind, x: f.x, y: f.y, w: f.w, h: f.h }).toEqual({ kind: seed.kind, x: seed.x, y: seed.y, w: seed.w, h: seed.h });
				expect(f.columns).toEqual(seed.columns ?? []);
				expect(f.rows).toEqual(seed.rows ?? []);
				for (const heading of [...f.columns, ...f.rows]) expect(heading.length).toBeLessThanOrEqual(HEADING_MAX);
				expect(f.columns.length).toBeLessThanOrEqual(HEADINGS_MAX);
				expect(f.rows.length).toBeLessThanOrEqual(HEADINGS_MAX);
			}
			// Titles name "the same" figure on every group board (votes, projector, summary).
			expect(new Set(figures.map((f) => f.title)).size).toBe(figures.length);
			for (let i = 0; i < figures.length; i++) {
				for (let j = i + 1; j < figures.length; j++) {
					expect(overlap(figures[i]!, figures[j]!), `${figures[i]!.title} / ${figures[j]!.title}`).toBe(false);
				}
			}
		});

		it(`${id}: has a run-sheet and timer presets the facilitator can start`, () => {
			const { template } = instantiate(id);
			const doc = new Y.Doc();
			setPhases(doc, template.runSheet);
			// readRunSheet drops any phase that is not valid, so equal means every phase is.
			expect(readRunSheet(doc).phases).toEqual(template.runSheet);
			expect(template.runSheet.length).toBeGreaterThan(0);
			expect(template.timerPresets.length).toBeGreaterThan(0);
			for (const p of template.timerPresets) expect(p.minutes).toBeGreaterThan(0);
		});

		it(`${id}: columns and grid figures hold a post-it in every cell, and "+ Lapp" lands in a cell`, () => {
			const { doc, figures } = instantiate(id);
			for (const f of figures.filter((x) => x.kind === 'columns' || x.kind === 'grid')) {
				const { cells } = figureCells(f);
				expect(cells.length).toBe(f.columns.length * (f.kind === 'grid' ? f.rows.length : 1));
				for (const { rect } of cells) {
					expect(rect.w).toBeGreaterThanOrEqual(MIN_CELL_W);
					expect(rect.h).toBeGreaterThanOrEqual(MIN_CELL_H);
				}
				const spot = freeSpotInFigure(doc, f.id)!;
				expect(cellOf(f, spot).column).toBe(f.columns[0]);
			}
		});
	}

	it('vote presets name figures of their own board, with quotas a vote accepts', () => {
		for (const t of TEMPLATES.filter((x) => x.votes)) {
			const titles = t.board.figures.map((f) => f.title);
			for (const v of t.votes!) {
				expect(titles).toContain(v.title);
				expect(v.quota).toBeGreaterThanOrEqual(1);
				expect(v.quota).toBeLessThanOrEqual(VOTE_QUOTA_MAX);
				expect(v.label.trim()).not.toBe('');
			}
		}
	});
});

describe('templates from the seeds', () => {
	it('BRP+ gruppdialog (seed 003): two questions and a compilation', () => {
		const { figures } = instantiate('brp-gruppdialog');
		expect(figures.filter((f) => f.kind === 'question').map((f) => f.title).sort()).toEqual([
			'Hur blir BRP+ användbart i RUS-arbetet?',
			'Hur kan RUS-genomförandet bli mer utmaningsdrivet?'
		]);
		expect(figures.filter((f) => f.kind === 'summary')).toHaveLength(1);
	});

	it('Tre framgångsfaktorer och tre fallgropar (seed 001): three dots in each figure', () => {
		const { template } = instantiate('framgangsfaktorer');
		expect(template.votes).toEqual([
			{ title: 'Framgångsfaktorer', label: '3 framgångsfaktorer', quota: 3 },
			{ title: 'Fallgropar', label: '3 fallgropar', quota: 3 }
		]);
	});

	it('Årshjul (seed 001): the activity plan grid, categories by fields', () => {
		const grid = instantiate('arshjul').figures.find((f) => f.kind === 'grid')!;
		expect(grid.rows).toEqual([
			'Kunskap & analys',
			'Samverkan & nätverk',
			'Kommunikation & påverkan',
			'Finansiering',
			'Processtöd',
			'Interna verksamhetsprocesser'
		]);
		expect(grid.columns).toEqual(['Aktivitet', 'Syfte', 'Mål', 'Ansvarig', 'Klart senast', 'Kommentar']);
	});

	it('RUS-processen (seeds 000, 001): stages as columns', () => {
		const stages = instantiate('rus-processen').figures.find((f) => f.kind === 'columns')!;
		expect(stages.title).toBe('Var befinner ni er i RUS-processen?');
		expect(stages.columns).toContain('På remiss');
		expect(stages.columns).toContain('Politiskt beslut');
	});

	it('Gruppcoachning (seed 000): three rounds of three 5-minute steps', () => {
		const { template } = instantiate('gruppcoachning');
		expect(template.runSheet).toHaveLength(9);
		expect(template.runSheet.every((p) => p.minutes === 5)).toBe(true);
		expect(template.runSheet.map((p) => p.label).slice(0, 3)).toEqual([
			'Runda 1: problembeskrivning',
			'Runda 1: fördjupande frågor',
			'Runda 1: sammanfattning och råd'
		]);
		expect(template.board.instructions).toContain('Det som sägs i gruppen stannar där!');
	});

	it('Enkät (seed 004): the nine survey questions as question figures', () => {
		const { figures } = instantiate('enkat');
		const titles = figures.filter((f) => f.kind === 'question').map((f) => f.title);
		expect(titles).toHaveLength(9);
		expect(titles).toContain('2. Hur ser kopplingen ut mellan er RUS och er VP?');
	});
});

describe('templates in English', () => {
	const translations = TEMPLATES.filter((t) => t.translationOf);
	/** What a translation keeps from its original: everything but the words. */
	const shape = (t: (typeof TEMPLATES)[number]) => ({
		figures: t.board.figures.map(({ title: _, columns, rows, ...place }) => ({ ...place, columns: columns?.length ?? 0, rows: rows?.length ?? 0 })),
		runSheet: t.runSheet.map(({ label: _, vote, ...phase }) => ({ ...phase, vote: vote?.figures.map((v) => v.quota) })),
		timers: t.timerPresets.map((p) => p.minutes),
		votes: t.votes?.map((v) => v.quota),
		instructions: t.board.instructions.split('\n').length
	});

	it('are Lärlabb, Three success factors and three pitfalls and a Blank board, each translating a Swedish one', () => {
		expect(translations.map((t) => [t.id, t.translationOf])).toEqual([
			['learning-lab', 'larlabb'],
			['success-factors', 'framgangsfaktorer'],
			['blank-board', 'blank']
		]);
		for (const t of translations) {
			expect(t.language).toBe('en');
			expect(findTemplate(t.translationOf!)!.language).toBe('sv');
		}
		expect(TEMPLATES.filter((t) => !t.translationOf).every((t) => t.language === 'sv')).toBe(true);
	});

	for (const t of translations) {
		it(`${t.id}: has the figures, phases, timers and votes of ${t.translationOf}, in other words`, () => {
			const original = findTemplate(t.translationOf!)!;
			expect(shape(t)).toEqual(shape(original));
			// Every word a person reads is translated: no title, label or heading is left as it was.
			const words = (x: typeof t) => [x.name, x.description, x.board.title, ...x.board.figures.map((f) => f.title), ...x.runSheet.map((p) => p.label), ...x.timerPresets.map((p) => p.label)];
			const swedish = new Set(words(original));
			expect(words(t).filter((w) => swedish.has(w) && /\p{L}/u.test(w))).toEqual([]);
			expect(words(t).join(' ')).not.toMatch(/[åäöÅÄÖ]/);
			expect(t.board.instructions).not.toMatch(/[åäöÅÄÖ]/);
			// The vote names its own figures, in the same order as the original's.
			expect(t.votes?.map((v) => t.board.figures.findIndex((f) => f.title === v.title))).toEqual(original.votes?.map((v) => original.board.figures.findIndex((f) => f.title === v.title)));
		});
	}

	it('the create form swaps a built-in template for its translation when the language changes, and keeps any other choice', () => {
		expect(templateInLanguage('larlabb', 'en')).toBe('learning-lab');
		expect(templateInLanguage('learning-lab', 'sv')).toBe('larlabb');
		expect(templateInLanguage('framgangsfaktorer', 'en')).toBe('success-factors');
		expect(templateInLanguage('blank-board', 'sv')).toBe('blank');
		expect(templateInLanguage('larlabb', 'sv')).toBe('larlabb');
		expect(templateInLanguage('arshjul', 'en')).toBe('arshjul');
		expect(templateInLanguage('egen-abcdefghij', 'en')).toBe('egen-abcdefghij');
	});
});
