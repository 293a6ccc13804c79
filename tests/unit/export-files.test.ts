/** The Word, PDF and chat exports, read back the way a person's program would read them. */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { CompiledQuestion } from '../../src/lib/board/compile';
import type { ChatMessage } from '../../src/lib/board/chat';
import { NO_ORGANISATION, type OrganisationTable } from '../../src/lib/board/organisations';
import { chatTranscript } from '../../server/export/chat';
import { summaryDocx } from '../../server/export/docx';
import { summaryPdf, winAnsi } from '../../server/export/pdf';
import { pdfPageCount, pdfPageLines } from '../pdf';
import { elements, parseXml, textOf } from '../xml';

const DATE = new Date('2026-04-24T08:00:00Z');
const QUESTIONS: CompiledQuestion[] = [
	{
		title: 'Hur blir BRP+ användbart i RUS-arbetet?',
		kind: 'question',
		items: [
			{ text: 'Analysera regionala förutsättningar', groups: ['Grupp 1', 'Grupp 3'], organisations: [], count: 2 },
			{ text: 'Jämföra <län> & "kommuner"', groups: ['Grupp 2'], organisations: [], count: 1 }
		]
	},
	{ title: 'Tom fråga', kind: 'question', items: [] }
];
const TABLE: OrganisationTable = {
	questions: QUESTIONS.map((q) => q.title),
	rows: [
		{ organisation: 'Region Örebro län', cells: [['Underlag för VP och budget från 2019'], []] },
		{ organisation: NO_ORGANISATION, cells: [['Svag.'], []] }
	]
};

async function documentXml(docx: Uint8Array) {
	const zip = await JSZip.loadAsync(docx);
	return parseXml(await zip.file('word/document.xml')!.async('string'));
}

describe('the Word export', () => {
	it('has the title, a heading per question with its points and groups, and the organisation table', async () => {
		const xml = await documentXml(await summaryDocx({ title: 'RUS-nätverket', date: DATE, questions: QUESTIONS, organisations: TABLE, language: 'sv' }));
		const paragraphs = elements(xml, 'w:p').map(textOf);
		expect(paragraphs).toContain('Sammanställning: RUS-nätverket');
		expect(paragraphs).toContain('2026-04-24');
		expect(paragraphs).toContain('1. Hur blir BRP+ användbart i RUS-arbetet?');
		expect(paragraphs).toContain('Analysera regionala förutsättningar (Grupp 1, Grupp 3)');
		expect(paragraphs).toContain('Jämföra <län> & "kommuner" (Grupp 2)');
		expect(paragraphs).toContain('Inga lappar.');
		const [table] = elements(xml, 'w:tbl');
		const rows = elements(table!, 'w:tr').map((tr) => elements(tr, 'w:tc').map(textOf));
		expect(rows).toEqual([
			['Organisation', '1. Hur blir BRP+ användbart i RUS-arbetet?', '2. Tom fråga'],
			['Region Örebro län', 'Underlag för VP och budget från 2019', ''],
			[NO_ORGANISATION, 'Svag.', '']
		]);
	});

	it('holds the organisation table alone when only that is asked for, and survives control characters', async () => {
		const xml = await documentXml(
			await summaryDocx({ title: 'Enkät\u0007', date: DATE, questions: null, organisations: { ...TABLE, rows: [{ organisation: 'Region\u0000 Blekinge', cells: [['Rad ett\nrad två'], []] }] }, language: 'sv' })
		);
		const paragraphs = elements(xml, 'w:p').map(textOf);
		expect(paragraphs[0]).toBe('Per organisation: Enkät');
		expect(paragraphs).not.toContain('Analysera regionala förutsättningar (Grupp 1, Grupp 3)');
		expect(elements(xml, 'w:tr').map((tr) => elements(tr, 'w:tc').map(textOf))[1]).toEqual(['Region Blekinge', 'Rad ettrad två', '']);
		expect(elements(xml, 'w:br')).toHaveLength(1);
	});
});

/** An accepted theme: its title, and its points with their own credits and votes. */
const THEMED: CompiledQuestion[] = [
	{
		title: 'Hur blir BRP+ användbart i RUS-arbetet?',
		kind: 'question',
		items: [
			{
				text: 'Fastnar hos analytikerna',
				groups: ['Grupp 1', 'Grupp 2'],
				organisations: [],
				count: 2,
				points: [
					{ text: 'Det fastnar hos analytiker', groups: ['Grupp 1'], organisations: [], count: 1 },
					{ text: 'Lätt att fastna i mätinstrument', groups: ['Grupp 2'], organisations: [], count: 1, votes: [{ group: 'Grupp 2', votes: 3, top: { quota: 1, place: 1, shared: false } }] }
				]
			}
		]
	}
];

describe('an accepted theme in Word and PDF', () => {
	it('is its title with its points under it, each with its groups and votes', async () => {
		const xml = await documentXml(await summaryDocx({ title: 'RUS', date: DATE, questions: THEMED, organisations: TABLE, language: 'sv' }));
		const paragraphs = elements(xml, 'w:p').map(textOf);
		const at = paragraphs.indexOf('Tema: Fastnar hos analytikerna (Grupp 1, Grupp 2)');
		expect(at).toBeGreaterThan(0);
		expect(paragraphs.slice(at + 1, at + 3)).toEqual(['Det fastnar hos analytiker (Grupp 1)', 'Lätt att fastna i mätinstrument (Grupp 2) – 3 röster, Topp 1']);

		const [first] = pdfPageLines(await summaryPdf({ title: 'RUS', date: DATE, questions: THEMED, organisations: TABLE, language: 'sv' }));
		const text = first!.join('\n');
		expect(text).toContain('Tema: Fastnar hos analytikerna (Grupp 1, Grupp 2)');
		expect(text.indexOf('Det fastnar hos analytiker (Grupp 1)')).toBeGreaterThan(text.indexOf('Tema: Fastnar'));
		expect(text).toContain('Lätt att fastna i mätinstrument (Grupp 2) – 3 röster, Topp 1');
	});
});

describe('the PDF export', () => {
	it('is a PDF with the title, the points with Swedish letters, and the table on a page of its own', async () => {
		const pdf = await summaryPdf({ title: 'RUS-nätverket', date: DATE, questions: QUESTIONS, organisations: TABLE, language: 'sv' });
		expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		expect(pdfPageCount(pdf)).toBe(2);
		const [first, second] = pdfPageLines(pdf);
		expect(first).toContain('Sammanställning: RUS-nätverket');
		expect(first!.join('\n')).toContain('Analysera regionala förutsättningar (Grupp 1, Grupp 3)');
		// The cells of a table row share a baseline, so they read as one line.
		expect(second![0]).toBe('Per organisation');
		expect(second!.slice(-2)).toEqual(['Region Örebro län• Underlag för VP och budget från 2019', `${NO_ORGANISATION}• Svag.`]);
	});

	it('breaks a long summary over pages without losing a point', async () => {
		const items = Array.from({ length: 150 }, (_, i) => ({ text: `Punkt nummer ${i + 1} om samverkan`, groups: ['Grupp 1'], organisations: [], count: 1 }));
		const pdf = await summaryPdf({ title: 'Lång', date: DATE, questions: [{ title: 'Många lappar', kind: 'question', items }], organisations: TABLE, language: 'sv' });
		const pages = pdfPageLines(pdf);
		// ~45 one-line points fit on an A4 page: four pages of points, then the table's page.
		expect(pdfPageCount(pdf)).toBe(pages.length);
		expect(pages.length).toBe(5);
		const points = pages.flat().filter((l) => l.startsWith('•Punkt nummer')).map((l) => l.slice(1));
		expect(points).toEqual(items.map((i) => `${i.text} (Grupp 1)`));
		expect(pages.at(-1)).toContain('Per organisation');
		expect(pages.at(-2)!.some((l) => l.startsWith('•Punkt nummer 150 '))).toBe(true);
	});

	it('continues a long table on new pages with its header row repeated, losing no row', async () => {
		const rows = Array.from({ length: 80 }, (_, i) => ({ organisation: `Organisation ${String(i + 1).padStart(2, '0')}`, cells: [[`Svar ${i + 1}`], [], []] }));
		const pdf = await summaryPdf({ title: 'Enkät', date: DATE, questions: null, organisations: { questions: ['F1', 'F2', 'F3'], rows }, language: 'sv' });
		const pages = pdfPageLines(pdf);
		expect(pages.length).toBeGreaterThan(1);
		for (const page of pages) expect(page.filter((l) => l === 'Organisation1. F12. F23. F3')).toHaveLength(1);
		const drawn = pages.flat().filter((l) => l.startsWith('Organisation ') && l !== 'Organisation1. F12. F23. F3');
		expect(drawn).toEqual(rows.map((r, i) => `${r.organisation}• Svar ${i + 1}`));
	});

	it('gives one section per organisation when the table would be too wide', async () => {
		const questions = ['F1', 'F2', 'F3', 'F4', 'F5'];
		const pdf = await summaryPdf({
			title: 'Enkät',
			date: DATE,
			questions: null,
			organisations: { questions, rows: [{ organisation: 'Region Dalarna', cells: [['Svar ett'], [], ['Svar tre'], [], []] }] },
			language: 'sv'
		});
		const lines = pdfPageLines(pdf).flat();
		expect(lines).toEqual(['Per organisation: Enkät', '2026-04-24', 'Region Dalarna', '1. F1', '•Svar ett', '3. F3', '•Svar tre']);
	});

	it('prints what Helvetica cannot draw as a question mark, and keeps å ä ö and dashes', () => {
		expect(winAnsi('Bra 👍 – åäö ÅÄÖ €')).toBe('Bra ? – åäö ÅÄÖ €');
	});
});

describe('the chat transcript', () => {
	const message = (at: string, name: string, text: string, organisation = ''): ChatMessage => ({
		id: at,
		authorId: name,
		name,
		organisation,
		role: name === 'Workshopledare' ? 'facilitator' : 'participant',
		text,
		at: Date.parse(at)
	});

	it('lists every message in order with its time (Swedish time), name and organisation', () => {
		const md = chatTranscript('Lärlabb', [
			message('2026-04-24T07:58:00Z', 'Workshopledare', 'Har du frågor till Ellen – skriv i chatten!'),
			message('2026-04-24T08:01:00Z', 'Anna Berg', 'Hur hänger detta ihop med RUS?\nOch med VP?', 'Region Skåne'),
			message('2026-04-25T07:00:00Z', 'Bo', 'Tack för i går')
		], DATE, 'sv');
		expect(md).toContain('# Chatt: Lärlabb');
		expect(md.indexOf('## 2026-04-24')).toBeLessThan(md.indexOf('**09:58 Workshopledare:**'));
		expect(md).toContain('- **09:58 Workshopledare:** Har du frågor till Ellen – skriv i chatten!\n- **10:01 Anna Berg (Region Skåne):** Hur hänger detta ihop med RUS?\n  Och med VP?');
		expect(md).toContain('## 2026-04-25\n\n- **09:00 Bo:** Tack för i går');
	});

	it('says so when nobody wrote', () => {
		expect(chatTranscript('Lärlabb', [], DATE, 'sv')).toContain('*Inga meddelanden.*');
	});
});
