/**
 * Each export in English: its own words (headings, column names, vote results, dates, the empty
 * cases) in the language asked for, while what people wrote stays as written.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, findTemplate, initBoard, readFigures, snapshotBoard } from '../../src/lib/board';
import { compileOrganisations } from '../../src/lib/board/organisations';
import { topMarkText } from '../../src/lib/board/vote-results';
import type { ChatMessage } from '../../src/lib/board/chat';
import type { CompiledQuestion } from '../../src/lib/board/compile';
import { boardSvg } from '../../server/export/board-svg';
import { chatTranscript } from '../../server/export/chat';
import { organisationsCsv, summaryCsv } from '../../server/export/csv';
import { votesCredit } from '../../server/export/document';
import { summaryDocx } from '../../server/export/docx';
import { organisationsMarkdown, summaryMarkdown } from '../../server/export/markdown';
import { summaryPdf } from '../../server/export/pdf';
import { parseCsv } from '../csv';
import { pdfPageLines } from '../pdf';
import { elements, parseXml, textOf } from '../xml';

const DATE = new Date('2026-04-24T08:00:00Z');
const QUESTION = 'Vilka förväntningar har du?';
const QUESTIONS: CompiledQuestion[] = [
	{
		title: QUESTION,
		kind: 'question',
		items: [
			{ text: 'En arena för samtal', groups: ['Grupp 1'], organisations: [], count: 1, votes: [{ group: 'Grupp 1', votes: 3, top: { quota: 2, place: 1, shared: false } }] },
			{
				text: 'Tid för reflektion',
				groups: ['Grupp 1', 'Grupp 2'],
				organisations: [],
				count: 2,
				votes: [
					{ group: 'Grupp 1', votes: 1, top: { quota: 2, place: 2, shared: true } },
					{ group: 'Grupp 2', votes: 1, top: null }
				]
			}
		]
	},
	{ title: 'Tom fråga', kind: 'question', items: [] }
];
const TABLE = { questions: [QUESTION, 'Tom fråga'], rows: [{ organisation: 'Region Skåne', cells: [['En arena för samtal'], []] }] };

describe('a vote result', () => {
	it('says the votes, the top and a shared place in each language', () => {
		expect(votesCredit(QUESTIONS[0]!.items[0]!, 'en')).toBe('3 votes, Top 2');
		expect(votesCredit(QUESTIONS[0]!.items[1]!, 'en')).toBe('Grupp 1: 1 vote, Top 2, joint 2nd place; Grupp 2: 1 vote');
		expect(votesCredit(QUESTIONS[0]!.items[1]!, 'sv')).toBe('Grupp 1: 1 röst, Topp 2, delad 2:a plats; Grupp 2: 1 röst');
		expect([1, 3, 11, 22].map((place) => topMarkText({ quota: null, place, shared: true }, 'en'))).toEqual([
			'Top, joint 1st place',
			'Top, joint 3rd place',
			'Top, joint 11th place',
			'Top, joint 22nd place'
		]);
		expect([3, 21].map((place) => topMarkText({ quota: 5, place, shared: true }, 'sv'))).toEqual(['Topp 5, delad 3:e plats', 'Topp 5, delad 21:a plats']);
	});
});

describe('the summary in English', () => {
	it('as Markdown and CSV', () => {
		const md = summaryMarkdown('Nordic meeting', QUESTIONS, DATE, 'en');
		expect(md).toContain('# Summary: Nordic meeting\n\n*24 April 2026*');
		expect(md).toContain(`## 1. ${QUESTION}\n\n- En arena för samtal *(Grupp 1)* – **3 votes, Top 2**`);
		expect(md).toContain('## 2. Tom fråga\n\n*No notes.*');
		const rows = parseCsv(summaryCsv(QUESTIONS, 'en'));
		expect(rows[0]).toEqual(['Question', 'Note', 'Groups', 'Organisations', 'Number of notes', 'Votes', 'Vote result', 'Theme']);
		expect(rows[1]).toEqual([QUESTION, 'En arena för samtal', 'Grupp 1', '', '1', '3', '3 votes, Top 2', '']);
	});

	it('as Word, with the table per organisation', async () => {
		const docx = await summaryDocx({ title: '', date: DATE, questions: QUESTIONS, organisations: TABLE, language: 'en' });
		const xml = parseXml(await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string'));
		const paragraphs = elements(xml, 'w:p').map(textOf);
		expect(paragraphs.slice(0, 2)).toEqual(['Summary: Workshop', '24 April 2026']);
		expect(paragraphs).toEqual(expect.arrayContaining(['No notes.', 'By organisation', 'Organisation']));
	});

	it('as PDF', async () => {
		const lines = pdfPageLines(await summaryPdf({ title: 'Nordic meeting', date: DATE, questions: QUESTIONS, organisations: TABLE, language: 'en' })).flat();
		expect(lines.slice(0, 2)).toEqual(['Summary: Nordic meeting', '24 April 2026']);
		expect(lines).toEqual(expect.arrayContaining(['No notes.', 'By organisation']));
		expect(lines.some((l) => l.includes('3 votes, Top 2'))).toBe(true);
	});
});

describe('the table per organisation in English', () => {
	function board(notes: { text: string; organisation: string }[]) {
		const doc = new Y.Doc();
		initBoard(doc, findTemplate('blank')!.board);
		const figure = readFigures(doc)[0]!;
		for (const [i, n] of notes.entries()) addNote(doc, { x: figure.x + 20 + i * 200, y: figure.y + 100, text: n.text }, { id: 'p', name: 'X', organisation: n.organisation });
		return snapshotBoard('Grupp 1', doc);
	}

	it('names the row of notes without an organisation, and keeps an organisation as typed', () => {
		const boards = [board([{ text: 'Utan namn', organisation: ' ' }, { text: 'Med namn', organisation: 'Utan organisation' }, { text: 'Skåne', organisation: 'Region Skåne' }])];
		const table = compileOrganisations(boards, 'en');
		expect(table.rows.map((r) => r.organisation)).toEqual(['Region Skåne', 'Utan organisation', 'No organisation']);
		expect(compileOrganisations(boards, 'sv').rows.map((r) => r.organisation)).toEqual(['Region Skåne', 'Utan organisation', 'Utan organisation']);
		// With no note lacking an organisation, the last row is someone's own.
		const typed = compileOrganisations([board([{ text: 'Med namn', organisation: 'Utan organisation' }])], 'en');
		expect(typed.rows.map((r) => r.organisation)).toEqual(['Utan organisation']);
	});

	it('as CSV and Markdown', () => {
		expect(parseCsv(organisationsCsv(TABLE, 'en'))[0]).toEqual(['Organisation', QUESTION, 'Tom fråga']);
		const md = organisationsMarkdown('Nordic meeting', { questions: TABLE.questions, rows: [] }, DATE, 'en');
		expect(md).toBe('# By organisation: Nordic meeting\n\n*24 April 2026*\n\n*No notes.*\n');
	});
});

describe('the chat and the board picture in English', () => {
	it('dates the transcript’s days as English readers write them', () => {
		const message = (at: string, text: string): ChatMessage => ({ id: at, authorId: 'a', name: 'Alex', organisation: '', role: 'participant', text, at: Date.parse(at) });
		const md = chatTranscript('', [message('2026-04-24T07:58:00Z', 'Hello'), message('2026-04-25T12:00:00Z', 'Thanks')], DATE, 'en');
		expect(md).toBe('# Chat: Workshop\n\n*Exported 24 April 2026*\n\n## 24 April 2026\n\n- **09:58 Alex:** Hello\n## 25 April 2026\n\n- **14:00 Alex:** Thanks\n');
		expect(chatTranscript('Nordic', [], DATE, 'en')).toContain('*No messages.*');
	});

	it('says an empty board, an untitled figure and a missing picture in English', () => {
		const texts = (svg: string) => elements(parseXml(svg), 'text').map(textOf);
		expect(texts(boardSvg({ caption: 'Group 1', figures: [], notes: [], language: 'en' }))).toContain('The board is empty.');
		const figure = { id: 'f', kind: 'image' as const, title: ' ', x: 0, y: 0, w: 600, h: 400, color: 'sand' as const, columns: [], rows: [], picture: null };
		expect(texts(boardSvg({ caption: 'Group 1', figures: [figure], notes: [], language: 'en' }))).toEqual(expect.arrayContaining(['Untitled figure', '(picture)']));
	});
});
