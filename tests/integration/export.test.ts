/**
 * The facilitator's exports, through ExportService on a real store and real rooms; notes written
 * by stock clients on two group boards by people of different organisations, chat posted through
 * ChatService. Every file is read back the way a person's program would read it.
 */
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest, ExportService } from '../../server/export/service';
import { ChatService } from '../../server/workshops/chat';
import { addFigure, boardRoom, readFigures, updateFigure } from '../../src/lib/board';
import { png } from '../fixtures/pictures';
import { parseCsv } from '../csv';
import { pdfPageCount, pdfPageLines } from '../pdf';
import { elements, parseXml, textOf } from '../xml';
import { claimsOf, connectClient, createWorkshop, refusal, refusalSaid, startServer, waitFor, writeNotes, type TestServer, type TestWorkshop } from './helpers';

const FIGURE = 'Vad vill ni diskutera?'; // the blank template's one figure
let server: TestServer;
let w: TestWorkshop;
let exports: ExportService;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	exports = server.exports;
});
afterEach(async () => {
	await server.close();
});

/** One person of a group writes these notes into the blank template's figure, in reading order. */
function write(groupId: string, name: string, organisation: string, texts: string[]) {
	return writeNotes(server, w.code, { groupId, name, organisation, figureTitle: FIGURE }, texts);
}

function download(request: ExportRequest) {
	return exports.file(w.code, claimsOf(server, w.facilitatorToken), request);
}

function text(body: string | Uint8Array): string {
	return typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
}

describe('exporting the compiled summary', () => {
	beforeEach(async () => {
		await write('g1', 'Anna', 'Region Skåne', ['Gemensam förändringslogik', 'Tid för <reflektion> & "samtal"']);
		await write('g2', 'Bo', 'Region Gotland', ['=Flexibla team', 'gemensam förändringslogik.']);
	});

	it('gives the facilitator every group’s notes per question, as Markdown and as CSV', async () => {
		const md = await download({ format: 'md' });
		expect(md).toMatchObject({ filename: `sammanstallning-${w.code}.md`, contentType: 'text/markdown; charset=utf-8' });
		expect(md.body).toContain(`## 1. ${FIGURE}`);
		expect(md.body).toContain('- Gemensam förändringslogik *(Grupp 1, Grupp 2)*');
		expect(md.body).toContain('- =Flexibla team *(Grupp 2)*');

		const csv = await exports.file(w.code.toLowerCase(), claimsOf(server, w.facilitatorToken), { format: 'csv' });
		expect(parseCsv(text(csv.body))).toContainEqual([FIGURE, "'=Flexibla team", 'Grupp 2', 'Region Gotland', '1', '', '', '']);
	});

	it('gives a Word document with a heading per question, its points, and the table per organisation', async () => {
		const docx = await download({ format: 'docx' });
		expect(docx).toMatchObject({ filename: `sammanstallning-${w.code}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
		const zip = await JSZip.loadAsync(docx.body);
		const xml = parseXml(await zip.file('word/document.xml')!.async('string'));
		const paragraphs = elements(xml, 'w:p').map(textOf);
		expect(paragraphs).toContain('Sammanställning: Testworkshop');
		expect(paragraphs).toContain(`1. ${FIGURE}`);
		expect(paragraphs).toContain('Gemensam förändringslogik (Grupp 1, Grupp 2)');
		expect(paragraphs).toContain('Tid för <reflektion> & "samtal" (Grupp 1)');
		const rows = elements(elements(xml, 'w:tbl')[0]!, 'w:tr').map((tr) => elements(tr, 'w:tc').map((tc) => elements(tc, 'w:p').map(textOf)));
		expect(rows).toEqual([
			[['Organisation'], [`1. ${FIGURE}`]],
			[['Region Gotland'], ['=Flexibla team', 'gemensam förändringslogik.']],
			[['Region Skåne'], ['Gemensam förändringslogik', 'Tid för <reflektion> & "samtal"']]
		]);
	});

	it('gives the table per organisation as CSV, Markdown and Word', async () => {
		const csv = await download({ format: 'csv', table: 'organisations' });
		expect(csv.filename).toBe(`per-organisation-${w.code}.csv`);
		expect(parseCsv(text(csv.body))).toEqual([
			['Organisation', FIGURE],
			['Region Gotland', "'=Flexibla team\ngemensam förändringslogik."],
			['Region Skåne', 'Gemensam förändringslogik\nTid för <reflektion> & "samtal"']
		]);
		const md = await download({ format: 'md', table: 'organisations' });
		// Markdown viewers render HTML: what people wrote comes out as entities (markdown-text.ts).
		expect(md.body).toContain('| Region Skåne | Gemensam förändringslogik<br>Tid för &lt;reflektion&gt; &amp; "samtal" |');

		const zip = await JSZip.loadAsync((await download({ format: 'docx', table: 'organisations' })).body);
		const xml = parseXml(await zip.file('word/document.xml')!.async('string'));
		expect(elements(xml, 'w:p').map(textOf)[0]).toBe('Per organisation: Testworkshop');
		expect(elements(xml, 'w:tr')).toHaveLength(3);
	});

	it('gives a PDF of the summary and the table', async () => {
		const pdf = await download({ format: 'pdf' });
		expect(pdf).toMatchObject({ filename: `sammanstallning-${w.code}.pdf`, contentType: 'application/pdf' });
		const bytes = pdf.body as Uint8Array;
		expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		expect(pdfPageCount(bytes)).toBe(2);
		const lines = pdfPageLines(bytes).flat();
		expect(lines).toContain('•Gemensam förändringslogik (Grupp 1, Grupp 2)');
		expect(lines).toContain('Per organisation');
	});
});

describe('exporting the chat and a board picture', () => {
	it('gives the chat transcript with every message in order', async () => {
		const chat = new ChatService({ store: server.store, rooms: server.rooms, log: server.log });
		const anna = await server.workshops.join(w.code, { name: 'Anna', organisation: 'Region Skåne', groupId: 'g1' });
		await chat.post(w.code, claimsOf(server, w.facilitatorToken), { text: 'Har du frågor – skriv i chatten!' });
		await chat.post(w.code, claimsOf(server, anna.token), { text: 'Hur följer vi upp RUS?' });
		await chat.post(w.code, claimsOf(server, w.facilitatorToken), { text: 'Bra fråga, vi tar den efter pausen.' });
		const file = await download({ format: 'chat' });
		expect(file).toMatchObject({ filename: `chatt-${w.code}.md`, contentType: 'text/markdown; charset=utf-8' });
		const said = text(file.body)
			.split('\n')
			.filter((l) => l.startsWith('- **'))
			.map((l) => l.replace(/^- \*\*\d\d:\d\d /, ''));
		expect(said).toEqual([
			'Workshopledare:** Har du frågor – skriv i chatten!',
			'Anna (Region Skåne):** Hur följer vi upp RUS?',
			'Workshopledare:** Bra fråga, vi tar den efter pausen.'
		]);
	});

	it('draws one group’s board as SVG with its notes', async () => {
		await write('g1', 'Anna', 'Region Skåne', ['<Mer> & mer']);
		await write('g2', 'Bo', 'Region Gotland', ['Bara i grupp 2']);
		const file = await download({ format: 'svg', group: 'g1' });
		expect(file).toMatchObject({ filename: `tavla-${w.code}-g1.svg`, contentType: 'image/svg+xml; charset=utf-8' });
		const texts = elements(parseXml(text(file.body)), 'text').map(textOf);
		expect(texts).toEqual(expect.arrayContaining(['Grupp 1 – Testworkshop', FIGURE, '<Mer> & mer', 'Anna']));
		expect(texts).not.toContain('Bara i grupp 2');
		expect(await refusal(download({ format: 'svg' }))).toMatchObject({ status: 400 });
		expect(await refusal(download({ format: 'svg', group: 'g9' }))).toMatchObject({ status: 404 });
	});

	it('embeds the picture of an image figure in the board picture; a missing file keeps the placeholder', async () => {
		const bytes = png(120, 80);
		const saved = await server.pictures.save(w.code, claimsOf(server, w.facilitatorToken), (async function* () {
			yield new Uint8Array(bytes);
		})());
		const room = boardRoom(w.code, 'g1');
		const facilitator = connectClient(server, room, w.facilitatorToken);
		await facilitator.synced;
		const shown = addFigure(facilitator.doc, { kind: 'image', title: 'Incheckning', x: 0, y: 700, w: 960, h: 680 });
		updateFigure(facilitator.doc, shown, { picture: saved.id });
		const gone = addFigure(facilitator.doc, { kind: 'image', title: 'Utcheckning', x: 1000, y: 700, w: 960, h: 680 });
		updateFigure(facilitator.doc, gone, { picture: 'A'.repeat(22) });
		await waitFor(() => server.rooms.read(room, (doc) => readFigures(doc).filter((f) => f.picture).length === 2), { message: 'both pictures reach the server' });

		const svg = parseXml(text((await download({ format: 'svg', group: 'g1' })).body));
		const images = elements(svg, 'image');
		expect(images).toHaveLength(1);
		const [type, data] = images[0]!.attributes.href!.split(',') as [string, string];
		expect(type).toBe('data:image/png;base64');
		expect(Buffer.from(data, 'base64').equals(bytes)).toBe(true);
		expect(elements(svg, 'text').map(textOf).filter((t) => t === '(bild)')).toHaveLength(1);
	});
});

describe('who may export what', () => {
	it('refuses a participant, another workshop’s facilitator, an unknown format and an unknown table', async () => {
		const person = await w.participant('g1', 'Anna');
		for (const format of ['md', 'docx', 'pdf', 'chat', 'svg']) {
			expect(await refusal(exports.file(w.code, claimsOf(server, person.token), { format, group: 'g1' }))).toMatchObject({ status: 403 });
		}
		const other = await createWorkshop(server, 1);
		expect(await refusal(exports.file(w.code, claimsOf(server, other.facilitatorToken), { format: 'md' }))).toMatchObject({ status: 403 });
		expect(await refusal(download({ format: 'exe' }))).toEqual({ status: 400, message: 'Formatet "exe" finns inte. Välj ett av: md, csv, docx, pdf, chat, svg, json.' });
		expect(await refusalSaid(download({ format: 'exe' }))).toEqual({
			status: 400,
			code: 'error_export_format_unknown',
			params: { format: 'exe', formats: 'md, csv, docx, pdf, chat, svg, json' }
		});
		expect(await refusal(download({ format: 'csv', table: 'groups' }))).toMatchObject({ status: 400 });
	});
});

describe('the language of an export', () => {
	/** A workshop created in English, with notes from two people, one who gave no organisation. */
	async function englishWorkshop() {
		const { code, facilitatorKey } = await server.workshops.create({ title: 'Nordic meeting', template: 'blank', groups: 2, language: 'en' });
		const claims = claimsOf(server, await server.workshops.facilitatorToken(code, facilitatorKey));
		await writeNotes(server, code, { groupId: 'g1', name: 'Alex', organisation: 'Interreg Nord', figureTitle: FIGURE }, ['Shared goals']);
		await writeNotes(server, code, { groupId: 'g2', name: 'Sam', organisation: '', figureTitle: FIGURE }, ['More time to reflect']);
		return { code, get: (request: ExportRequest) => exports.file(code, claims, request) };
	}

	it('follows an English workshop: headings, column names and file names in English, notes as written', async () => {
		const en = await englishWorkshop();
		const md = await en.get({ format: 'md' });
		expect(md.filename).toBe(`summary-${en.code}.md`);
		expect(md.body).toMatch(/^# Summary: Nordic meeting\n\n\*\d{1,2} [A-Z][a-z]+ \d{4}\*\n/);
		expect(md.body).toContain(`## 1. ${FIGURE}`);
		expect(md.body).toContain('- Shared goals *(Group 1)*');

		const csv = await en.get({ format: 'csv' });
		expect(parseCsv(text(csv.body))[0]).toEqual(['Question', 'Note', 'Groups', 'Organisations', 'Number of notes', 'Votes', 'Vote result', 'Theme']);

		const table = await en.get({ format: 'csv', table: 'organisations' });
		expect(table.filename).toBe(`by-organisation-${en.code}.csv`);
		expect(parseCsv(text(table.body))).toEqual([
			['Organisation', FIGURE],
			['Interreg Nord', 'Shared goals'],
			['No organisation', 'More time to reflect']
		]);
		expect((await en.get({ format: 'md', table: 'organisations' })).body).toContain('# By organisation: Nordic meeting');
	});

	it('gives a Swedish workshop’s files in English when the facilitator asks, and in Swedish otherwise', async () => {
		await write('g1', 'Anna', 'Region Skåne', ['Gemensam förändringslogik']);
		await write('g2', 'Bo', '', ['Tid för reflektion']);

		const md = await download({ format: 'md', language: 'en' });
		expect(md.filename).toBe(`summary-${w.code}.md`);
		expect(md.body).toContain('# Summary: Testworkshop');
		expect((await download({ format: 'md' })).body).toContain('# Sammanställning: Testworkshop');

		const zip = await JSZip.loadAsync((await download({ format: 'docx', language: 'en' })).body);
		const xml = parseXml(await zip.file('word/document.xml')!.async('string'));
		expect(elements(xml, 'w:p').map(textOf)).toEqual(expect.arrayContaining(['Summary: Testworkshop', 'By organisation', 'No organisation']));

		const lines = pdfPageLines((await download({ format: 'pdf', language: 'en' })).body as Uint8Array).flat();
		expect(lines).toEqual(expect.arrayContaining(['Summary: Testworkshop', 'By organisation']));
		expect(lines.some((l) => l.startsWith('No organisation'))).toBe(true);

		const chat = await download({ format: 'chat', language: 'en' });
		expect(chat.filename).toBe(`chat-${w.code}.md`);
		expect(text(chat.body)).toContain('# Chat: Testworkshop');
		expect(text(chat.body)).toContain('*No messages.*');

		const svg = await download({ format: 'svg', group: 'g1', language: 'en' });
		expect(svg.filename).toBe(`board-${w.code}-g1.svg`);
	});

	it('refuses a language Verkstad does not speak', async () => {
		expect(await refusal(download({ format: 'md', language: 'xx' }))).toEqual({ status: 400, message: 'Språket "xx" finns inte. Välj ett av: sv, en.' });
		expect(await refusal(download({ format: 'md', language: 'EN' }))).toMatchObject({ status: 400 });
	});
});
