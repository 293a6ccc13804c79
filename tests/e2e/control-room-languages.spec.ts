/**
 * The control room in English (issue 13): the facilitator switches it from the page's header, and
 * every part of it follows at once, without a reload: the parts and cards, the counts with their
 * plurals, the live announcements of what the server did, the time of the message. The choice
 * survives a reload, axe passes in English at a desktop's and a phone's size, and switching back
 * gives the Swedish the other control-room tests read. A facilitator without a key is told in
 * English too.
 */
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { createWorkshop, enterControlRoom, join } from './people';
import { startServer, type RunningServer } from './server';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

const htmlLang = (page: Page) => page.locator('html');

test('a facilitator runs the control room in English and back in Swedish', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const { page } = await enterControlRoom(browser, workshop.facilitatorUrl);

	await page.getByLabel('Språk', { exact: true }).selectOption('en');
	await expect(htmlLang(page)).toHaveAttribute('lang', 'en');
	const controls = page.getByRole('region', { name: 'Run the workshop' });
	await expect(controls).toBeVisible();
	await expect(page.getByRole('button', { name: 'During', exact: true })).toHaveAttribute('aria-expanded', 'true');
	await expect(page.getByRole('region', { name: 'Run sheet' }).getByRole('button', { name: 'Next phase' })).toBeVisible();
	await expect(page.getByText('1 participant in 2 groups')).toBeVisible();
	const tile = (name: string) => page.getByRole('article').filter({ has: page.getByRole('heading', { name }) });
	await expect(tile('Grupp 1').getByText('1 of 12 people')).toBeVisible();
	await expect(tile('Grupp 1').getByRole('link', { name: 'Open Grupp 1' })).toBeVisible();

	// What the controls say about the boards, singular and plural.
	const boards = page.getByRole('region', { name: 'The boards' });
	await boards.getByRole('button', { name: 'Lock all boards', exact: true }).click();
	await expect(boards.getByRole('status')).toHaveText('All boards are locked: the groups can read but not write.');
	await tile('Grupp 1').getByRole('button', { name: 'Unlock Grupp 1' }).click();
	await expect(boards.getByRole('status')).toHaveText('1 of 2 boards is locked.');
	await boards.getByRole('button', { name: 'Unlock all boards' }).click();
	await expect(boards.getByRole('status')).toHaveText('Every group can write on its board.');

	// The message's time, and an announcement of what the server did.
	const message = page.getByRole('region', { name: 'Message', exact: true });
	await message.getByLabel('Message to all groups').fill('Coffee until 10.50');
	await message.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(message.getByText(/^Shown on every board since \d\d:\d\d:$/)).toBeVisible();
	const manage = page.getByRole('region', { name: 'Group allocation' });
	await manage.locator('summary', { hasText: 'Grupp 1' }).click();
	await manage.getByLabel('Move Anna Berg to').selectOption({ label: 'Grupp 2' });
	await manage.getByRole('button', { name: 'Move Anna Berg', exact: true }).click();
	await expect(manage.getByRole('status')).toHaveText('Anna Berg was moved to Grupp 2.');

	// Think first, and how far each group has got.
	const individual = page.getByRole('region', { name: 'Think on your own first' });
	await individual.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(individual.getByText('Running for the whole board. The participants\' notes are private.')).toBeVisible();
	await expect(individual.getByRole('list', { name: 'How far the groups have got' }).getByRole('listitem')).toHaveText([
		/^Grupp 1\s*0 drafts\s*0 of 0 done$/,
		/^Grupp 2\s*0 drafts\s*0 of 1 done$/
	]);
	// A figure chosen for a vote gives it a label and dots: on a phone they fit beside each other.
	const voting = page.getByRole('region', { name: 'Voting' });
	await voting.getByRole('checkbox', { name: 'Vilka förväntningar har du på Lärlabb?' }).check();
	await expect(voting.getByRole('textbox', { name: 'Label for Vilka förväntningar har du på Lärlabb?' })).toHaveValue('3 vilka förväntningar har du på Lärlabb');
	expect(await seriousViolations(page)).toEqual([]);
	await page.setViewportSize({ width: 360, height: 740 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	expect(await seriousViolations(page)).toEqual([]);
	await page.setViewportSize({ width: 1440, height: 900 });

	// Remembered: the server renders the control room in English after a reload.
	await page.reload();
	await expect(controls).toBeVisible();
	await expect(htmlLang(page)).toHaveAttribute('lang', 'en');
	await expect(page.getByLabel('Language', { exact: true })).toHaveValue('en');

	await page.getByLabel('Language', { exact: true }).selectOption('sv');
	await expect(page.getByRole('region', { name: 'Styr workshoppen' })).toBeVisible();
	await expect(page.getByText('1 deltagare i 2 grupper')).toBeVisible();
	await expect(htmlLang(page)).toHaveAttribute('lang', 'sv');
});

test('a facilitator without a key, or with a wrong one, is told so in English', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const context = await browser.newContext();
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: server.url }]);
	const page = await context.newPage();

	await page.goto(`${server.url}/w/${workshop.code}/facilitate`);
	await expect(page.getByRole('heading', { name: 'This page is for the facilitator' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveText('Open the facilitator link you got when the workshop was created. It ends in #key=…');
	await expect(page.getByRole('link', { name: 'Join the workshop here' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	const wrong = await context.newPage();
	await wrong.goto(`${server.url}/w/${workshop.code}/facilitate#key=wrong`);
	await expect(wrong.getByRole('heading', { name: 'You could not sign in as facilitator' })).toBeVisible();
	// The language switch is on this page too, and says it again in Swedish.
	await wrong.getByLabel('Language', { exact: true }).selectOption('sv');
	await expect(wrong.getByRole('heading', { name: 'Du kunde inte logga in som ledare' })).toBeVisible();
	await context.close();
});
