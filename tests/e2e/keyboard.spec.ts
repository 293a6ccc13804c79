/**
 * One participant's whole part of Lärlabb by keyboard alone (issue 9 §8): joining, the list view,
 * a private draft, a note, moving it to another figure with "Flytta till …", voting and the
 * plenum. Every control is reached with Tab (tabTo fails when Tab never gets there) and used with
 * Enter, Space, arrows or typing; the participant's page gets no click. The facilitator, who is
 * not under test here, uses the mouse.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createWorkshop, enterControlRoom, figure, join, note, openVote } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const AUTHORITIES = 'Vad vill du veta om myndigheterna?';
const EXAMPLES = 'Goda exempel på samverkan mellan myndigheter och regioner';
const DRAFT = 'Tid för att lära känna varandra, nivå: basic.';
const POINT = 'Hur de prioriterar mellan regionernas önskemål';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
	const handle = await target.elementHandle();
	for (let presses = 0; presses < 250; presses++) {
		if (await handle!.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
	}
	throw new Error(`Tab never reached ${target}`);
}

test("a participant runs their part of Lärlabb by keyboard alone, moving a note from the list", async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);

	const context = await browser.newContext();
	const page = await context.newPage();
	const keys = page.keyboard;

	// Joining: the form, filled and sent from the keyboard.
	await page.goto(workshop.participantUrl);
	await tabTo(page, page.getByLabel('Ditt namn'));
	await keys.type('Anna Berg');
	await tabTo(page, page.getByLabel('Organisation', { exact: true }));
	await keys.type('Region Skåne');
	await tabTo(page, page.getByRole('radio', { name: /^Grupp 1\b/ }));
	await keys.press('Space');
	await expect(page.getByRole('radio', { name: /^Grupp 1\b/ })).toBeChecked();
	await tabTo(page, page.getByRole('button', { name: 'Gå med i workshoppen' }));
	await keys.press('Enter');
	await page.waitForURL(/\/board$/);

	// The list view, switched on with Space.
	const listToggle = page.getByRole('button', { name: 'Lista', exact: true });
	await tabTo(page, listToggle);
	await keys.press('Space');
	await expect(listToggle).toHaveAttribute('aria-pressed', 'true');

	// "Fundera själv först": a private draft.
	const individual = control.getByRole('region', { name: 'Fundera själv först' });
	await individual.getByRole('button', { name: 'Starta' }).click();
	const addExpectation = page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` });
	await expect(page.getByText('Fundera själv först:')).toBeVisible();
	await tabTo(page, addExpectation);
	await keys.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Text på privat lapp' })).toBeFocused();
	await keys.type(DRAFT);
	await individual.getByRole('button', { name: 'Visa alla' }).click();
	await expect(note(figure(page, EXPECTATIONS), DRAFT)).toBeVisible();

	// A note: Enter on "+ Lapp", type, Escape; focus lands on the note's "Skriv".
	await tabTo(page, page.getByRole('button', { name: `+ Lapp i ${AUTHORITIES}` }));
	await keys.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Text på lappen' })).toBeFocused();
	await keys.type(POINT);
	await keys.press('Escape');
	const written = note(figure(page, AUTHORITIES), POINT);
	await expect(written.getByRole('button', { name: /^Skriv i lappen Hur de prioriterar/ })).toBeFocused();

	// Moving it to another figure: "Mer", then "Flytta till" by typing the figure's name.
	await tabTo(page, written.getByRole('button', { name: /^Mer för lappen/ }));
	await keys.press('Enter');
	const destination = written.getByLabel('Flytta till');
	await tabTo(page, destination);
	await keys.type('Goda exempel');
	await expect(destination.locator('option:checked')).toHaveText(EXAMPLES);
	await tabTo(page, written.getByRole('button', { name: 'Flytta', exact: true }));
	await keys.press('Enter');
	const moved = note(figure(page, EXAMPLES), POINT);
	await expect(moved).toBeFocused();
	await expect(note(figure(page, AUTHORITIES), POINT)).toHaveCount(0);

	// A vote, cast with Enter; the result read where the note is.
	const voting = await openVote(control, EXPECTATIONS, 1);
	const cast = page.getByRole('button', { name: `Rösta på lappen ${DRAFT}` });
	await tabTo(page, cast, true);
	await keys.press('Enter');
	await expect(figure(page, EXPECTATIONS).getByRole('status').filter({ hasText: 'prickar kvar' })).toHaveText('0 av 1 prickar kvar');
	// The spent dot leaves focus on the button that takes it back, not on the page.
	await expect(page.getByRole('button', { name: `Ta bort prick från lappen ${DRAFT}` })).toBeFocused();
	await voting.getByRole('button', { name: 'Stäng röstning' }).click();
	// The only note of its figure: counted, but not marked "Topp 1", since the vote left nothing out.
	await expect(note(page, DRAFT).getByText('1 röst', { exact: true })).toBeVisible();
	await expect(note(page, DRAFT).getByText(/^Topp/)).toHaveCount(0);

	// The plenum, by its link.
	await tabTo(page, page.getByRole('link', { name: 'Plenum', exact: true }), true);
	await keys.press('Enter');
	await page.waitForURL(/\/plenum$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plenum');

	await context.close();
	await facilitatorContext.close();
});

test('a note moved with the arrow keys into the next figure keeps the focus there', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const { page, context } = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const addButton = page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` });
	await tabTo(page, addButton);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Text på lappen' })).toBeFocused();
	await page.keyboard.type(POINT);
	await page.keyboard.press('Escape');
	await expect(note(figure(page, EXPECTATIONS), POINT)).toBeFocused();

	// Shift+arrow moves 50 board units: a figure's width and the gap to the next are some 700.
	const moved = note(figure(page, AUTHORITIES), POINT);
	for (let presses = 0; presses < 30 && (await moved.count()) === 0; presses++) await page.keyboard.press('Shift+ArrowRight');
	await expect(moved).toBeFocused();
	await expect(note(figure(page, EXPECTATIONS), POINT)).toHaveCount(0);
	await context.close();
});
