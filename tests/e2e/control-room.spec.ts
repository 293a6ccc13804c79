/**
 * The control room shaped like the meeting (issue 10 §5): before anyone joins the invitation
 * leads; once people are in, the run-sheet, the timer and the groups are in view at 1440×900
 * without scrolling, the invitation one click away. Counts agree with their number ("1 lapp",
 * "1 figur"), an untouched board says so, the summary editor downloads, and the control room
 * shows which page the projector is on.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { SEED_NOTES } from '../fixtures/seed-notes';
import { seriousViolations } from './axe';
import { addNoteWithButton, createWorkshop, enterControlRoom, join, openControlRoom } from './people';
import { startServer, type RunningServer } from './server';
import { facilitatorToken, writeNotes } from './stock-client';

const SHOTS = '/work/wt/shots/room';
const SIZES = [
	{ width: 1440, height: 900 },
	{ width: 360, height: 740 },
	{ width: 1920, height: 1080 }
];

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** Screenshots of the page as it is at every size the brief names, back at 1440×900 after. */
async function shootAtEverySize(page: Page, name: string): Promise<void> {
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await page.screenshot({ path: `${SHOTS}-${name}-${size.width}x${size.height}.png`, fullPage: size.width === 360 });
	}
	await page.setViewportSize(SIZES[0]!);
}

/** The control room, and the projector view it opens at 1920×1080. */
async function openProjector(browser: Browser, facilitatorUrl: string) {
	const { context, page: control } = await enterControlRoom(browser, facilitatorUrl);
	const present = control.getByRole('region', { name: 'Projektor' });
	// No projector has measured anything yet: no page to tell.
	await expect(present.getByRole('status')).toHaveText('');
	const [projector] = await Promise.all([context.waitForEvent('page'), present.getByRole('link', { name: 'Öppna projektorvy' }).click()]);
	await projector.setViewportSize({ width: 1920, height: 1080 });
	return { control, projector, present };
}

const scrolled = (page: Page) => page.evaluate(() => window.scrollY);

test('the invitation leads until people join; then the run-sheet, timer and groups are in view at 1440×900', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2, 'blank');
	const { page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);

	// Nobody has joined: the invitation is open at the top.
	const invitation = control.getByRole('region', { name: 'Bjud in deltagarna' });
	await expect(invitation).toBeInViewport();
	await expect(control.getByRole('button', { name: 'Före', exact: true })).toHaveAttribute('aria-expanded', 'true');
	// A "Tom tavla" board nobody has opened: its one figure, and no notes, said as such.
	const tile = (name: string) => control.getByRole('article').filter({ has: control.getByRole('heading', { name }) });
	await expect(tile('Grupp 2').getByRole('img', { name: 'Miniatyr av tavlan: 1 figur, inga lappar än' })).toBeVisible();
	await expect(tile('Grupp 2').getByText('0 av 12 personer')).toBeVisible();
	expect(await seriousViolations(control)).toEqual([]);
	await shootAtEverySize(control, 'control-before-join');

	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await addNoteWithButton(anna.page, 'Vad vill ni diskutera?', 'Hur vi delar kunskap mellan regionerna');
	await expect(tile('Grupp 1').getByRole('img', { name: 'Miniatyr av tavlan: 1 figur, 1 lapp' })).toBeVisible();
	await expect(tile('Grupp 1').getByRole('listitem').filter({ hasText: 'Vad vill ni diskutera?: 1 lapp' })).toBeAttached();
	await expect(control.getByText('1 deltagare i 2 grupper')).toBeVisible();

	// Coming back once people are in: "Under" leads, nothing scrolled.
	await control.reload();
	await expect(control.getByRole('region', { name: 'Styr workshoppen' })).toBeVisible();
	await expect(control.getByRole('button', { name: 'Före', exact: true })).toHaveAttribute('aria-expanded', 'false');
	expect(await scrolled(control)).toBe(0);
	await expect(control.getByRole('region', { name: 'Körschema' }).getByRole('button', { name: 'Starta Arbeta' })).toBeInViewport();
	await expect(control.getByRole('heading', { name: 'Timer', exact: true })).toBeInViewport();
	await expect(control.getByRole('region', { name: 'Timer' }).getByRole('button', { name: /^5 min/ })).toBeInViewport();
	await expect(tile('Grupp 1').getByRole('img', { name: /^Miniatyr av tavlan/ })).toBeInViewport();
	await expect(tile('Grupp 2').getByRole('img', { name: /^Miniatyr av tavlan/ })).toBeInViewport();
	expect(await seriousViolations(control)).toEqual([]);
	await shootAtEverySize(control, 'control-during');
	await control.setViewportSize({ width: 360, height: 740 });
	expect(await seriousViolations(control)).toEqual([]);
	await control.setViewportSize(SIZES[0]!);

	// The invitation is one click away: unfold "Före", or straight to full screen from the header.
	await control.getByRole('button', { name: 'Före', exact: true }).click();
	await expect(invitation.getByRole('img', { name: /QR-kod till deltagarlänken/ })).toBeVisible();
	await control.getByRole('button', { name: 'Före', exact: true }).click();
	await expect(invitation).toBeHidden();
	await control.getByRole('button', { name: 'Visa inbjudan i helskärm' }).click();
	const fullScreen = control.getByRole('dialog', { name: 'Gå med i workshoppen' });
	await expect(fullScreen.getByText(`${workshop.code.slice(0, 3)} ${workshop.code.slice(3)}`)).toBeVisible();
	await control.keyboard.press('Escape');
	await expect(fullScreen).toBeHidden();
});

test("a miniature never says a board is empty while it is being read, and Lärlabb's run-sheet leaves the groups in view", async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 3);
	const context = await browser.newContext();
	// Every caption any miniature shows, from the first paint on.
	await context.addInitScript(() => {
		const seen: string[] = ((window as unknown as { captions: string[] }).captions = []);
		new MutationObserver(() => {
			for (const c of document.querySelectorAll('figcaption')) if (!seen.includes(c.textContent!.trim())) seen.push(c.textContent!.trim());
		}).observe(document, { subtree: true, childList: true, characterData: true });
	});
	const control = await context.newPage();
	await openControlRoom(control, workshop.facilitatorUrl);
	await expect(control.getByRole('img', { name: 'Miniatyr av tavlan: 5 figurer, inga lappar än' })).toHaveCount(3);
	const captions = await control.evaluate(() => (window as unknown as { captions: string[] }).captions);
	const read = captions.filter((c) => !c.startsWith('Hämtar tavlan'));
	expect(read.length).toBeGreaterThan(0);
	expect(read.filter((c) => !c.startsWith('5 figurer, inga lappar än'))).toEqual([]);

	// Lärlabb's longer run-sheet still leaves the timer and all three groups in view once people are in.
	await join(browser, workshop.participantUrl, 'Bo Ek', 'Tillväxtverket', 'Grupp 3');
	const token = await facilitatorToken(server.url, workshop.code, workshop.facilitatorKey);
	for (const [group, count] of [['g1', 4], ['g2', 2], ['g3', 1]] as const) {
		await writeNotes(server.url, token, workshop.code, group, 'Vilka förväntningar har du på Lärlabb?', SEED_NOTES.slice(0, count));
	}
	await control.reload();
	await expect(control.getByRole('region', { name: 'Styr workshoppen' })).toBeVisible();
	await expect(control.getByRole('button', { name: 'Starta Sammanfatta' })).toBeInViewport();
	await expect(control.getByRole('heading', { name: 'Timer', exact: true })).toBeInViewport();
	for (const group of ['Grupp 1', 'Grupp 2', 'Grupp 3']) await expect(control.getByRole('heading', { name: group })).toBeInViewport();
	await expect(control.getByRole('img', { name: 'Miniatyr av tavlan: 5 figurer, 1 lapp' })).toBeVisible();
	await control.screenshot({ path: '/work/wt/shots/room-control-1440.png' });
});

test('the summary editor downloads the summary it shows, from the top of the page', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const token = await facilitatorToken(server.url, workshop.code, workshop.facilitatorKey);
	await writeNotes(server.url, token, workshop.code, 'g1', 'Vilka förväntningar har du på Lärlabb?', SEED_NOTES.slice(0, 2));
	const { page } = await enterControlRoom(browser, workshop.facilitatorUrl, { acceptDownloads: true });
	await page.goto(`${server.url}/w/${workshop.code}/summary`);
	const downloads = page.getByRole('region', { name: 'Ladda ner sammanställningen' });
	await expect(downloads).toBeInViewport();
	await expect(page.getByText('2 punkter från 2 lappar')).toBeVisible();
	await expect(downloads.getByRole('link', { name: 'Redigera sammanställningen' })).toHaveCount(0);

	const [markdown] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name: 'Markdown, per fråga' }).click()]);
	expect(markdown.suggestedFilename()).toMatch(/\.md$/);
	const text = await (await markdown.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
	expect(text).toContain(SEED_NOTES[1]);
	await expect(downloads.getByRole('status')).toHaveText(`${markdown.suggestedFilename()} är nedladdad.`);

	const [word] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name: 'Word, per fråga' }).click()]);
	expect(word.suggestedFilename()).toMatch(/\.docx$/);
	expect(await seriousViolations(page)).toEqual([]);
	await shootAtEverySize(page, 'summary');
});

test('the projector shows a plenum of four groups, and the control room its page', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 4);
	const token = await facilitatorToken(server.url, workshop.code, workshop.facilitatorKey);
	// Each group's summary holds five of the seed's notes.
	for (const group of [1, 2, 3, 4]) {
		const texts = [0, 1, 2, 3, 4].map((i) => `${SEED_NOTES[(i + group) % SEED_NOTES.length]!}`);
		await writeNotes(server.url, token, workshop.code, `g${group}`, 'Att tänka på inför Lärlabb', texts);
	}
	const { projector, present } = await openProjector(browser, workshop.facilitatorUrl);
	await expect(projector.getByRole('heading', { name: 'Plenum: gruppernas sammanfattningar' })).toBeVisible();
	await expect(projector.getByText(SEED_NOTES[5]!).first()).toBeVisible();
	await projector.screenshot({ path: '/work/wt/shots/room-projector-1920.png' });
	const onProjector = projector.getByText(/^Sida \d+ \/ \d+$/);
	const pages = (await onProjector.count()) ? Number((await onProjector.textContent())!.split('/ ')[1]) : 1;
	await expect(present.getByRole('status')).toHaveText(`Sida 1 / ${pages}`);
});

test("the control room shows the projector's page beside its page buttons", async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const token = await facilitatorToken(server.url, workshop.code, workshop.facilitatorKey);
	const texts = [...SEED_NOTES, ...SEED_NOTES, ...SEED_NOTES].map((t, i) => `${i + 1}. ${t}`);
	await writeNotes(server.url, token, workshop.code, 'g1', 'Vilka förväntningar har du på Lärlabb?', texts);
	const { projector, present } = await openProjector(browser, workshop.facilitatorUrl);
	const shownPage = present.getByRole('status');
	await present.getByRole('radio', { name: 'En grupps tavla' }).check();
	const onProjector = projector.getByText(/^Sida \d+ \/ \d+$/);
	await expect(onProjector).toHaveText(/^Sida 1 \/ \d+$/);
	const pages = Number((await onProjector.textContent())!.split('/ ')[1]);
	expect(pages).toBeGreaterThan(1);
	await expect(shownPage).toHaveText(`Sida 1 / ${pages}`);
	await present.getByRole('button', { name: 'Nästa sida' }).click();
	await expect(onProjector).toHaveText(`Sida 2 / ${pages}`);
	await expect(shownPage).toHaveText(`Sida 2 / ${pages}`);
	await present.getByRole('button', { name: 'Föregående sida' }).click();
	await present.getByRole('button', { name: 'Föregående sida' }).click();
	await expect(onProjector).toHaveText(`Sida ${pages} / ${pages}`);
	await expect(shownPage).toHaveText(`Sida ${pages} / ${pages}`);
});
