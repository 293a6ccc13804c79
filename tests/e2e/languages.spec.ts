/**
 * Languages (issue 13): a person switches the interface to English on the start page
 * and joins a Swedish workshop in English; the choice survives a reload and the language follows
 * `<html lang>`. A facilitator who creates an English workshop sends a participant, who has never
 * chosen a language, to a join page in English. The projector's message page has a switch of its
 * own. axe on the English pages.
 */
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { createWorkshop } from './people';
import { startServer, type RunningServer } from './server';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

const htmlLang = (page: Page) => page.locator('html');

/** The start page, once it runs: its create form asks for the templates when it has mounted. */
async function openStartPage(page: Page, url: string): Promise<void> {
	const mounted = page.waitForResponse((response) => response.url().endsWith('/api/templates'));
	const response = await page.goto(url);
	// Rendered in the cookie's language: no shared cache may give it to someone else.
	expect(await response?.headerValue('vary')).toMatch(/\bCookie\b/i);
	await mounted;
}

test('a person switches to English on the start page and joins a Swedish workshop in English', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const context = await browser.newContext();
	const page = await context.newPage();

	await openStartPage(page, server.url);
	await expect(page.getByRole('heading', { name: 'Delta i en workshop' })).toBeVisible();
	await expect(htmlLang(page)).toHaveAttribute('lang', 'sv');

	await page.getByLabel('Språk', { exact: true }).selectOption('en');
	await expect(page.getByRole('heading', { name: 'Join a workshop' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Create a workshop' })).toBeVisible();
	await expect(htmlLang(page)).toHaveAttribute('lang', 'en');

	// Remembered: the server renders the next page in English from the start.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Join a workshop' })).toBeVisible();
	await expect(htmlLang(page)).toHaveAttribute('lang', 'en');
	await expect(page.getByLabel('Language', { exact: true })).toHaveValue('en');
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByLabel('Workshop code').fill(workshop.code.toLowerCase());
	await page.getByRole('button', { name: 'Join', exact: true }).click();
	// The workshop is Swedish, but this person chose English, and that choice wins.
	await expect(page.getByRole('heading', { name: 'Join', exact: true })).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Grupp 1 0 of 12 people' })).toBeVisible();
	await expect(htmlLang(page)).toHaveAttribute('lang', 'en');
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByLabel('Your name').fill('Alex Byrne');
	await page.getByLabel('Organisation', { exact: true }).fill('Interreg Nord');
	await page.getByRole('radio', { name: /^Grupp 1\b/ }).check();
	await page.getByRole('button', { name: 'Join the workshop' }).click();
	await page.waitForURL(/\/board$/);
	await expect(htmlLang(page)).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	await expect(page.getByRole('toolbar', { name: 'Board tools' }).getByRole('button', { name: 'Instructions' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	// The switch is in the board's bar too, and switches the page at once, without a reload.
	await page.getByLabel('Language', { exact: true }).selectOption('sv');
	await expect(page.getByRole('toolbar', { name: 'Tavlans verktyg' }).getByRole('button', { name: 'Instruktioner' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible();
	await expect(htmlLang(page)).toHaveAttribute('lang', 'sv');
	await context.close();
});

test('a workshop created in English meets a participant who has not chosen a language in English', async ({ browser }) => {
	server = await startServer();
	const facilitator = await browser.newPage();
	await openStartPage(facilitator, server.url);
	await facilitator.getByLabel('Titel').fill('Nordic meeting');
	await facilitator.getByLabel('Workshoppens språk').selectOption('en');
	await facilitator.getByRole('button', { name: 'Skapa workshop' }).click();
	const participantUrl = await facilitator.getByLabel('Deltagarlänk').inputValue();
	// The facilitator's own interface stays Swedish.
	await expect(facilitator.getByRole('heading', { name: 'Workshoppen ”Nordic meeting” är skapad' })).toBeVisible();
	await facilitator.close();

	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(participantUrl);
	await expect(page.getByLabel('Your name')).toBeVisible();
	await expect(htmlLang(page)).toHaveAttribute('lang', 'en');
	await expect(page.getByLabel('Language', { exact: true })).toHaveValue('en');
	// Kept as this person's language, so the next page the server renders is English too.
	await page.goto(server.url);
	await expect(page.getByRole('heading', { name: 'Join a workshop' })).toBeVisible();
	await expect(htmlLang(page)).toHaveAttribute('lang', 'en');
	await context.close();
});

test('the projector page, opened where nobody signed in, has its own switch', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`${server.url}/w/${workshop.code}/present`);
	await expect(page.getByRole('heading', { name: 'Öppna projektorvyn från ledarsidan' })).toBeVisible();
	await page.getByLabel('Språk', { exact: true }).selectOption('en');
	await expect(page.getByRole('heading', { name: 'Open the projector view from the facilitator page' })).toBeVisible();
	await expect(htmlLang(page)).toHaveAttribute('lang', 'en');
	expect(await seriousViolations(page)).toEqual([]);
	await context.close();
});
