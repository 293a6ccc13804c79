/**
 * axe on every page and state a Lärlabb session passes through (issue 9 §8): the join page, the
 * board at 1440 px and on a 360×740 phone with private drafts and with a vote open, the control
 * room, the projector at 1080p and on a phone, and the summary page. No serious or critical
 * findings anywhere.
 */
import { expect, test, type Page } from '@playwright/test';
import { addNoteWithButton, createWorkshop, enterControlRoom, figure, join } from './people';
import { seriousViolations } from './axe';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const PHONE = { width: 360, height: 740 };

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** The page at a wide and at a phone size; the viewport is left at the phone size. */
async function checkWideAndPhone(page: Page, wide: { width: number; height: number }): Promise<void> {
	await page.setViewportSize(wide);
	expect(await seriousViolations(page)).toEqual([]);
	await page.setViewportSize(PHONE);
	expect(await seriousViolations(page)).toEqual([]);
}

test('no serious or critical axe findings on any page of a session, wide or on a phone', async ({ browser }) => {
	// Eleven axe runs over a whole session: slow on a busy machine, not a sign of a fault.
	test.slow();
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);

	const visitor = await browser.newContext();
	const joinPage = await visitor.newPage();
	await joinPage.goto(workshop.participantUrl);
	await expect(joinPage.getByLabel('Ditt namn')).toBeVisible();
	await checkWideAndPhone(joinPage, { width: 1440, height: 900 });
	await visitor.close();

	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await addNoteWithButton(anna.page, EXPECTATIONS, 'En arena för samtal');
	expect(await seriousViolations(control)).toEqual([]);

	// Think first: Anna's board with a private draft on it.
	const phase = control.getByRole('region', { name: 'Fundera själv först' });
	await phase.getByRole('button', { name: 'Starta' }).click();
	await expect(anna.page.getByText(/Fundera själv först: dina lappar är privata/)).toBeVisible();
	await anna.page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` }).click();
	await expect(anna.page.getByRole('textbox', { name: 'Text på privat lapp' })).toBeFocused();
	await anna.page.keyboard.type('Mötas över gränser');
	await anna.page.keyboard.press('Escape');
	await expect(anna.page.getByRole('article', { name: 'Privat lapp' })).toBeVisible();
	await checkWideAndPhone(anna.page, { width: 1440, height: 900 });
	expect(await seriousViolations(control)).toEqual([]);
	await phase.getByRole('button', { name: 'Visa alla' }).click();
	await expect(anna.page.getByRole('article', { name: 'Privat lapp' })).toHaveCount(0);

	// A vote open, with one of Anna's dots placed: the dots carry a name axe accepts.
	const voting = control.getByRole('region', { name: 'Röstning' });
	await voting.getByRole('checkbox', { name: EXPECTATIONS }).check();
	await voting.getByRole('button', { name: 'Öppna röstning' }).click();
	await expect(voting.getByRole('button', { name: 'Stäng röstning' })).toBeVisible();
	await anna.page.setViewportSize({ width: 1440, height: 900 });
	await figure(anna.page, EXPECTATIONS).getByRole('button', { name: 'Rösta på lappen En arena för samtal' }).click();
	await expect(figure(anna.page, EXPECTATIONS).getByLabel('1 av dina prickar på lappen')).toBeVisible();
	await checkWideAndPhone(anna.page, { width: 1440, height: 900 });
	expect(await seriousViolations(control)).toEqual([]);

	// The projector, on the big screen and on a phone that follows it.
	const projector = await facilitatorContext.newPage();
	await projector.goto(`${server.url}/w/${workshop.code}/present`);
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText('Plenum: gruppernas sammanfattningar');
	await checkWideAndPhone(projector, { width: 1920, height: 1080 });

	// The summary page, after the vote is counted.
	await voting.getByRole('button', { name: 'Stäng röstning' }).click();
	await expect(voting.getByRole('status')).toHaveText(/Röstningen är stängd/);
	await control.getByRole('link', { name: 'Redigera sammanställningen' }).click();
	await expect(control.getByRole('heading', { level: 1, name: 'Sammanställning' })).toBeVisible();
	await expect(control.getByRole('region', { name: `1. ${EXPECTATIONS}` }).getByRole('textbox', { name: /^Punkt/ })).toHaveCount(2);
	await checkWideAndPhone(control, { width: 1440, height: 900 });

	await facilitatorContext.close();
	await anna.context.close();
});
