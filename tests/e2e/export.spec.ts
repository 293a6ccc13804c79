/**
 * A facilitator downloads the compiled summary (Sammanställning) of a workshop that two groups
 * filled in their browsers, as Markdown, CSV for Excel and Word, the table per organisation and a
 * board picture, copies it to the clipboard, and reads each back. The files follow the workshop's
 * language unless the facilitator picks another.
 */
import fs from 'node:fs';
import { expect, test, type Download } from '@playwright/test';
import JSZip from 'jszip';
import { elements, parseXml, textOf } from '../xml';
import { addNoteWithButton, createWorkshop, enterControlRoom, join, openControlRoom } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

test('a facilitator downloads the summary of what two groups wrote', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const cia = await join(browser, workshop.participantUrl, 'Cia Lund', 'Region Gotland', 'Grupp 2');
	await addNoteWithButton(anna.page, EXPECTATIONS, 'En arena för samtal');
	await addNoteWithButton(cia.page, EXPECTATIONS, 'En arena för samtal');
	await addNoteWithButton(cia.page, EXPECTATIONS, '=Tid att lära känna varandra');

	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl, { acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
	const panel = control.getByRole('region', { name: 'Sammanställning' });

	const downloaded = async (button: string): Promise<Download> =>
		(await Promise.all([control.waitForEvent('download'), panel.getByRole('button', { name: button, exact: true }).click()]))[0];

	const markdown = await downloaded('Markdown, per fråga');
	expect(markdown.suggestedFilename()).toBe(`sammanstallning-${workshop.code}.md`);
	const md = fs.readFileSync((await markdown.path())!, 'utf8');
	expect(md).toContain(`## 1. ${EXPECTATIONS}`);
	// The same point from both groups is one item, credited to both.
	expect(md).toContain('- En arena för samtal *(Grupp 1, Grupp 2)*');

	const csv = await downloaded('CSV för Excel, per fråga');
	const text = fs.readFileSync((await csv.path())!, 'utf8');
	expect(text.startsWith('\uFEFF')).toBe(true);
	const rows = text.slice(1).trim().split('\r\n').map((r) => r.split(';'));
	expect(rows[0]).toEqual(['Fråga', 'Lapp', 'Grupper', 'Organisationer', 'Antal lappar', 'Röster', 'Röstresultat', 'Tema']);
	// No vote counted these notes: the vote columns stay empty.
	expect(rows).toContainEqual([EXPECTATIONS, 'En arena för samtal', 'Grupp 1, Grupp 2', 'Region Skåne, Region Gotland', '2', '', '', '']);
	// A note that looks like a formula is neutralised for Excel.
	expect(rows).toContainEqual([EXPECTATIONS, "'=Tid att lära känna varandra", 'Grupp 2', 'Region Gotland', '1', '', '', '']);

	// Word: a heading per question, the merged point credited to both groups, the organisation table.
	const word = await downloaded('Word, per fråga');
	expect(word.suggestedFilename()).toBe(`sammanstallning-${workshop.code}.docx`);
	const zip = await JSZip.loadAsync(fs.readFileSync((await word.path())!));
	const documentXml = parseXml(await zip.file('word/document.xml')!.async('string'));
	const paragraphs = elements(documentXml, 'w:p').map(textOf);
	expect(paragraphs).toContain(`1. ${EXPECTATIONS}`);
	expect(paragraphs).toContain('En arena för samtal (Grupp 1, Grupp 2)');
	const tableRows = elements(documentXml, 'w:tr').map((tr) => elements(tr, 'w:tc').map(textOf));
	expect(tableRows[0]![1]).toBe(`1. ${EXPECTATIONS}`);
	expect(tableRows.map((r) => r[0])).toEqual(['Organisation', 'Region Gotland', 'Region Skåne']);

	// The table per organisation as CSV: a row per organisation, a column per question.
	const perOrganisation = await downloaded('CSV för Excel, per organisation');
	expect(perOrganisation.suggestedFilename()).toBe(`per-organisation-${workshop.code}.csv`);
	const organisationRows = fs.readFileSync((await perOrganisation.path())!, 'utf8').slice(1).split('\r\n');
	const header = organisationRows[0]!.split(';');
	expect(header[0]).toBe('Organisation');
	expect(header[1]).toBe(EXPECTATIONS);
	// Two notes share Gotland's cell; only a cell's start could run as a formula, so the second stays as written.
	expect(organisationRows[1]).toBe(`Region Gotland;"En arena för samtal\n=Tid att lära känna varandra";;;;`);
	expect(organisationRows[2]).toBe('Region Skåne;En arena för samtal;;;;');

	// A picture of group 2's board that the browser itself parses as SVG.
	await panel.getByLabel('Grupp vars tavla blir en bild').selectOption({ label: 'Grupp 2' });
	const picture = await downloaded('Ladda ner bild (SVG)');
	expect(picture.suggestedFilename()).toBe(`tavla-${workshop.code}-g2.svg`);
	const svgTexts = await control.evaluate((svg) => {
		const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
		if (parsed.querySelector('parsererror')) return null;
		return [...parsed.querySelectorAll('text')].map((t) => t.textContent);
	}, fs.readFileSync((await picture.path())!, 'utf8'));
	expect(svgTexts).toEqual(expect.arrayContaining(['Grupp 2 – Lärlabb Hållbar utveckling', EXPECTATIONS, 'En arena för samtal']));

	// "Kopiera som Markdown" puts the same summary on the clipboard and says so.
	await panel.getByRole('button', { name: 'Kopiera som Markdown' }).click();
	await expect(panel.getByRole('status')).toHaveText(/kopierad som Markdown/);
	const clipboard = await control.evaluate(() => navigator.clipboard.readText());
	expect(clipboard).toContain('- En arena för samtal *(Grupp 1, Grupp 2)*');

	// A participant's token is refused.
	const participantToken = await anna.page.evaluate((code) => JSON.parse(localStorage.getItem(`verkstad:${code}:participant`)!).token, workshop.code);
	const refused = await fetch(`${server.url}/api/workshops/${workshop.code}/export?format=md`, { headers: { authorization: `Bearer ${participantToken}` } });
	expect(refused.status).toBe(403);
	expect((await fetch(`${server.url}/api/workshops/${workshop.code}/export?format=md`)).status).toBe(401);
	// An unknown format is a 400 that names the formats there are.
	const facilitatorToken = await control.evaluate((code) => JSON.parse(localStorage.getItem(`verkstad:${code}:facilitator`)!).token, workshop.code);
	const unknown = await fetch(`${server.url}/api/workshops/${workshop.code}/export?format=xlsx`, { headers: { authorization: `Bearer ${facilitatorToken}` } });
	expect(unknown.status).toBe(400);
	expect((await unknown.json()).error).toContain('md, csv, docx, pdf, chat, svg');

	for (const c of [facilitatorContext, anna.context, cia.context]) await c.close();
});

test('the files speak the workshop’s language, or the one the facilitator picks', async ({ browser }) => {
	server = await startServer();
	const created = await fetch(`${server.url}/api/workshops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title: 'Nordic meeting', template: 'learning-lab', groups: 1, language: 'en' })
	});
	expect(created.status).toBe(201);
	const workshop = (await created.json()) as { code: string; facilitatorUrl: string };
	// The facilitator reads Swedish (their own choice); the workshop is in English.
	const context = await browser.newContext({ acceptDownloads: true });
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'sv', url: server.url }]);
	const control = await context.newPage();
	await openControlRoom(control, workshop.facilitatorUrl);
	const panel = control.getByRole('region', { name: 'Sammanställning' });
	const language = panel.getByLabel('Exportens språk');
	await expect(language).toHaveValue('en');

	const markdown = async () => {
		const [download] = await Promise.all([control.waitForEvent('download'), panel.getByRole('button', { name: 'Markdown, per fråga', exact: true }).click()]);
		return { filename: download.suggestedFilename(), text: fs.readFileSync((await download.path())!, 'utf8') };
	};
	const english = await markdown();
	expect(english.filename).toBe(`summary-${workshop.code}.md`);
	expect(english.text).toContain('# Summary: Nordic meeting');
	expect(english.text).toContain('## 1. What do you expect from the Learning lab?\n\n*No notes.*');
	await expect(panel.getByRole('status')).toHaveText(`summary-${workshop.code}.md är nedladdad.`);

	await language.selectOption('sv');
	const swedish = await markdown();
	expect(swedish.filename).toBe(`sammanstallning-${workshop.code}.md`);
	expect(swedish.text).toContain('# Sammanställning: Nordic meeting');
	// What people wrote, the template's titles among it, stays as written.
	expect(swedish.text).toContain('## 1. What do you expect from the Learning lab?\n\n*Inga lappar.*');

	const facilitatorToken = await control.evaluate((code) => JSON.parse(localStorage.getItem(`verkstad:${code}:facilitator`)!).token, workshop.code);
	const refused = await fetch(`${server.url}/api/workshops/${workshop.code}/export?format=md&language=xx`, { headers: { authorization: `Bearer ${facilitatorToken}` } });
	expect(refused.status).toBe(400);
	expect((await refused.json()).error).toContain('sv, en');
	await context.close();
});
