/** A test driver for people in browsers: join by link, find figures and notes by their names. */
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';

export interface Person {
	name: string;
	organisation: string;
	context: BrowserContext;
	page: Page;
}

export async function createWorkshop(baseUrl: string, groups = 2, template = 'larlabb') {
	const res = await fetch(`${baseUrl}/api/workshops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title: 'Lärlabb Hållbar utveckling', template, groups })
	});
	expect(res.status).toBe(201);
	return (await res.json()) as { code: string; facilitatorKey: string; participantUrl: string; facilitatorUrl: string };
}

/** Opens the participant link in a fresh context, fills in the join form and lands on the board. */
export async function join(
	browser: Browser,
	url: string,
	name: string,
	organisation: string,
	group: string,
	/** Runs before the page opens, e.g. to give this person's computer a wrong clock. */
	prepare?: (context: BrowserContext) => Promise<unknown>
): Promise<Person> {
	const context = await browser.newContext();
	await prepare?.(context);
	return joinIn(context, url, name, organisation, group);
}

/** A 360 × 740 phone with a touch screen, as most participants hold. */
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** As `join`, on a phone from the start: the board opens at phone size. */
export async function joinOnPhone(browser: Browser, url: string, name: string, organisation: string, group: string): Promise<Person> {
	return joinIn(await browser.newContext(PHONE), url, name, organisation, group);
}

async function joinIn(context: BrowserContext, url: string, name: string, organisation: string, group: string): Promise<Person> {
	const page = await context.newPage();
	await page.goto(url);
	await page.getByLabel('Ditt namn').fill(name);
	await page.getByLabel('Organisation', { exact: true }).fill(organisation);
	await page.getByRole('radio', { name: new RegExp(`^${group}\\b`) }).check();
	await page.getByRole('button', { name: 'Gå med i workshoppen' }).click();
	await page.waitForURL(/\/board$/);
	await expect(connection(page)).toHaveText(/Ansluten/);
	return { name, organisation, context, page };
}

/** The "Lista" toggle; on a phone it sits under "Meny", hidden until the menu opens. */
export function listToggle(page: Page): Locator {
	return page.getByRole('button', { name: 'Lista', exact: true, includeHidden: true });
}

/** Switches a board to the canvas: a phone starts in the list view. */
export async function showCanvas(page: Page): Promise<void> {
	const toggle = listToggle(page);
	if ((await toggle.getAttribute('aria-pressed')) === 'true') {
		if (!(await toggle.isVisible())) await page.getByRole('button', { name: /^Meny/ }).click();
		await toggle.click();
	}
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
}

/**
 * Keeps everything the pages of a context put in a live region, in order. A live region shows
 * only its latest message, and a screen reader reads each in turn, so a test asks for the whole
 * record (`announced`), not for what the region holds at one moment.
 */
export async function recordAnnouncements(context: BrowserContext): Promise<void> {
	await context.addInitScript(() => {
		const heard: string[] = [];
		(window as unknown as { __announced: string[] }).__announced = heard;
		new MutationObserver((changes) => {
			for (const change of changes) {
				const node = change.target;
				const region = (node instanceof Element ? node : node.parentElement)?.closest('[aria-live]');
				const text = region?.textContent?.trim();
				if (text && heard.at(-1) !== text) heard.push(text);
			}
		}).observe(document, { subtree: true, childList: true, characterData: true });
	});
}

export function announced(page: Page): Promise<string[]> {
	return page.evaluate(() => (window as unknown as { __announced: string[] }).__announced);
}

export function connection(page: Page): Locator {
	return page.getByRole('status').filter({ hasText: /Ansluten|Återansluter|Offline|Ansluter/ }).first();
}

export function figure(page: Page, title: string): Locator {
	return page.getByRole('region', { name: title, exact: true });
}

/** A note found by its text; its accessible name is "Lapp av <namn> (<org>): <text>". */
export function note(scope: Page | Locator, text: string): Locator {
	return scope.getByRole('article', { name: new RegExp(`: ${escape(text)}$`) });
}

export function noteBy(scope: Page | Locator, author: string, text: string): Locator {
	return scope.getByRole('article', { name: new RegExp(`^Lapp av ${escape(author)} .*: ${escape(text)}$`) });
}

/** Adds a note with the figure's "+ Lapp" button and types into it; typing starts at once. */
export async function addNoteWithButton(page: Page, figureTitle: string, text: string): Promise<void> {
	await page.getByRole('button', { name: `+ Lapp i ${figureTitle}` }).click();
	const editor = page.getByRole('textbox', { name: 'Text på lappen' });
	await expect(editor).toBeFocused();
	await page.keyboard.type(text);
	await page.keyboard.press('Escape');
	await expect(editor).toHaveCount(0);
}

export async function dragTo(page: Page, source: Locator, target: Locator): Promise<void> {
	const from = (await source.boundingBox())!;
	const to = (await target.boundingBox())!;
	await page.mouse.move(from.x + from.width / 2, from.y + 10);
	await page.mouse.down();
	await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
	await page.mouse.up();
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The facilitator in a browser context of their own, on the control room. */
export async function enterControlRoom(
	browser: Browser,
	facilitatorUrl: string,
	options?: BrowserContextOptions
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await openControlRoom(page, facilitatorUrl);
	return { context, page };
}

/** Opens the control room from the facilitator's key link and waits until it is live. */
export async function openControlRoom(page: Page, facilitatorUrl: string): Promise<void> {
	await page.goto(facilitatorUrl);
	await expect(page.getByRole('region', { name: 'Styr workshoppen' })).toBeVisible();
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
}

/** Unfolds a part of the control room ("Före", "Under", "Efter") unless it is open already. */
export async function unfoldRoomPart(page: Page, name: 'Före' | 'Under' | 'Efter'): Promise<void> {
	const toggle = page.getByRole('button', { name, exact: true });
	if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

/**
 * Opens a vote on one figure from the control room (in Swedish): `dots` per person, counted once
 * the quota's field takes it (Enter). Answers the "Röstning" region, where "Stäng röstning" is.
 */
export async function openVote(control: Page, figureTitle: string, dots: number): Promise<Locator> {
	const voting = control.getByRole('region', { name: 'Röstning' });
	await voting.getByRole('checkbox', { name: figureTitle }).check();
	const quota = voting.getByRole('spinbutton', { name: `Prickar per person i ${figureTitle}` });
	await quota.fill(String(dots));
	await quota.press('Enter');
	await voting.getByRole('button', { name: 'Öppna röstning' }).click();
	return voting;
}
