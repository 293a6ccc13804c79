/**
 * The list view (issue 9 §3): the board as figures, cells and notes in reading order, with named
 * controls for everything the canvas does by pointer. A participant on a 360×740 phone runs all
 * of Lärlabb from it (joining, private drafts, writing, moving, voting, the lock and the plenum)
 * while a group member on a laptop works on the canvas; each sees the other's work live. A RUS
 * card moves between stages from the list. Screenshots of each step go to the test's output.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LONG_SEED_NOTE, SEED_NOTES } from '../fixtures/seed-notes';
import { addNoteWithButton, createWorkshop, enterControlRoom, figure, join, joinOnPhone, listToggle, note, openVote } from './people';
import { seriousViolations } from './axe';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const AUTHORITIES = 'Vad vill du veta om myndigheterna?';
const TO_REGIONS = 'Vad vill du att myndigheterna ska veta om regionerna?';
const EXAMPLES = 'Goda exempel på samverkan mellan myndigheter och regioner';
const SUMMARY = 'Att tänka på inför Lärlabb';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

async function shot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

/** Writes a new note in the list with "+ Lapp" and closes it with "Klar". */
async function writeInList(page: Page, where: string, text: string): Promise<void> {
	await page.getByRole('button', { name: `+ Lapp i ${where}`, exact: true }).click();
	const editor = page.getByRole('textbox', { name: 'Text på lappen' });
	await expect(editor).toBeFocused();
	await page.keyboard.type(text);
	await page.getByRole('button', { name: 'Klar', exact: true }).click();
	await expect(editor).toHaveCount(0);
}

/** Opens "Mer" on a note in the list: colour, "Flytta till …" and "Ta bort". */
async function more(card: Locator): Promise<void> {
	await card.getByRole('button', { name: /^Mer för lappen/ }).click();
}

test('a participant on a phone runs Lärlabb from the list view, beside a group member on the canvas', async ({ browser }) => {
	// A whole exercise with five axe runs: longer than one step of a workshop.
	test.slow();
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const phone = await joinOnPhone(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const laptop = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	const anna = phone.page;

	// A narrow screen starts in the list; the laptop on the canvas.
	await expect(listToggle(anna)).toHaveAttribute('aria-pressed', 'true');
	await expect(listToggle(laptop.page)).toHaveAttribute('aria-pressed', 'false');
	await expect(anna.getByRole('heading', { level: 2 })).toHaveText([EXPECTATIONS, AUTHORITIES, TO_REGIONS, SUMMARY, EXAMPLES]);
	await shot(anna, 'list-phone-joined');
	expect(await seriousViolations(anna)).toEqual([]);

	// "Fundera själv först": a private draft, written in the list, shown to the group by "Visa alla".
	const individual = control.getByRole('region', { name: 'Fundera själv först' });
	await individual.getByRole('button', { name: 'Starta' }).click();
	await anna.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` }).click();
	await expect(anna.getByRole('textbox', { name: 'Text på privat lapp' })).toBeFocused();
	await anna.keyboard.type(SEED_NOTES[4]!);
	await shot(anna, 'list-phone-draft');
	expect(await seriousViolations(anna)).toEqual([]);
	await expect(note(laptop.page, SEED_NOTES[4]!)).toHaveCount(0);
	await individual.getByRole('button', { name: 'Visa alla' }).click();
	await expect(note(figure(anna, EXPECTATIONS), SEED_NOTES[4]!)).toBeVisible();
	await expect(note(figure(laptop.page, EXPECTATIONS), SEED_NOTES[4]!)).toBeVisible();

	// Writing: a long seed note from the phone shows whole on the laptop's canvas, and the laptop's
	// note arrives in the phone's list while nobody reloads.
	await writeInList(anna, AUTHORITIES, LONG_SEED_NOTE);
	await expect(note(figure(laptop.page, AUTHORITIES), LONG_SEED_NOTE)).toBeVisible();
	await addNoteWithButton(laptop.page, AUTHORITIES, SEED_NOTES[2]!);
	const bosNote = note(figure(anna, AUTHORITIES), SEED_NOTES[2]!);
	await expect(bosNote).toBeVisible();
	await expect(bosNote).toContainText('Bo Ek · MUCF');
	// The group's notes are everyone's to work on, as on the canvas.
	await expect(bosNote.getByRole('button', { name: /^Skriv i lappen Berätta om/ })).toBeVisible();

	// Recolour and move my own note from the list; the laptop sees both.
	const mine = note(anna, LONG_SEED_NOTE);
	await more(mine);
	await mine.getByLabel('Färg').selectOption({ label: 'grön' });
	await expect(note(laptop.page, LONG_SEED_NOTE)).toHaveClass(/note-green/);
	await mine.getByLabel('Flytta till').selectOption({ label: EXAMPLES });
	await shot(anna, 'list-phone-move');
	expect(await seriousViolations(anna)).toEqual([]);
	await mine.getByRole('button', { name: 'Flytta', exact: true }).click();
	const moved = note(figure(anna, EXAMPLES), LONG_SEED_NOTE);
	await expect(moved).toBeVisible();
	await expect(moved).toBeFocused();
	await expect(note(figure(laptop.page, EXAMPLES), LONG_SEED_NOTE)).toBeVisible();
	await expect(note(figure(laptop.page, AUTHORITIES), LONG_SEED_NOTE)).toHaveCount(0);

	// Edit my note again: the caret goes in at the end and the laptop sees the addition.
	await moved.getByRole('button', { name: /^Skriv i lappen/ }).click();
	await anna.keyboard.type(' Ja!');
	await anna.getByRole('button', { name: 'Klar', exact: true }).click();
	await expect(note(laptop.page, `${LONG_SEED_NOTE} Ja!`)).toBeVisible();
	await expect(note(anna, `${LONG_SEED_NOTE} Ja!`).getByRole('button', { name: /^Skriv i lappen/ })).toBeFocused();

	// A vote among the expectations, cast from the list; the counted result shows there.
	const voting = await openVote(control, EXPECTATIONS, 1);
	const expectations = figure(anna, EXPECTATIONS);
	await expect(expectations.getByRole('status').filter({ hasText: 'prickar kvar' })).toHaveText('1 av 1 prickar kvar');
	await expectations.getByRole('button', { name: /^Rösta på lappen/ }).click();
	await expect(expectations.getByRole('status').filter({ hasText: 'prickar kvar' })).toHaveText('0 av 1 prickar kvar');
	await shot(anna, 'list-phone-vote');
	expect(await seriousViolations(anna)).toEqual([]);
	await voting.getByRole('button', { name: 'Stäng röstning' }).click();
	const voted = note(expectations, SEED_NOTES[4]!);
	await expect(voted.getByText('1 röst', { exact: true })).toBeVisible();
	// The figure's only note: counted, but not "Topp 1", since the vote left nothing out.
	await expect(voted.getByText(/^Topp/)).toHaveCount(0);

	// The summary, then the lock: the list shows it and offers no more writing.
	await writeInList(anna, SUMMARY, SEED_NOTES[0]!);
	await control.getByRole('button', { name: 'Lås alla tavlor' }).click();
	await expect(anna.getByText('Låst av workshopledaren')).toBeVisible();
	await expect(anna.getByRole('button', { name: /^\+ Lapp i/ })).toHaveCount(0);
	await expect(anna.getByRole('button', { name: /^Skriv i lappen/ })).toHaveCount(0);
	await shot(anna, 'list-phone-locked');

	// The plenum, in the list too: the group's summary point, read-only. On a phone the link is
	// under "Meny".
	await anna.getByRole('button', { name: /^Meny/ }).click();
	await anna.getByRole('link', { name: 'Plenum', exact: true }).click();
	await anna.waitForURL(/\/plenum$/);
	await expect(listToggle(anna)).toHaveAttribute('aria-pressed', 'true');
	await expect(note(anna, SEED_NOTES[0]!)).toBeVisible();
	await shot(anna, 'list-phone-plenum');
	expect(await seriousViolations(anna)).toEqual([]);

	for (const c of [facilitatorContext, phone.context, laptop.context]) await c.close();
});

test('a RUS card moves to another stage from the list, and the choice of view is remembered', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1, 'rus-processen');
	const stages = 'Var befinner ni er i RUS-processen?';
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await joinOnPhone(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');

	// On the laptop the list is a choice, and it holds across a reload.
	const toggle = listToggle(anna.page);
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await anna.page.reload();
	await expect(listToggle(anna.page)).toHaveAttribute('aria-pressed', 'true');

	// Each stage is a labelled section with its own "+ Lapp".
	const stagesFigure = figure(anna.page, stages);
	await expect(stagesFigure.getByRole('heading', { level: 3 })).toHaveText([
		'Aktualitetsprövning',
		'Analys och dialog',
		'Framtagande',
		'På remiss',
		'Politiskt beslut',
		'Genomförande och uppföljning'
	]);
	await writeInList(anna.page, 'Analys och dialog', 'Region Skåne: dialog med kommunerna pågår');
	const card = note(stagesFigure.getByRole('region', { name: 'Analys och dialog' }), 'Region Skåne: dialog med kommunerna pågår');
	await expect(card).toBeVisible();
	await expect(note(figure(bo.page, stages).getByRole('region', { name: 'Analys och dialog' }), 'Region Skåne: dialog med kommunerna pågår')).toBeVisible();

	// "Flytta till" names the stages under the figure; the card moves on, on every screen.
	await more(card);
	await card.getByLabel('Flytta till').selectOption({ label: 'På remiss' });
	await card.getByRole('button', { name: 'Flytta', exact: true }).click();
	const onRemiss = note(stagesFigure.getByRole('region', { name: 'På remiss' }), 'Region Skåne: dialog med kommunerna pågår');
	await expect(onRemiss).toBeFocused();
	await expect(note(figure(bo.page, stages).getByRole('region', { name: 'På remiss' }), 'Region Skåne: dialog med kommunerna pågår')).toBeVisible();
	await shot(bo.page, 'list-phone-rus');
	await anna.page.screenshot({ path: test.info().outputPath('list-1440-rus.png') });

	// Back on the canvas, the card lies in that stage's column: right of the stage before it and
	// left of the one after.
	await listToggle(anna.page).click();
	const heading = (text: string) => anna.page.locator('[data-kind="columns"]').getByText(text, { exact: true }).boundingBox();
	const cardBox = (await note(anna.page, 'Region Skåne: dialog med kommunerna pågår').boundingBox())!;
	const centre = cardBox.x + cardBox.width / 2;
	expect(centre).toBeGreaterThan((await heading('Framtagande'))!.x + 1);
	expect(centre).toBeLessThan((await heading('Politiskt beslut'))!.x);

	for (const p of [anna, bo]) await p.context.close();
});
