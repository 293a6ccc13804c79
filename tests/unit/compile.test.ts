import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, compileSummary, findTemplate, initBoard, readFigures, snapshotBoard } from '../../src/lib/board';
import { csvCell, summaryCsv } from '../../server/export/csv';
import { summaryMarkdown } from '../../server/export/markdown';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';

function groupBoard(name: string, notes: { figure: string; text: string; organisation?: string }[]) {
	const doc = new Y.Doc();
	initBoard(doc, findTemplate('larlabb')!.board);
	for (const [i, n] of notes.entries()) {
		const figure = readFigures(doc).find((f) => f.title === n.figure)!;
		addNote(doc, { x: figure.x + 20 + (i % 3) * 190, y: figure.y + 100 + Math.floor(i / 3) * 130, text: n.text }, { id: 'p', name: 'X', organisation: n.organisation ?? '' });
	}
	return snapshotBoard(name, doc);
}

describe('the compiled summary', () => {
	it('lists every question in template order with every group’s notes, merging identical texts', () => {
		const questions = compileSummary([
			groupBoard('Grupp 1', [
				{ figure: EXPECTATIONS, text: 'En arena för samtal', organisation: 'Region Skåne' },
				{ figure: EXPECTATIONS, text: 'Tid att lära känna varandra' }
			]),
			groupBoard('Grupp 2', [
				{ figure: EXPECTATIONS, text: '  en arena för  samtal. ', organisation: 'MUCF' },
				{ figure: 'Att tänka på inför Lärlabb', text: 'Diskussionen behöver föras på fler nivåer' }
			])
		]);
		expect(questions.map((q) => q.title)).toEqual([
			EXPECTATIONS,
			'Vad vill du veta om myndigheterna?',
			'Vad vill du att myndigheterna ska veta om regionerna?',
			'Att tänka på inför Lärlabb',
			'Goda exempel på samverkan mellan myndigheter och regioner'
		]);
		expect(questions[0]!.items).toEqual([
			{ text: 'En arena för samtal', groups: ['Grupp 1', 'Grupp 2'], organisations: ['Region Skåne', 'MUCF'], count: 2 },
			{ text: 'Tid att lära känna varandra', groups: ['Grupp 1'], organisations: [], count: 1 }
		]);
		expect(questions[3]).toMatchObject({ kind: 'summary', items: [{ text: 'Diskussionen behöver föras på fler nivåer', groups: ['Grupp 2'] }] });
	});

	it('leaves out empty notes', () => {
		const [first] = compileSummary([groupBoard('Grupp 1', [{ figure: EXPECTATIONS, text: '   ' }])]);
		expect(first!.items).toEqual([]);
	});
});

describe("a vote's marks in the compiled summary", () => {
	it('are numbers, so that each export says them in its own language', () => {
		const board = groupBoard('Grupp 1', [
			{ figure: EXPECTATIONS, text: 'En arena för samtal' },
			{ figure: EXPECTATIONS, text: 'Tid att lära känna varandra' }
		]);
		const figureId = board.figures.find((f) => f.title === EXPECTATIONS)!.id;
		const counted = { ...board, notes: board.notes.map((n, i) => ({ ...n, votes: 2 - i })), voteQuotas: new Map([[figureId, 1]]) };
		const marks = compileSummary([counted])[0]!.items.map((i) => i.votes?.[0]?.top);
		expect(marks).toEqual([{ quota: 1, place: 1, shared: false }, null]);
	});
});

describe('the CSV export', () => {
	it('starts with a byte order mark, uses semicolons and quotes what needs quoting', () => {
		const csv = summaryCsv([{ title: 'Fråga; ett', kind: 'question', items: [{ text: 'Säg "hej"\nrad två', groups: ['Grupp 1'], organisations: ['Region Örebro län'], count: 1 }] }], 'sv');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const [header, row] = csv.slice(1).split('\r\n');
		expect(header).toBe('Fråga;Lapp;Grupper;Organisationer;Antal lappar;Röster;Röstresultat;Tema');
		expect(row).toBe('"Fråga; ett";"Säg ""hej""\nrad två";Grupp 1;Region Örebro län;1;;;');
	});

	it('neutralises cells that a spreadsheet would run as a formula', () => {
		for (const dangerous of ['=HYPERLINK("http://x")', '+46 8 452', '-1+1', '@SUM(A1)', '\tx']) {
			expect(csvCell(dangerous).replace(/^"/, '').startsWith("'")).toBe(true);
		}
		expect(csvCell('Vanlig text')).toBe('Vanlig text');
	});
});

describe('the Markdown export', () => {
	it('has one heading per question and its points, with the groups that made them', () => {
		const md = summaryMarkdown('RUS-nätverket', [
			{ title: 'Hur blir BRP+ användbart i RUS-arbetet?', kind: 'question', items: [{ text: 'Analysera regionala\nförutsättningar', groups: ['Grupp 1', 'Grupp 3'], organisations: [], count: 2 }] },
			{ title: 'Tom fråga', kind: 'question', items: [] }
		], new Date('2026-11-22T10:00:00Z'), 'sv');
		expect(md).toContain('# Sammanställning: RUS-nätverket');
		expect(md).toContain('## 1. Hur blir BRP+ användbart i RUS-arbetet?\n\n- Analysera regionala – förutsättningar *(Grupp 1, Grupp 3)*');
		expect(md).toContain('## 2. Tom fråga\n\n*Inga lappar.*');
	});
});
