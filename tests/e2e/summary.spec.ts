/**
 * The facilitator edits the compiled summary (Sammanställning) while two groups write in their
 * browsers: rewords an item, merges two, drops one (and takes a drop back), reorders by keyboard,
 * sees a new note arrive live, drags it up, and the downloaded Markdown holds exactly that.
 */
import fs from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { addNoteWithButton, createWorkshop, join, openControlRoom } from './people';
import { seriousViolations } from './axe';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** The item texts of a question on the summary page, in order. */
function itemTexts(question: Locator): Promise<string[]> {
	return question.getByRole('listitem').getByRole('textbox').evaluateAll((fields) => fields.map((f) => (f as HTMLTextAreaElement).value));
}

/** The 1-based place of the item with this text, for the buttons named after it. */
async function place(question: Locator, text: string): Promise<number> {
	const index = (await itemTexts(question)).indexOf(text);
	expect(index, `"${text}" on the summary page`).toBeGreaterThanOrEqual(0);
	return index + 1;
}

test('a facilitator edits the summary and downloads exactly that', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const cia = await join(browser, workshop.participantUrl, 'Cia Lund', 'Region Gotland', 'Grupp 2');
	for (const text of ['En arena för samtal', 'Kaffe och fika', 'Lära av varandra']) await addNoteWithButton(anna.page, EXPECTATIONS, text);
	for (const text of ['Mötas över gränser', 'Lära känna varandra.']) await addNoteWithButton(cia.page, EXPECTATIONS, text);

	const facilitatorContext = await browser.newContext({ acceptDownloads: true });
	const page = await facilitatorContext.newPage();
	await openControlRoom(page, workshop.facilitatorUrl);
	await page.getByRole('link', { name: 'Redigera sammanställningen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sammanställning' })).toBeVisible();
	const question = page.getByRole('region', { name: `1. ${EXPECTATIONS}` });
	await expect.poll(() => itemTexts(question)).toEqual([
		'En arena för samtal',
		'Kaffe och fika',
		'Lära av varandra',
		'Mötas över gränser',
		'Lära känna varandra.'
	]);

	// Reword an item in place; Enter saves.
	const first = question.getByRole('textbox', { name: 'Punkt 1' });
	await first.fill('En arena för samtal mellan regioner');
	await first.press('Enter');
	await expect(question.getByText('Lapparnas text: ”En arena för samtal”')).toBeVisible();

	// Merge Cia's point into Anna's: Anna's wording stays, both groups are credited.
	await question.getByRole('button', { name: `Slå ihop med … (punkt ${await place(question, 'Lära känna varandra.')})` }).click();
	await question.getByRole('button', { name: 'Slå ihop med ”Lära av varandra”' }).click();
	await expect.poll(() => itemTexts(question)).toEqual(['En arena för samtal mellan regioner', 'Kaffe och fika', 'Lära av varandra', 'Mötas över gränser']);
	await expect(question.getByText('Ihopslagen med:')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	// Drop one, take it back, drop it again.
	const dropped = question.getByRole('region', { name: 'Borttagna (1)' });
	await question.getByRole('button', { name: `Ta bort punkt ${await place(question, 'Kaffe och fika')}` }).click();
	await expect(dropped).toContainText('Kaffe och fika');
	await dropped.getByRole('button', { name: 'Ta tillbaka ”Kaffe och fika”' }).click();
	await expect(dropped).toHaveCount(0);
	await expect.poll(() => itemTexts(question)).toContain('Kaffe och fika');
	await question.getByRole('button', { name: `Ta bort punkt ${await place(question, 'Kaffe och fika')}` }).click();
	await expect(dropped).toContainText('Kaffe och fika');

	// Move Cia's other point to the top with the keyboard: focus stays on the button.
	const up = question.getByRole('button', { name: `↑ Upp (punkt ${await place(question, 'Mötas över gränser')})` });
	await up.focus();
	await page.keyboard.press('Enter');
	await expect.poll(() => itemTexts(question)).toEqual(['En arena för samtal mellan regioner', 'Mötas över gränser', 'Lära av varandra']);
	await page.keyboard.press('Enter');
	await expect.poll(() => itemTexts(question)).toEqual(['Mötas över gränser', 'En arena för samtal mellan regioner', 'Lära av varandra']);

	// Live: a note written now arrives at the end of its question.
	await addNoteWithButton(cia.page, EXPECTATIONS, 'Tydliga mål');
	await expect.poll(() => itemTexts(question)).toEqual(['Mötas över gränser', 'En arena för samtal mellan regioner', 'Lära av varandra', 'Tydliga mål']);

	// With a mouse, the handle drags an item to another's place.
	const rows = question.getByRole('list').first().locator(':scope > li');
	await rows.nth(3).locator('.handle').dragTo(rows.nth(1));
	await expect.poll(() => itemTexts(question)).toEqual(['Mötas över gränser', 'Tydliga mål', 'En arena för samtal mellan regioner', 'Lära av varandra']);

	await page.getByRole('link', { name: '← Tillbaka till ledarsidan' }).click();
	const panel = page.getByRole('region', { name: 'Sammanställning' });
	const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Markdown, per fråga' }).click()]);
	const md = fs.readFileSync((await download.path())!, 'utf8');
	expect(md.slice(md.indexOf('## 1.'), md.indexOf('## 2.'))).toBe(
		[
			`## 1. ${EXPECTATIONS}`,
			'',
			'- Mötas över gränser *(Grupp 2)*',
			'- Tydliga mål *(Grupp 2)*',
			'- En arena för samtal mellan regioner *(Grupp 1)*',
			'- Lära av varandra *(Grupp 1, Grupp 2)*',
			'',
			''
		].join('\n')
	);

	for (const c of [facilitatorContext, anna.context, cia.context]) await c.close();
});
