/**
 * The Lärlabb exercise from the facilitator's side (issue 3 §5, §7, §8): a vote with a labelled
 * quota whose dots stay secret until it closes, then the groups' summaries live in the plenary and
 * on the projector, which follows the facilitator's choice.
 */
import { expect, test, type Locator } from '@playwright/test';
import { addNoteWithButton, createWorkshop, enterControlRoom, figure, join, note, noteBy } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const SUMMARY = 'Att tänka på inför Lärlabb';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** Top-left corners, for comparing the order notes are laid out in. */
async function corner(locator: Locator): Promise<{ x: number; y: number }> {
	const box = (await locator.boundingBox())!;
	return { x: Math.round(box.x), y: Math.round(box.y) };
}

/** The texts in reading order (top to bottom, then left to right) by where they are drawn. */
async function readingOrder(scope: Locator, texts: string[]): Promise<string[]> {
	const at = await Promise.all(texts.map(async (t) => ({ t, ...(await corner(note(scope, t))) })));
	return at.sort((a, b) => a.y - b.y || a.x - b.x).map((a) => a.t);
}

/** "ABC123" is shown as "ABC 123", as formatCode does. */
function spacedCode(code: string): string {
	return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

test('a vote with a labelled quota: secret dots, a hard limit, then counts, top marks and sorting', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');

	// Three notes, written in an order sorting by votes has to change.
	const [none, one, two] = ['Nya kontakter', 'Konkreta verktyg', 'Höra andra regioner'];
	for (const text of [one, two, none]) await addNoteWithButton(anna.page, EXPECTATIONS, text);
	for (const p of [anna.page, bo.page]) {
		for (const text of [none, one, two]) await expect(note(figure(p, EXPECTATIONS), text)).toBeVisible();
	}

	// The facilitator opens a vote on one figure: 2 dots each, labelled "2 favoriter".
	const voting = control.getByRole('region', { name: 'Röstning' });
	await voting.getByRole('checkbox', { name: EXPECTATIONS }).check();
	// The quota counts on change (Enter or leaving the field), and the default label follows it;
	// the label is written once it has, or the follow-up would land under the typing.
	await voting.getByRole('spinbutton', { name: `Prickar per person i ${EXPECTATIONS}` }).fill('2');
	await voting.getByRole('spinbutton', { name: `Prickar per person i ${EXPECTATIONS}` }).press('Enter');
	const label = voting.getByRole('textbox', { name: `Etikett för ${EXPECTATIONS}` });
	await expect(label).toHaveValue(/^2 /);
	await label.fill('2 favoriter');
	await expect(label).toHaveValue('2 favoriter');
	await voting.getByRole('button', { name: 'Öppna röstning' }).click();
	await expect(voting.getByRole('status')).toHaveText('Röstningen är öppen på alla gruppers tavlor.');
	await expect(voting).toContainText('2 favoriter');
	await expect(voting.getByRole('button', { name: 'Stäng röstning' })).toBeVisible();

	for (const p of [anna.page, bo.page]) {
		const fig = figure(p, EXPECTATIONS);
		await expect(fig.getByText('2 favoriter', { exact: true })).toBeVisible();
		await expect(fig.getByRole('status').filter({ hasText: 'prickar kvar' })).toHaveText('2 av 2 prickar kvar');
	}

	// Anna spends both her dots; a third is not offered, on another note or the same one.
	const annaFig = figure(anna.page, EXPECTATIONS);
	const annaLeft = annaFig.getByRole('status').filter({ hasText: 'prickar kvar' });
	await annaFig.getByRole('button', { name: `Rösta på lappen ${two}` }).click();
	await expect(annaLeft).toHaveText('1 av 2 prickar kvar');
	await annaFig.getByRole('button', { name: `Rösta på lappen ${one}` }).click();
	await expect(annaLeft).toHaveText('0 av 2 prickar kvar');
	await expect(note(annaFig, two).getByLabel('1 av dina prickar på lappen')).toHaveCount(1);
	await expect(note(annaFig, one).getByLabel('1 av dina prickar på lappen')).toHaveCount(1);
	await expect(annaFig.getByRole('button', { name: `Rösta på lappen ${none}` })).toBeDisabled();
	await expect(annaFig.getByRole('button', { name: `Rösta på lappen ${two}` })).toBeDisabled();

	// Bo votes once; he sees only his own dot, and Anna's dots stay hers.
	const boFig = figure(bo.page, EXPECTATIONS);
	const boLeft = boFig.getByRole('status').filter({ hasText: 'prickar kvar' });
	await expect(boLeft).toHaveText('2 av 2 prickar kvar');
	await boFig.getByRole('button', { name: `Rösta på lappen ${two}` }).click();
	await expect(boLeft).toHaveText('1 av 2 prickar kvar');
	await expect(note(boFig, two).getByLabel('1 av dina prickar på lappen')).toHaveCount(1);
	await expect(note(boFig, one).getByLabel('0 av dina prickar på lappen')).toHaveCount(1);
	await expect(note(boFig, one).getByRole('button', { name: `Ta bort prick från lappen ${one}` })).toHaveCount(0);
	await expect(note(annaFig, two).getByLabel('1 av dina prickar på lappen')).toHaveCount(1);
	await expect(annaLeft).toHaveText('0 av 2 prickar kvar');
	// Nobody sees a count while the vote is open.
	for (const fig of [annaFig, boFig]) await expect(fig.getByText(/\d+ röst(er)?$/)).toHaveCount(0);

	// The facilitator closes the vote: the server counts three dots.
	await voting.getByRole('button', { name: 'Stäng röstning' }).click();
	await expect(voting.getByRole('status')).toHaveText('Röstningen är stängd. 3 prickar räknades in på tavlorna.');

	for (const fig of [annaFig, boFig]) {
		await expect(fig.getByRole('status').filter({ hasText: 'prickar kvar' })).toHaveCount(0);
		await expect(fig.getByRole('button', { name: /^Rösta på lappen/ })).toHaveCount(0);
		await expect(note(fig, two).getByText('2 röster', { exact: true })).toBeVisible();
		await expect(note(fig, two).getByText('Topp 2', { exact: true })).toBeVisible();
		await expect(note(fig, one).getByText('1 röst', { exact: true })).toBeVisible();
		await expect(note(fig, one).getByText('Topp 2', { exact: true })).toBeVisible();
		await expect(note(fig, none).getByText('Topp 2')).toHaveCount(0);
	}

	// Laid out in the order written until Anna sorts by votes; Bo sees the new order too.
	const texts = [none, one, two];
	expect(await readingOrder(annaFig, texts)).toEqual([one, two, none]);
	await annaFig.getByRole('button', { name: `Sortera efter röster i ${EXPECTATIONS}` }).click();
	await expect.poll(() => readingOrder(annaFig, texts)).toEqual([two, one, none]);
	await expect.poll(() => readingOrder(boFig, texts)).toEqual([two, one, none]);

	await facilitatorContext.close();
	await anna.context.close();
	await bo.context.close();
});

test('a participant can vote on a note someone else has selected', async ({ browser }) => {
	// Regression: NoteCard's name badge for whoever has a note selected sat over the "Rösta" button and took its clicks.
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');

	// Anna writes a note; it stays selected on her board, and Bo's board shows her name on it.
	await addNoteWithButton(anna.page, EXPECTATIONS, 'Höra andra regioner');
	const boFig = figure(bo.page, EXPECTATIONS);
	await expect(note(boFig, 'Höra andra regioner')).toContainText('Anna Berg');

	const voting = control.getByRole('region', { name: 'Röstning' });
	await voting.getByRole('checkbox', { name: EXPECTATIONS }).check();
	await voting.getByRole('button', { name: 'Öppna röstning' }).click();
	await expect(boFig.getByRole('status').filter({ hasText: 'prickar kvar' })).toHaveText('3 av 3 prickar kvar');

	// Bo presses "Rösta" on it, as anyone would: the badge must not take the click.
	await boFig.getByRole('button', { name: 'Rösta på lappen Höra andra regioner' }).click({ timeout: 5_000 });
	await expect(boFig.getByRole('status').filter({ hasText: 'prickar kvar' })).toHaveText('2 av 3 prickar kvar');

	await facilitatorContext.close();
	await anna.context.close();
	await bo.context.close();
});

test('the groups’ summaries reach the plenary live and the projector follows the facilitator', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const cilla = await join(browser, workshop.participantUrl, 'Cilla Dahl', 'Naturvårdsverket', 'Grupp 2');

	await addNoteWithButton(anna.page, SUMMARY, 'Ta med egna exempel');
	await addNoteWithButton(cilla.page, SUMMARY, 'Läs på om regionens uppdrag');

	// Anna opens the plenary: both groups' summaries, grouped by group, and nothing to write with.
	await anna.page.getByRole('navigation', { name: 'Plenum' }).getByRole('link', { name: 'Plenum', exact: true }).click();
	await anna.page.waitForURL(/\/plenum$/);
	const group1 = figure(anna.page, `Grupp 1: ${SUMMARY}`);
	const group2 = figure(anna.page, `Grupp 2: ${SUMMARY}`);
	await expect(noteBy(group1, 'Anna Berg', 'Ta med egna exempel')).toBeVisible();
	await expect(noteBy(group2, 'Cilla Dahl', 'Läs på om regionens uppdrag')).toBeVisible();
	await expect(note(group1, 'Läs på om regionens uppdrag')).toHaveCount(0);
	await expect(anna.page.getByRole('button', { name: /^\+ Lapp/ })).toHaveCount(0);
	// It is live: what group 2 writes next appears without a reload.
	await addNoteWithButton(cilla.page, SUMMARY, 'Boka tid för uppföljning');
	await expect(noteBy(group2, 'Cilla Dahl', 'Boka tid för uppföljning')).toBeVisible();
	await expect(anna.page.getByRole('button', { name: /^\+ Lapp/ })).toHaveCount(0);

	// The facilitator opens the projector from the control room: the plenary by default.
	const [projector] = await Promise.all([
		facilitatorContext.waitForEvent('page'),
		control.getByRole('link', { name: 'Öppna projektorvy' }).click()
	]);
	await projector.setViewportSize({ width: 1920, height: 1080 });
	await expect(projector).toHaveURL(new RegExp(`/w/${workshop.code}/present$`));
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText('Plenum: gruppernas sammanfattningar');
	const shown1 = projector.getByRole('region', { name: `Grupp 1: ${SUMMARY}` });
	const shown2 = projector.getByRole('region', { name: `Grupp 2: ${SUMMARY}` });
	await expect(shown1).toContainText('Ta med egna exempel');
	await expect(shown2).toContainText('Läs på om regionens uppdrag');
	await expect(shown2).toContainText('Boka tid för uppföljning');
	const joinBox = projector.getByRole('complementary', { name: 'Gå med i workshoppen' });
	await expect(joinBox).toContainText(spacedCode(workshop.code));
	await expect(joinBox.getByRole('img', { name: /^QR-kod till deltagarlänken/ })).toBeVisible();
	// Large type: note text readable from the back of the room (about 30 px at 1080p).
	const size = await shown1.getByText('Ta med egna exempel').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	expect(size).toBeGreaterThanOrEqual(28);
	// Nothing to edit on the projector.
	await expect(projector.getByRole('button', { name: /^\+ Lapp/ })).toHaveCount(0);
	await expect(projector.getByRole('textbox')).toHaveCount(0);
	await projector.screenshot({ path: test.info().outputPath('projector-plenary.png') });

	// The facilitator shows one figure across all groups; the projector follows live.
	const present = control.getByRole('region', { name: 'Projektor' });
	await present.getByRole('combobox', { name: 'Figur att visa' }).selectOption(SUMMARY);
	await present.getByRole('radio', { name: 'En figur i alla grupper' }).check();
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText(`${SUMMARY} – alla grupper`);
	await expect(shown1.getByRole('heading', { name: 'Grupp 1', exact: true })).toBeVisible();
	await expect(shown2.getByRole('heading', { name: 'Grupp 2', exact: true })).toBeVisible();
	await expect(shown1).toContainText('Ta med egna exempel');
	await expect(shown2).toContainText('Läs på om regionens uppdrag');
	// And keeps following the groups: a new note in group 2 shows up on the big screen.
	await addNoteWithButton(cilla.page, SUMMARY, 'Fråga om kontaktvägar');
	await expect(shown2).toContainText('Fråga om kontaktvägar');
	await projector.screenshot({ path: test.info().outputPath('projector-figure.png') });

	await facilitatorContext.close();
	await anna.context.close();
	await cilla.context.close();
});

test('think individually first: private notes until the facilitator reveals them, anonymously if asked', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');

	const phase = control.getByRole('region', { name: 'Fundera själv först' });
	await phase.getByRole('checkbox', { name: 'Anonymt' }).check();
	await phase.getByRole('button', { name: 'Starta' }).click();
	await expect(anna.page.getByText(/Fundera själv först: dina lappar är privata/)).toBeVisible();

	// Anna's note is a private draft: she sees it, Bo does not, and it is not on the board.
	await anna.page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` }).click();
	const draftText = anna.page.getByRole('textbox', { name: 'Text på privat lapp' });
	await expect(draftText).toBeFocused();
	await anna.page.keyboard.type('Ett processlett sammanhang där vi kan mötas');
	await expect(anna.page.getByRole('article', { name: 'Privat lapp' })).toBeVisible();
	await expect(bo.page.getByRole('article', { name: 'Privat lapp' })).toHaveCount(0);
	await expect(note(bo.page, 'Ett processlett sammanhang där vi kan mötas')).toHaveCount(0);

	// "Visa alla": the note lands on the group's board, for everyone, with no author.
	await anna.page.keyboard.press('Escape');
	await phase.getByRole('button', { name: 'Visa alla' }).click();
	for (const p of [anna.page, bo.page]) {
		const revealed = note(figure(p, EXPECTATIONS), 'Ett processlett sammanhang där vi kan mötas');
		await expect(revealed).toBeVisible();
		await expect(revealed).not.toContainText('Anna Berg');
	}
	await expect(anna.page.getByRole('article', { name: 'Privat lapp' })).toHaveCount(0);
	await expect(anna.page.getByText(/Fundera själv först: dina lappar är privata/)).toHaveCount(0);

	await facilitatorContext.close();
	await anna.context.close();
	await bo.context.close();
});
