/**
 * One whole workshop in English, with the people in two languages on the same live boards (issue
 * 13): an English Learning lab, run by a facilitator whose control room and projector are in
 * Swedish, with Alex (who never chose a language, so meets the workshop's English) and Anna (who
 * chose Swedish) on Group 1's board, and Cia in English on Group 2's. Each sees the interface in
 * their own language and the content as written; axe checks every English page, the facilitator's
 * too (control room, projector, summary) once they switch to English.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { announced, figure, join, note, openVote, type Person, recordAnnouncements } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'What do you expect from the Learning lab?';
const AGENCIES = 'What would you like to know about the agencies?';
const SUMMARY = 'Things to consider before the Learning lab';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

async function createEnglishWorkshop(url: string) {
	const res = await fetch(`${url}/api/workshops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title: 'Learning lab Sustainable development', template: 'learning-lab', groups: 2, language: 'en' })
	});
	expect(res.status).toBe(201);
	return (await res.json()) as { code: string; participantUrl: string; facilitatorUrl: string };
}

/** A context whose person has chosen `locale`, as the language switch leaves it. */
async function choosing(context: BrowserContext, url: string, locale: 'sv' | 'en'): Promise<void> {
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url }]);
}

/** The join flow in English, for a person who has not chosen a language: the workshop's is theirs. */
async function joinInEnglish(browser: Browser, url: string, name: string, organisation: string, group: string): Promise<Person> {
	const context = await browser.newContext();
	await recordAnnouncements(context);
	const page = await context.newPage();
	await page.goto(url);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByLabel('Your name').fill(name);
	await page.getByLabel('Organisation', { exact: true }).fill(organisation);
	await page.getByRole('radio', { name: new RegExp(`^${group}\\b`) }).check();
	await page.getByRole('button', { name: 'Join the workshop' }).click();
	await page.waitForURL(/\/board$/);
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	return { name, organisation, context, page };
}

/** "+ Note" in a figure, type, and Escape; a note's editor then closes, a private note's field stays. */
async function write(page: Page, words: { add: string; field: string; closes: boolean }, figureTitle: string, text: string): Promise<void> {
	await page.getByRole('button', { name: `${words.add} ${figureTitle}` }).click();
	const editor = page.getByRole('textbox', { name: words.field });
	await expect(editor).toBeFocused();
	await page.keyboard.type(text);
	await page.keyboard.press('Escape');
	if (words.closes) await expect(editor).toHaveCount(0);
}

const ENGLISH = { add: '+ Note in', draft: 'Text on private note', note: 'Text on the note' };
const SWEDISH = { add: '+ Lapp i', draft: 'Text på privat lapp', note: 'Text på lappen' };
const draftIn = (words: typeof ENGLISH) => ({ add: words.add, field: words.draft, closes: false });
const noteIn = (words: typeof ENGLISH) => ({ add: words.add, field: words.note, closes: true });

test('an English workshop runs end to end with the facilitator in Swedish and participants in English and Swedish', async ({ browser }) => {
	test.setTimeout(180_000);
	server = await startServer();
	const workshop = await createEnglishWorkshop(server.url);

	const facilitatorContext = await browser.newContext();
	await choosing(facilitatorContext, server.url, 'sv');
	const control = await facilitatorContext.newPage();
	await control.goto(workshop.facilitatorUrl);
	await expect(control.getByText('Live', { exact: true })).toBeVisible();
	await expect(control.locator('html')).toHaveAttribute('lang', 'sv');

	const alex = await joinInEnglish(browser, workshop.participantUrl, 'Alex Byrne', 'Interreg Nord', 'Group 1');
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Group 1', async (context) => {
		await choosing(context, server.url, 'sv');
		await recordAnnouncements(context);
	});
	const cia = await joinInEnglish(browser, workshop.participantUrl, 'Cia Lund', 'Nordregio', 'Group 2');
	await expect(anna.page.locator('html')).toHaveAttribute('lang', 'sv');

	// The instructions are content: English for everyone, under each person's own heading.
	await expect(alex.page.getByRole('region', { name: 'Instructions' })).toContainText('You have 40 minutes in all');
	await expect(anna.page.getByRole('region', { name: 'Instruktioner' })).toContainText('You have 40 minutes in all');
	expect(await seriousViolations(alex.page)).toEqual([]);

	// The run-sheet, in Swedish for the facilitator, starts the English phases on every board.
	const runSheet = control.getByRole('region', { name: 'Körschema' });
	// A group added here would be named in the workshop's language, whatever the facilitator reads.
	await expect(control.locator('#new-group-hint')).toContainText('Lämna tomt för "Group 3".');
	await runSheet.getByRole('button', { name: 'Starta On your own' }).click();
	await expect(alex.page.getByRole('timer', { name: /Time left/ })).toContainText('On your own');
	await expect(anna.page.getByRole('timer', { name: /Tid kvar/ })).toContainText('On your own');

	// Thinking alone first: private notes, in each person's own words, until "Visa alla".
	const individual = control.getByRole('region', { name: 'Fundera själv först' });
	await expect(individual).toContainText('Pågår för hela tavlan');
	await write(alex.page, draftIn(ENGLISH), EXPECTATIONS, 'A place to talk across sectors');
	await write(anna.page, draftIn(SWEDISH), EXPECTATIONS, 'En arena för samtal');
	await expect(alex.page.getByRole('article', { name: 'Private note' })).toHaveCount(1);
	expect(await seriousViolations(alex.page)).toEqual([]);
	await individual.getByRole('button', { name: 'Visa alla' }).click();
	await expect(note(figure(alex.page, EXPECTATIONS), 'En arena för samtal')).toBeVisible();
	await expect(note(figure(anna.page, EXPECTATIONS), 'A place to talk across sectors')).toBeVisible();
	await expect(note(cia.page, 'En arena för samtal')).toHaveCount(0);

	// The discussion: both write on the same board, and see each other's notes live.
	await runSheet.getByRole('button', { name: 'Nästa fas' }).click();
	await expect(alex.page.getByRole('timer', { name: /Time left/ })).toContainText('Discuss');
	await write(alex.page, noteIn(ENGLISH), AGENCIES, 'How they see their roles and remits');
	await write(anna.page, noteIn(SWEDISH), SUMMARY, 'Diskussionen behöver föras på fler nivåer');
	await write(cia.page, noteIn(ENGLISH), SUMMARY, 'Point out what the agencies gain');
	await expect(note(figure(alex.page, SUMMARY), 'Diskussionen behöver föras på fler nivåer')).toBeVisible();
	await expect(note(figure(anna.page, AGENCIES), 'How they see their roles and remits')).toBeVisible();

	// A vote opened in Swedish is cast and counted in each person's language.
	const voting = await openVote(control, EXPECTATIONS, 1);
	await figure(alex.page, EXPECTATIONS).getByRole('button', { name: 'Vote for the note En arena för samtal' }).click();
	await expect(figure(alex.page, EXPECTATIONS).getByRole('status').filter({ hasText: 'dots left' })).toHaveText('0 of 1 dots left');
	expect(await seriousViolations(alex.page)).toEqual([]);
	await voting.getByRole('button', { name: 'Stäng röstning' }).click();
	await expect(note(figure(alex.page, EXPECTATIONS), 'En arena för samtal').getByText('1 vote', { exact: true })).toBeVisible();
	await expect(note(figure(anna.page, EXPECTATIONS), 'En arena för samtal').getByText('1 röst', { exact: true })).toBeVisible();

	// The lock: said to each in their own language.
	await control.getByRole('button', { name: 'Lås alla tavlor' }).click();
	await expect(alex.page.getByText('Locked by the facilitator')).toBeVisible();
	await expect(anna.page.getByText('Låst av workshopledaren')).toBeVisible();
	await expect(alex.page.getByRole('button', { name: `${ENGLISH.add} ${SUMMARY}` })).toHaveCount(0);
	await expect.poll(() => announced(alex.page)).toContain('The facilitator has locked the board. You can read but not change it.');
	await expect.poll(() => announced(anna.page)).toContain('Workshopledaren har låst tavlan. Du kan läsa men inte ändra.');
	expect(await seriousViolations(alex.page)).toEqual([]);

	// The projector in the facilitator's Swedish, with the groups' English and Swedish conclusions.
	const [projector] = await Promise.all([facilitatorContext.waitForEvent('page'), control.getByRole('link', { name: 'Öppna projektorvy' }).click()]);
	await projector.setViewportSize({ width: 1920, height: 1080 });
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText('Plenum: gruppernas sammanfattningar');
	await expect(projector.getByRole('region', { name: `Group 1: ${SUMMARY}` })).toContainText('Diskussionen behöver föras på fler nivåer');
	await expect(projector.getByRole('region', { name: `Group 2: ${SUMMARY}` })).toContainText('Point out what the agencies gain');

	// The facilitator switches to English in the control room: it and the projector follow, and pass axe.
	await control.bringToFront();
	await control.getByLabel('Språk', { exact: true }).selectOption('en');
	await expect(control.locator('html')).toHaveAttribute('lang', 'en');
	await expect(control.getByRole('region', { name: 'Run sheet' })).toBeVisible();
	expect(await seriousViolations(control)).toEqual([]);
	// The projector, open in another tab, follows at once: it has no switch on the big screen.
	await expect(projector.locator('html')).toHaveAttribute('lang', 'en');
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText("Plenary: the groups' summaries");
	expect(await seriousViolations(projector)).toEqual([]);
	// The summary editor too: its own words in English, the groups' points as written.
	const summary = await facilitatorContext.newPage();
	await summary.goto(`${server.url}/w/${workshop.code}/summary`);
	await expect(summary.getByRole('heading', { level: 1 })).toContainText('Summary');
	await expect.poll(() => summary.getByRole('textbox').evaluateAll((fields) => fields.map((f) => (f as HTMLTextAreaElement).value))).toContain(
		'Diskussionen behöver föras på fler nivåer'
	);
	expect(await seriousViolations(summary)).toEqual([]);

	for (const c of [facilitatorContext, alex.context, anna.context, cia.context]) await c.close();
});
