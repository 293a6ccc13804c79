/**
 * Vote results where the room sees them (issue 10 §2): a facilitator runs a vote over two groups
 * and closes it; the projector at 1920×1080 lists each group's notes by votes with their counts
 * and top marks, says when a place is shared or when the top holds every note, and the exports
 * downloaded from the control room (Markdown, CSV, Word, PDF) carry the same counts.
 */
import fs from 'node:fs';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { parseCsv } from '../csv';
import { pdfPageLines } from '../pdf';
import { elements, parseXml, textOf } from '../xml';
import { addNoteWithButton, createWorkshop, enterControlRoom, figure, join, note, openVote } from './people';
import { seriousViolations } from './axe';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
// Grupp 1's notes, most votes first once counted (2, 1, 1, 0); written in another order.
const [MOST, FIRST_TIED, SECOND_TIED, NONE] = ['Höra hur andra regioner arbetar', 'Tid att lära känna varandra', 'Konkreta verktyg att ta med hem', 'En arena för samtal'];
// Grupp 2's notes, one vote each: the top 2 holds both.
const [CONTACTS, MANDATE] = ['Nya kontakter på myndigheterna', 'Förstå myndigheternas uppdrag'];

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

async function vote(page: Page, texts: string[]): Promise<void> {
	const fig = figure(page, EXPECTATIONS);
	for (const text of texts) await fig.getByRole('button', { name: `Rösta på lappen ${text}` }).click();
	await expect(fig.getByRole('status').filter({ hasText: 'prickar kvar' })).toHaveText(`${2 - texts.length} av 2 prickar kvar`);
}

/** The texts of a projected figure's notes, top to bottom. */
function shownTexts(shown: Locator): Promise<string[]> {
	return shown.locator('li .text').allTextContents();
}

function shownNote(shown: Locator, text: string): Locator {
	return shown.getByRole('listitem').filter({ hasText: text });
}

test('a closed vote shows sorted counts and top marks on the projector and in every export', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl, { acceptDownloads: true });
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	const cia = await join(browser, workshop.participantUrl, 'Cia Lund', 'Region Gotland', 'Grupp 2');
	for (const text of [NONE, FIRST_TIED, SECOND_TIED, MOST]) await addNoteWithButton(anna.page, EXPECTATIONS, text);
	for (const text of [CONTACTS, MANDATE]) await addNoteWithButton(cia.page, EXPECTATIONS, text);
	for (const text of [NONE, FIRST_TIED, SECOND_TIED, MOST]) await expect(note(figure(bo.page, EXPECTATIONS), text)).toBeVisible();

	// The projector shows the figure across both groups, in the order written while nothing is counted.
	const [projector] = await Promise.all([facilitatorContext.waitForEvent('page'), control.getByRole('link', { name: 'Öppna projektorvy' }).click()]);
	await projector.setViewportSize({ width: 1920, height: 1080 });
	const present = control.getByRole('region', { name: 'Projektor' });
	await present.getByRole('combobox', { name: 'Figur att visa' }).selectOption(EXPECTATIONS);
	await present.getByRole('radio', { name: 'En figur i alla grupper' }).check();
	const group1 = projector.getByRole('region', { name: `Grupp 1: ${EXPECTATIONS}` });
	const group2 = projector.getByRole('region', { name: `Grupp 2: ${EXPECTATIONS}` });
	await expect.poll(() => shownTexts(group1)).toEqual([NONE, FIRST_TIED, SECOND_TIED, MOST]);

	// A vote of two dots each.
	const voting = await openVote(control, EXPECTATIONS, 2);
	await vote(anna.page, [MOST, FIRST_TIED]);
	await vote(bo.page, [MOST, SECOND_TIED]);
	await vote(cia.page, [CONTACTS, MANDATE]);
	// Nothing of the vote shows on the projector while it is open.
	await expect(projector.getByText(/\d+ röst(er)?$/)).toHaveCount(0);
	await voting.getByRole('button', { name: 'Stäng röstning' }).click();
	await expect(voting.getByRole('status')).toHaveText('Röstningen är stängd. 6 prickar räknades in på tavlorna.');

	// Grupp 1: by votes, the tie at the edge of the top 2 marked on both and said to be shared.
	await expect.poll(() => shownTexts(group1)).toEqual([MOST, FIRST_TIED, SECOND_TIED, NONE]);
	await expect(shownNote(group1, MOST).locator('.result')).toHaveText('2 röster Topp 2');
	await expect(shownNote(group1, FIRST_TIED).locator('.result')).toHaveText('1 röst Topp 2, delad 2:a plats');
	await expect(shownNote(group1, SECOND_TIED).locator('.result')).toHaveText('1 röst Topp 2, delad 2:a plats');
	await expect(shownNote(group1, NONE).locator('.result')).toHaveText('0 röster');
	await expect(group1).toContainText('Delad plats: 3 lappar i topp 2.');
	// Grupp 2: both notes are in the top 2, so neither is marked, and the projector says why.
	await expect(shownNote(group2, CONTACTS).locator('.result')).toHaveText('1 röst');
	await expect(shownNote(group2, MANDATE).locator('.result')).toHaveText('1 röst');
	await expect(group2).toContainText('Alla 2 lappar ryms i topp 2, så ingen markeras.');
	// Readable from the back of the room: counts at least 28 px at 1080p.
	const countSize = await shownNote(group1, MOST).getByText('2 röster').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	expect(countSize).toBeGreaterThanOrEqual(28);
	expect(await seriousViolations(projector)).toEqual([]);
	await projector.screenshot({ path: '/work/wt/shots/votes-projector-1920x1080.png' });
	await projector.setViewportSize({ width: 1440, height: 900 });
	await projector.screenshot({ path: '/work/wt/shots/votes-projector-1440x900.png' });
	await projector.setViewportSize({ width: 360, height: 740 });
	await expect(shownNote(group1, MOST).locator('.result')).toBeVisible();
	await projector.screenshot({ path: '/work/wt/shots/votes-projector-360x740.png', fullPage: true });

	// The exports from the control room carry the same counts, sorted by votes.
	const panel = control.getByRole('region', { name: 'Sammanställning' });
	const downloaded = async (button: string): Promise<Download> =>
		(await Promise.all([control.waitForEvent('download'), panel.getByRole('button', { name: button, exact: true }).click()]))[0];
	const points = [
		`${MOST} (Grupp 1) – 2 röster, Topp 2`,
		`${FIRST_TIED} (Grupp 1) – 1 röst, Topp 2, delad 2:a plats`,
		`${SECOND_TIED} (Grupp 1) – 1 röst, Topp 2, delad 2:a plats`,
		`${CONTACTS} (Grupp 2) – 1 röst`,
		`${MANDATE} (Grupp 2) – 1 röst`,
		`${NONE} (Grupp 1) – 0 röster`
	];

	const md = fs.readFileSync((await (await downloaded('Markdown, per fråga')).path())!, 'utf8');
	const section = md.slice(md.indexOf(EXPECTATIONS), md.indexOf('\n## ', md.indexOf(EXPECTATIONS)));
	expect(section.split('\n').filter((l) => l.startsWith('- '))).toEqual(
		points.map((p) => `- ${p.replace(/ \((Grupp \d)\) – (.*)$/, ' *($1)* – **$2**')}`)
	);

	const rows = parseCsv(fs.readFileSync((await (await downloaded('CSV för Excel, per fråga')).path())!, 'utf8'));
	expect(rows.filter((r) => r[0] === EXPECTATIONS).map((r) => [r[1], r[5], r[6]])).toEqual([
		[MOST, '2', '2 röster, Topp 2'],
		[FIRST_TIED, '1', '1 röst, Topp 2, delad 2:a plats'],
		[SECOND_TIED, '1', '1 röst, Topp 2, delad 2:a plats'],
		[CONTACTS, '1', '1 röst'],
		[MANDATE, '1', '1 röst'],
		[NONE, '0', '0 röster']
	]);

	const zip = await JSZip.loadAsync(fs.readFileSync((await (await downloaded('Word, per fråga')).path())!));
	const paragraphs = elements(parseXml(await zip.file('word/document.xml')!.async('string')), 'w:p').map(textOf);
	expect(paragraphs.filter((p) => points.includes(p))).toEqual(points);

	const pdf = pdfPageLines(fs.readFileSync((await (await downloaded('PDF, per fråga')).path())!)).flat();
	expect(pdf.filter((line) => points.some((p) => line === `•${p}`))).toEqual(points.map((p) => `•${p}`));

	for (const c of [facilitatorContext, anna.context, bo.context, cia.context]) await c.close();
});
