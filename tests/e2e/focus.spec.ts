/**
 * Keyboard and small-screen rules (issue 9, smaller accessibility failures): focus never falls to
 * <body> after a control disables or replaces itself (WCAG 2.4.3), a focused element is never
 * hidden under the phone's instructions sheet (2.4.11), and the projector reflows at 360 px with a
 * stage the keyboard can reach and scroll (1.4.10, 2.1.1).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addNoteWithButton, createWorkshop, enterControlRoom, figure, join, note } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const SUMMARY = 'Att tänka på inför Lärlabb';
const PHONE = { width: 360, height: 740 };
/** A real note from seed 002's length range, with a long word the projector must wrap. */
const LONG_NOTE = 'Ta med egna exempel från regionens arbete med kompetensförsörjning och landsbygdsutveckling, gärna med kontaktuppgifter';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** Presses a button from the keyboard, as someone without a mouse would. */
async function press(button: Locator): Promise<void> {
	await button.focus();
	await button.press('Enter');
}

async function focusOnBody(page: Page): Promise<boolean> {
	return page.evaluate(() => !document.activeElement || document.activeElement === document.body);
}

test('focus stays on or next to "Starta", "Visa alla", "Rösta", "Ta bort prick" and opening or closing a vote', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');

	// "Starta" is replaced by the reveal buttons: focus goes to the message saying what happened.
	const phase = control.getByRole('region', { name: 'Fundera själv först' });
	await press(phase.getByRole('button', { name: 'Starta' }));
	await expect(phase.getByRole('button', { name: 'Visa alla' })).toBeVisible();
	await expect(phase.getByRole('status')).toBeFocused();
	await anna.page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` }).click();
	await expect(anna.page.getByRole('textbox', { name: 'Text på privat lapp' })).toBeFocused();
	await anna.page.keyboard.type('Mötas över gränser');
	await anna.page.keyboard.press('Escape');
	await expect(anna.page.getByRole('article', { name: 'Privat lapp' })).toBeVisible();
	await press(phase.getByRole('button', { name: 'Visa alla' }));
	await expect(phase.getByRole('status')).toHaveText(/1 lapp visas nu på tavlorna/);
	await expect(phase.getByRole('status')).toBeFocused();

	// Opening the vote replaces "Öppna röstning" with "Stäng röstning"; closing swaps them back.
	const voting = control.getByRole('region', { name: 'Röstning' });
	await voting.getByRole('checkbox', { name: EXPECTATIONS }).check();
	await voting.getByRole('spinbutton', { name: `Prickar per person i ${EXPECTATIONS}` }).fill('1');
	await voting.getByRole('spinbutton', { name: `Prickar per person i ${EXPECTATIONS}` }).press('Enter');
	await press(voting.getByRole('button', { name: 'Öppna röstning' }));
	await expect(voting.getByRole('status')).toHaveText('Röstningen är öppen på alla gruppers tavlor.');
	await expect(voting.getByRole('status')).toBeFocused();

	// Anna spends her only dot: "Rösta" is disabled, focus moves to "Ta bort prick"; taking the dot
	// back removes that button, and focus returns to "Rösta".
	const fig = figure(anna.page, EXPECTATIONS);
	const cast = fig.getByRole('button', { name: 'Rösta på lappen Mötas över gränser' });
	const uncast = fig.getByRole('button', { name: 'Ta bort prick från lappen Mötas över gränser' });
	await press(cast);
	await expect(cast).toBeDisabled();
	await expect(uncast).toBeFocused();
	await uncast.press('Enter');
	await expect(uncast).toHaveCount(0);
	await expect(cast).toBeFocused();
	expect(await focusOnBody(anna.page)).toBe(false);

	// Closing the vote takes Anna's "Rösta" away while she is on it: focus goes to its note.
	await press(voting.getByRole('button', { name: 'Stäng röstning' }));
	await expect(voting.getByRole('status')).toHaveText(/Röstningen är stängd/);
	await expect(voting.getByRole('status')).toBeFocused();
	expect(await focusOnBody(control)).toBe(false);
	await expect(cast).toHaveCount(0);
	await expect(note(fig, 'Mötas över gränser')).toBeFocused();

	await facilitatorContext.close();
	await anna.context.close();
});

test('on a phone, nothing that takes focus is hidden under the instructions sheet', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await addNoteWithButton(anna.page, EXPECTATIONS, 'En arena för samtal');
	await anna.page.setViewportSize(PHONE);

	// On a phone the board's tools are in its "Meny".
	await anna.page.getByRole('button', { name: 'Meny' }).click();
	const toggle = anna.page.getByRole('toolbar', { name: 'Tavlans verktyg' }).getByRole('button', { name: 'Instruktioner' });
	// Anna joined on a wide screen, where the panel starts open; on a phone it is the sheet.
	if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await toggle.focus();
	const sheet = anna.page.getByRole('region', { name: 'Instruktioner', exact: true });
	await expect(sheet).toBeVisible();
	await anna.page.screenshot({ path: test.info().outputPath('phone-instructions-open.png') });

	// Tab through the whole page; after every step the focused element is inside the sheet, or the
	// sheet is closed, or the two do not overlap.
	const hidden: string[] = [];
	let insideSheet = 0;
	for (let i = 0; i < 45; i++) {
		await anna.page.keyboard.press('Tab');
		const where = await anna.page.evaluate(() => {
			const active = document.activeElement;
			const panel = document.querySelector('section.instructions');
			if (!active || active === document.body) return 'body';
			if (!panel || panel.hasAttribute('hidden')) return 'clear';
			if (panel.contains(active)) return 'sheet';
			const s = panel.getBoundingClientRect();
			const t = active.getBoundingClientRect();
			const overlaps = t.bottom > s.top && t.top < s.bottom && t.right > s.left && t.left < s.right;
			return overlaps ? `hidden: ${active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 40)}` : 'clear';
		});
		if (where.startsWith('hidden')) hidden.push(where);
		if (where === 'sheet') insideSheet++;
	}
	expect(hidden).toEqual([]);
	// The sheet stays open while focus is in it: its close button and its text are reachable.
	expect(insideSheet).toBeGreaterThan(0);
	await anna.page.screenshot({ path: test.info().outputPath('phone-instructions-after-tabbing.png') });
	await anna.context.close();
});

test('the projector reflows at 360 px and its stage, a scroll area, is reached by keyboard', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await addNoteWithButton(anna.page, SUMMARY, LONG_NOTE);
	const projector = await facilitatorContext.newPage();
	await projector.setViewportSize(PHONE);
	await projector.goto(`${server.url}/w/${workshop.code}/present`);
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText('Plenum: gruppernas sammanfattningar');
	await expect(projector.getByRole('region', { name: `Grupp 1: ${SUMMARY}` })).toContainText(LONG_NOTE);

	// Nothing needs scrolling sideways, nor is cut off at the right edge, and the join box sits
	// below the stage rather than beside it.
	const overflow = await projector.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	const pastEdge = await projector.evaluate(() =>
		[...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5).map((el) => el.textContent?.trim().slice(0, 30))
	);
	expect(pastEdge).toEqual([]);
	const stage = projector.getByRole('region', { name: 'Visas: Plenum: gruppernas sammanfattningar' });
	const joinBox = projector.getByRole('complementary', { name: 'Gå med i workshoppen' });
	expect((await joinBox.boundingBox())!.y).toBeGreaterThanOrEqual((await stage.boundingBox())!.y + (await stage.boundingBox())!.height - 1);
	await projector.screenshot({ path: test.info().outputPath('projector-360.png'), fullPage: true });

	// At 1080p the stage is a scroll area of its own: Tab reaches it.
	await projector.setViewportSize({ width: 1920, height: 1080 });
	let reached = false;
	for (let i = 0; i < 10 && !reached; i++) {
		await projector.keyboard.press('Tab');
		reached = await stage.evaluate((el) => el === document.activeElement);
	}
	expect(reached).toBe(true);

	await control.close();
	await facilitatorContext.close();
	await anna.context.close();
});
