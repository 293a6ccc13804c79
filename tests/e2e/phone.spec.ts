/**
 * The board on a 360 × 740 phone (issue 9 §4): a header that names the group in at most ~15 % of
 * the screen with every tool in its menu, a first view with a whole figure and its "+ Lapp", a new
 * note written at a readable size in view (also above the on-screen keyboard), an "Anpassa" that
 * stops at a zoom where notes are still notes, and other people's name tags sized for the zoom.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { SEED_NOTES } from '../fixtures/seed-notes';
import { createWorkshop, enterControlRoom, figure, join, joinOnPhone, note, PHONE, showCanvas } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const HEIGHT = PHONE.viewport.height;

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

function editor(page: Page): Locator {
	return page.getByRole('textbox', { name: 'Text på lappen' });
}

function openCard(page: Page): Locator {
	return page.getByRole('article').filter({ has: editor(page) });
}

/** The board's canvas: the part of the screen under the header and beside any sheet. */
async function canvasBox(page: Page) {
	return (await page.locator('.canvas').boundingBox())!;
}

/** A note's text size in px on the screen, its 17 px times the zoom. */
function textPx(card: Locator): Promise<number> {
	return card.evaluate((el) => {
		const size = parseFloat(getComputedStyle(el).fontSize);
		return (size * el.getBoundingClientRect().width) / (el as HTMLElement).offsetWidth;
	});
}

async function seriousViolations(page: Page): Promise<string[]> {
	const result = await new AxeBuilder({ page }).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('the header names the group in at most 15 % of the screen, and its menu holds every tool', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	await control.getByRole('region', { name: 'Körschema' }).getByRole('button', { name: 'Starta Individuellt' }).click();
	const anna = await joinOnPhone(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const page = anna.page;

	// The board's bar (inside <main>, so not a banner landmark); figures have headers of their own.
	const header = page.locator('.board-view > header');
	await expect(header.getByRole('timer', { name: /Tid kvar/ })).toBeInViewport();
	await expect(header.getByText('Grupp 1')).toBeInViewport();
	await expect(header.getByRole('status').filter({ hasText: 'Ansluten' })).toBeInViewport();
	expect((await header.boundingBox())!.height).toBeLessThanOrEqual(0.15 * HEIGHT);
	await page.screenshot({ path: test.info().outputPath('phone-first-view.png') });

	// The tools are in "Meny", reached by touch, and named by their visible text.
	const menu = header.getByRole('button', { name: 'Meny' });
	const tools = header.getByRole('toolbar', { name: 'Tavlans verktyg' });
	await expect(tools).toBeHidden();
	await menu.tap();
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	for (const name of ['Lista', 'Instruktioner', 'Chatt', 'Ångra', 'Gör om', 'Jag är gruppledare']) {
		await expect(tools.getByRole('button', { name })).toBeInViewport({ ratio: 1 });
	}
	await expect(header.getByRole('link', { name: 'Plenum' })).toBeInViewport({ ratio: 1 });
	await expect(header.getByText('Bara du')).toBeInViewport({ ratio: 1 });
	expect(await seriousViolations(page)).toEqual([]);
	await page.screenshot({ path: test.info().outputPath('phone-menu-open.png') });

	// By keyboard: Escape closes the menu onto its button; Enter opens it, Tab goes in.
	await page.keyboard.press('Escape');
	await expect(tools).toBeHidden();
	await expect(menu).toBeFocused();
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	await expect(tools.getByRole('button', { name: 'Lista' })).toBeFocused();

	// The chat opens from the menu, which gives it the screen; closing it returns to "Meny".
	await tools.getByRole('button', { name: 'Chatt' }).click();
	await expect(tools).toBeHidden();
	const chat = page.getByRole('log', { name: 'Chattmeddelanden' });
	await expect(chat).toBeVisible();
	await page.getByRole('button', { name: 'Stäng chatten' }).click();
	await expect(chat).toBeHidden();
	await expect(menu).toBeFocused();

	// A chat message while the chat is closed shows on the menu's button.
	const controlChat = control.getByRole('region', { name: 'Chatt med alla deltagare' });
	await controlChat.getByRole('textbox', { name: 'Skriv i chatten' }).fill('Fem minuter kvar!');
	await controlChat.getByRole('textbox', { name: 'Skriv i chatten' }).press('Enter');
	await expect(header.getByRole('button', { name: /^Meny 1 olästa i chatten$/ })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});

test('the first view shows a figure with its "+ Lapp", and a new note is written readable and in view', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const { page } = await joinOnPhone(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await showCanvas(page);
	const first = figure(page, EXPECTATIONS);
	const add = page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` });
	await expect(add).toBeInViewport({ ratio: 0.99 });
	const shown = (await first.boundingBox())!;
	expect(shown.x).toBeGreaterThanOrEqual(0);
	expect(shown.x + shown.width).toBeLessThanOrEqual(PHONE.viewport.width);

	await add.tap();
	await expect(editor(page)).toBeFocused();
	await page.keyboard.type('En arena för samtal');
	const canvas = await canvasBox(page);
	const card = (await openCard(page).boundingBox())!;
	expect(card.y).toBeGreaterThanOrEqual(canvas.y);
	expect(card.y + card.height).toBeLessThanOrEqual(canvas.y + canvas.height);
	expect(card.height).toBeGreaterThanOrEqual(40);
	expect(await textPx(openCard(page))).toBeGreaterThanOrEqual(12);
	await page.screenshot({ path: test.info().outputPath('phone-writing.png') });
	await page.keyboard.press('Escape');

	// A double-tap low in the figure, then the on-screen keyboard takes the lower half of the screen
	// (headless Chromium has none; a phone's shrinks the visual viewport, so that is what we do).
	await page.getByRole('button', { name: 'Anpassa' }).tap();
	const box = (await first.boundingBox())!;
	const at = { x: box.x + 60, y: box.y + box.height - 40 };
	await page.touchscreen.tap(at.x, at.y);
	await page.touchscreen.tap(at.x, at.y);
	await expect(editor(page)).toBeFocused();
	const keyboardTop = 380;
	await page.evaluate((visible) => {
		Object.defineProperty(window.visualViewport!, 'height', { configurable: true, get: () => visible });
		window.visualViewport!.dispatchEvent(new Event('resize'));
	}, keyboardTop);
	await page.keyboard.type(SEED_NOTES[2]!);
	await expect(async () => {
		const written = (await openCard(page).boundingBox())!;
		expect(written.y).toBeGreaterThanOrEqual((await canvasBox(page)).y);
		expect(written.y + written.height).toBeLessThanOrEqual(keyboardTop);
	}).toPass({ timeout: 10_000 });
	await page.screenshot({ path: test.info().outputPath('phone-writing-above-keyboard.png') });
	await page.keyboard.press('Escape');
	await expect(note(first, SEED_NOTES[2]!)).toBeVisible();
});

test('"Anpassa" keeps notes touchable, and name tags shrink with the board when zoomed out', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	const { page } = await joinOnPhone(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await showCanvas(page);
	await page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` }).tap();
	// Playwright types å, ä and ö as inserted text, with no key event: it waits for the field, as the eye does.
	await expect(page.getByRole('textbox', { name: 'Text på lappen' })).toBeFocused();
	await page.keyboard.type('En arena för samtal');
	await page.keyboard.press('Escape');

	// Bo points at the note from his laptop; Anna sees his name tag.
	const target = (await note(bo.page, 'En arena för samtal').boundingBox())!;
	await bo.page.mouse.move(target.x + 20, target.y + 20);
	await bo.page.mouse.move(target.x + 30, target.y + 30);
	// The tag is decorative (the people list names everyone), so it is found by its text.
	const tag = page.locator('.cursors').getByText('Bo Ek', { exact: true });
	await expect(tag).toBeVisible();

	// At a readable zoom (a note 135 px wide or more) and above it, the tag keeps its size on screen.
	const card = note(page, 'En arena för samtal');
	const zoomIn = page.getByRole('button', { name: 'Zooma in' });
	while ((await card.boundingBox())!.width < 0.75 * 180) await zoomIn.tap();
	const readable = (await tag.boundingBox())!.height;
	await zoomIn.tap();
	await expect.poll(async () => (await tag.boundingBox())!.height).toBeCloseTo(readable, 0);

	// "Anpassa" shows as much as it can with a note still 44 px tall, not a board of specks...
	await page.getByRole('button', { name: 'Anpassa' }).tap();
	await expect.poll(async () => (await card.boundingBox())!.height).toBeGreaterThanOrEqual(43.9);
	// ...and there Bo's tag is drawn smaller, covering no more of a note than at a readable zoom.
	const zoomedOut = (await tag.boundingBox())!.height;
	expect(zoomedOut).toBeLessThan(0.7 * readable);
	await page.screenshot({ path: test.info().outputPath('phone-fit.png') });
});
