/**
 * Three people on three browsers fill the Lärlabb figures together: they add, edit, move and
 * delete post-its, see each other's changes and cursors live, and keep everything across a
 * reload, a clean server restart and a SIGKILL.
 */
import { expect, test } from '@playwright/test';
import { addNoteWithButton, connection, createWorkshop, dragTo, figure, join, note, noteBy, listToggle, showCanvas, type Person } from './people';
import { seriousViolations } from './axe';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const AUTHORITIES = 'Vad vill du veta om myndigheterna?';
const REGIONS = 'Vad vill du att myndigheterna ska veta om regionerna?';
const SUMMARY = 'Att tänka på inför Lärlabb';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

test('three people fill the Lärlabb figures together, and nothing is lost on reload or restart', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	const cecilia = await join(browser, workshop.participantUrl, 'Cecilia Lind', 'Region Gotland', 'Grupp 1');
	const everyone = [anna, bo, cecilia];

	// Everyone is on the board, and sees the others in the list.
	for (const p of everyone) await expect(p.page.getByText('3 på tavlan')).toBeVisible();

	// Add: with the button, and by double-click inside a figure.
	await addNoteWithButton(anna.page, EXPECTATIONS, 'En arena för samtal');
	// A second note right after: the first one's tools must not cover the "+ Lapp" button.
	await addNoteWithButton(anna.page, EXPECTATIONS, 'Ett processlett sammanhang');
	const authorities = figure(bo.page, AUTHORITIES);
	const box = (await authorities.boundingBox())!;
	await bo.page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
	await expect(bo.page.getByRole('textbox', { name: 'Text på lappen' })).toBeFocused();
	await bo.page.keyboard.type('Deras syn på roller och funktioner');
	await bo.page.keyboard.press('Escape');

	for (const p of everyone) {
		await expect(noteBy(figure(p.page, EXPECTATIONS), 'Anna Berg', 'En arena för samtal')).toBeVisible();
		await expect(noteBy(figure(p.page, EXPECTATIONS), 'Anna Berg', 'Ett processlett sammanhang')).toBeVisible();
		await expect(noteBy(figure(p.page, AUTHORITIES), 'Bo Ek', 'Deras syn på roller och funktioner')).toBeVisible();
	}
	// Each note shows its author and organisation.
	await expect(note(cecilia.page, 'En arena för samtal')).toContainText('Region Skåne');

	// Edit in place: Cecilia adds to Anna's note; the others see the words arrive.
	await note(cecilia.page, 'En arena för samtal').focus();
	await cecilia.page.keyboard.press('Enter');
	await expect(cecilia.page.getByRole('textbox', { name: 'Text på lappen' })).toBeFocused();
	await cecilia.page.keyboard.press('End');
	await cecilia.page.keyboard.type(' och tid att lära känna varandra');
	await cecilia.page.keyboard.press('Escape');
	for (const p of everyone) await expect(note(p.page, 'En arena för samtal och tid att lära känna varandra')).toBeVisible();

	// Move: Bo drags his note into the regions figure; it belongs there for everyone.
	await dragTo(bo.page, note(bo.page, 'Deras syn på roller och funktioner'), figure(bo.page, REGIONS));
	for (const p of everyone) {
		await expect(note(figure(p.page, REGIONS), 'Deras syn på roller och funktioner')).toBeVisible();
		await expect(note(figure(p.page, AUTHORITIES), 'Deras syn på roller och funktioner')).toHaveCount(0);
	}

	// Delete: a note added by mistake disappears for everyone.
	await addNoteWithButton(cecilia.page, SUMMARY, 'Fel lapp');
	for (const p of everyone) await expect(note(p.page, 'Fel lapp')).toBeVisible();
	await note(cecilia.page, 'Fel lapp').focus();
	await cecilia.page.keyboard.press('Delete');
	for (const p of everyone) await expect(note(p.page, 'Fel lapp')).toHaveCount(0);

	// Live cursors carry names.
	const summary = (await figure(anna.page, SUMMARY).boundingBox())!;
	await anna.page.mouse.move(summary.x + 40, summary.y + 100, { steps: 5 });
	// The cursor layer is hidden from screen readers (the presence list says the same in words).
	await expect(bo.page.locator('.cursors').getByText('Anna Berg', { exact: true })).toBeVisible();

	// A reload is the same person, with no second join.
	await bo.page.reload();
	await expect(connection(bo.page)).toHaveText(/Ansluten/);
	await expect(note(figure(bo.page, REGIONS), 'Deras syn på roller och funktioner')).toBeVisible();
	const summaryAfterReload = await (await fetch(`${server.url}/api/workshops/${workshop.code}`)).json();
	expect(summaryAfterReload.groups.find((g: { id: string }) => g.id === 'g1').members).toBe(3);

	// A clean restart on the same port: the browsers reconnect and everything is still there.
	const port = Number(new URL(server.url).port);
	await server.stop();
	for (const p of everyone) await expect(connection(p.page)).not.toHaveText(/^Ansluten$/);
	server = await startServer(server.dataDir, port);
	for (const p of everyone) {
		await expect(connection(p.page)).toHaveText(/Ansluten/, { timeout: 20_000 });
		await expect(note(p.page, 'En arena för samtal och tid att lära känna varandra')).toBeVisible();
	}

	// SIGKILL right after an edit reached the server: the edit survives.
	await addNoteWithButton(anna.page, SUMMARY, 'Diskussionen behöver föras på fler nivåer');
	await expect(note(bo.page, 'Diskussionen behöver föras på fler nivåer')).toBeVisible();
	await server.kill();
	server = await startServer(server.dataDir, port);
	for (const p of everyone) {
		await p.page.reload();
		await expect(connection(p.page)).toHaveText(/Ansluten/);
		await expect(note(figure(p.page, SUMMARY), 'Diskussionen behöver föras på fler nivåer')).toBeVisible();
		await expect(note(figure(p.page, REGIONS), 'Deras syn på roller och funktioner')).toBeVisible();
		await expect(note(figure(p.page, EXPECTATIONS), 'En arena för samtal och tid att lära känna varandra')).toBeVisible();
	}
	await closeAll(everyone);
});

test('a note can be added, written and moved with the keyboard alone', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const { page } = anna;
	const addButton = page.getByRole('button', { name: `+ Lapp i ${AUTHORITIES}` });
	for (let i = 0; i < 60 && !(await addButton.evaluate((el) => el === document.activeElement)); i++) {
		await page.keyboard.press('Tab');
	}
	await expect(addButton).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Text på lappen' })).toBeFocused();
	await page.keyboard.type('Hur de ser på att stärka samverkan');
	// While it is written the text shows once, in the field: the card's own text is hidden.
	const open = page.locator('[data-note-id]').filter({ has: page.getByRole('textbox', { name: 'Text på lappen' }) });
	await expect(open.locator('.text')).toBeHidden();
	await page.keyboard.press('Escape');
	const written = note(figure(page, AUTHORITIES), 'Hur de ser på att stärka samverkan');
	await expect(written).toBeFocused();
	await expect(written.locator('.text')).toHaveText('Hur de ser på att stärka samverkan');
	await expect(written.locator('.text')).toBeVisible();
	const before = (await written.boundingBox())!;
	await page.keyboard.press('ArrowRight');
	await expect.poll(async () => (await written.boundingBox())!.x).toBeGreaterThan(before.x);
	await closeAll([anna]);
});

test('a 10,000-character note is cut to the limit with a visible message', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await anna.page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` }).click();
	await anna.page.getByRole('textbox', { name: 'Text på lappen' }).fill('å'.repeat(10_000));
	await expect(anna.page.getByRole('alert')).toContainText('högst 500 tecken');
	await expect(anna.page.getByRole('textbox', { name: 'Text på lappen' })).toHaveValue('å'.repeat(500));
	await closeAll([anna]);
});

test('the join page and the board have no serious accessibility violations', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 3);
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(workshop.participantUrl);
	await expect(page.getByLabel('Ditt namn')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await context.close();

	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 2');
	await addNoteWithButton(anna.page, EXPECTATIONS, 'En arena för samtal');
	expect(await seriousViolations(anna.page)).toEqual([]);
	await anna.page.setViewportSize({ width: 360, height: 740 });
	expect(await seriousViolations(anna.page)).toEqual([]);
	await closeAll([anna]);
});

async function closeAll(people: Person[]) {
	for (const p of people) await p.context.close();
}

test('a forged token sends the person back to the join page with a message', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(server.url);
	await page.evaluate((code) => {
		const forged = { role: 'participant', code, participantId: 'p1', groupId: 'g1', name: 'Mallory', organisation: '', token: 'forged.token' };
		localStorage.setItem(`verkstad:${code}:participant`, JSON.stringify(forged));
	}, workshop.code);
	await page.goto(`${server.url}/w/${workshop.code}/board`);
	await expect(page.getByLabel('Ditt namn')).toBeVisible();
	await expect(page).toHaveURL(/\/w\/[A-Z0-9]+\?orsak=inloggning-ogiltig$/);
	await expect(page.getByRole('alert').filter({ hasText: 'gäller inte längre' })).toBeVisible();
	expect(await page.evaluate((code) => localStorage.getItem(`verkstad:${code}:participant`), workshop.code)).toBeNull();
	await context.close();
});

test('on a phone, a double-tap in a figure adds a note and the board stays readable', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
	const page = await context.newPage();
	await page.goto(workshop.participantUrl);
	await page.getByLabel('Ditt namn').fill('Bo Ek');
	await page.getByLabel('Organisation', { exact: true }).fill('MUCF');
	await page.getByRole('radio', { name: /^Grupp 1\b/ }).check();
	await page.getByRole('button', { name: 'Gå med i workshoppen' }).click();
	await expect(connection(page)).toHaveText(/Ansluten/);
	// A phone starts in the list view; this is about the canvas.
	await expect(listToggle(page)).toHaveAttribute('aria-pressed', 'true');
	await showCanvas(page);

	const first = figure(page, EXPECTATIONS);
	const box = (await first.boundingBox())!;
	await page.touchscreen.tap(box.x + 60, box.y + 200);
	await page.touchscreen.tap(box.x + 60, box.y + 200);
	await expect(page.getByRole('textbox', { name: 'Text på lappen' })).toBeFocused();
	await page.keyboard.type('Låt oss bli kompisar först');
	await page.keyboard.press('Escape');
	const written = note(first, 'Låt oss bli kompisar först');
	await expect(written).toBeVisible();
	// Readable: the note's text is drawn at 12 px or more on the phone's screen.
	const textPx = await written.evaluate((el) => {
		const size = parseFloat(getComputedStyle(el).fontSize);
		const zoom = el.getBoundingClientRect().width / (el as HTMLElement).offsetWidth;
		return size * zoom;
	});
	expect(textPx).toBeGreaterThanOrEqual(12);
	await context.close();
});

test('undo and redo take back only your own edits', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	await addNoteWithButton(bo.page, AUTHORITIES, 'Bos lapp');
	await addNoteWithButton(anna.page, AUTHORITIES, 'Annas lapp');
	await expect(note(anna.page, 'Bos lapp')).toBeVisible();
	await expect(note(bo.page, 'Annas lapp')).toBeVisible();

	// Anna undoes until her note is gone (typing and adding may be separate steps).
	const undo = anna.page.getByRole('button', { name: 'Ångra' });
	for (let i = 0; i < 5 && (await note(anna.page, 'Annas lapp').count()) > 0; i++) await undo.click();
	await expect(note(bo.page, 'Annas lapp')).toHaveCount(0);
	await expect(note(anna.page, 'Bos lapp')).toBeVisible();
	await expect(note(bo.page, 'Bos lapp')).toBeVisible();

	const redo = anna.page.getByRole('button', { name: 'Gör om' });
	for (let i = 0; i < 5 && (await note(anna.page, 'Annas lapp').count()) === 0; i++) await redo.click();
	await expect(note(bo.page, 'Annas lapp')).toBeVisible();
	await closeAll([anna, bo]);
});
