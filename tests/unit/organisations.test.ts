import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, compileOrganisations, compileSummary, findTemplate, initBoard, NO_ORGANISATION, noOrganisation, readFigures, snapshotBoard } from '../../src/lib/board';
import { organisationsCsv } from '../../server/export/csv';
import { organisationsMarkdown } from '../../server/export/markdown';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const AUTHORITIES = 'Vad vill du veta om myndigheterna?';

function groupBoard(name: string, notes: { figure: string; text: string; organisation: string }[]) {
	const doc = new Y.Doc();
	initBoard(doc, findTemplate('larlabb')!.board);
	for (const [i, n] of notes.entries()) {
		const figure = readFigures(doc).find((f) => f.title === n.figure)!;
		addNote(doc, { x: figure.x + 20 + (i % 3) * 190, y: figure.y + 100 + Math.floor(i / 3) * 130, text: n.text }, { id: 'p', name: 'X', organisation: n.organisation });
	}
	return snapshotBoard(name, doc);
}

describe('the table per organisation', () => {
	const boards = [
		groupBoard('Grupp 1', [
			{ figure: EXPECTATIONS, text: 'En arena för samtal', organisation: 'Region Skåne' },
			{ figure: AUTHORITIES, text: 'Hur de prioriterar', organisation: 'Region Skåne' },
			{ figure: EXPECTATIONS, text: 'Nya kontakter', organisation: '' }
		]),
		groupBoard('Grupp 2', [
			{ figure: EXPECTATIONS, text: 'Lära av andra', organisation: ' region  skåne ' },
			{ figure: EXPECTATIONS, text: 'en arena för samtal.', organisation: 'Region Skåne' },
			{ figure: EXPECTATIONS, text: 'Konkreta verktyg', organisation: 'Myndigheten för ungdoms- och civilsamhällesfrågor' },
			{ figure: EXPECTATIONS, text: '   ', organisation: 'Region Gotland' }
		])
	];

	it('has a column per question, the same as the compiled summary', () => {
		expect(compileOrganisations(boards).questions).toEqual(compileSummary(boards).map((q) => q.title));
	});

	it('has a row per organisation, in name order, with notes without one last', () => {
		const table = compileOrganisations(boards);
		expect(table.rows.map((r) => r.organisation)).toEqual(['Myndigheten för ungdoms- och civilsamhällesfrågor', 'Region Skåne', NO_ORGANISATION]);
	});

	it('names the row without an organisation in the language of the export', () => {
		expect(compileOrganisations(boards, 'en').rows.map((r) => r.organisation).at(-1)).toBe('No organisation');
		expect(compileOrganisations(boards, 'sv').rows.map((r) => r.organisation).at(-1)).toBe(noOrganisation('sv'));
		expect(noOrganisation('sv')).toBe('Utan organisation');
	});

	it('puts each organisation’s notes from every group in its cells, a point said twice once', () => {
		const table = compileOrganisations(boards);
		const skåne = table.rows.find((r) => r.organisation === 'Region Skåne')!;
		const column = (title: string) => table.questions.indexOf(title);
		expect(skåne.cells[column(EXPECTATIONS)]).toEqual(['En arena för samtal', 'Lära av andra']);
		expect(skåne.cells[column(AUTHORITIES)]).toEqual(['Hur de prioriterar']);
		expect(skåne.cells.filter((c) => c.length)).toHaveLength(2);
		expect(table.rows.at(-1)!.cells[column(EXPECTATIONS)]).toEqual(['Nya kontakter']);
	});

	it('is empty when nobody wrote anything', () => {
		const table = compileOrganisations([groupBoard('Grupp 1', [])]);
		expect(table.rows).toEqual([]);
		expect(table.questions).toHaveLength(5);
	});
});

describe('the table per organisation as CSV and Markdown', () => {
	const table = {
		questions: ['Hur styr RUSen?', 'Fråga | två'],
		rows: [
			{ organisation: 'Region Blekinge', cells: [['Den styr prioriteringar.', '=SUMMA(A1)'], []] },
			{ organisation: NO_ORGANISATION, cells: [[], ['Svag | koppling']] }
		]
	};

	it('is CSV with a byte order mark, an organisation per row and a question per column', () => {
		const csv = organisationsCsv(table, 'sv');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const [header, blekinge, none] = csv.slice(1).split('\r\n');
		expect(header).toBe('Organisation;Hur styr RUSen?;Fråga | två');
		// Two notes share a cell on two lines; the cell is quoted because of the line break.
		expect(blekinge).toBe('Region Blekinge;"Den styr prioriteringar.\n=SUMMA(A1)";');
		expect(none).toBe(`${NO_ORGANISATION};;Svag | koppling`);
		expect(organisationsCsv({ ...table, rows: [{ organisation: '@evil', cells: [['-1'], []] }] }, 'sv')).toContain("'@evil;'-1;");
	});

	it('is a Markdown table whose pipes are escaped', () => {
		const md = organisationsMarkdown('RUS-nätverket', table, new Date('2026-04-24T08:00:00Z'), 'sv');
		expect(md).toContain('# Per organisation: RUS-nätverket');
		expect(md).toContain('| Organisation | 1. Hur styr RUSen? | 2. Fråga \\| två |\n| --- | --- | --- |');
		expect(md).toContain('| Region Blekinge | Den styr prioriteringar.<br>=SUMMA(A1) |  |');
		expect(md).toContain(`| ${NO_ORGANISATION} |  | Svag \\| koppling |`);
	});
});
