/**
 * Groups that change during the workshop (issue 10 §3), from the control room's "Grupper och
 * deltagare": a participant moved with their private drafts lands on the new group's board without
 * a reload; an added and a renamed group show on the join page and as a miniature; a latecomer
 * facing full groups is told so, waits, and is placed by the facilitator.
 */
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { createWorkshop, enterControlRoom, figure, join, note } from './people';
import { startServer, type RunningServer } from './server';
import { facilitatorToken, writeNotes } from './stock-client';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

function manager(control: Page) {
	return control.getByRole('region', { name: 'Gruppindelning' });
}

/** Opens a group's people in "Gruppindelning" (each group is a disclosure, closed at first). */
async function openGroup(control: Page, name: string) {
	await manager(control).locator('summary').filter({ hasText: new RegExp(`^${name} `) }).click();
}

test('a participant moved from group 1 to group 2 lands on its board, without a reload, and their draft follows them at reveal', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const token = await facilitatorToken(server.url, workshop.code, workshop.facilitatorKey);
	await writeNotes(server.url, token, workshop.code, 'g2', EXPECTATIONS, ['Grupp 2 har redan skrivit det här']);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await expect(note(anna.page, 'Grupp 2 har redan skrivit det här')).toHaveCount(0);

	const phase = control.getByRole('region', { name: 'Fundera själv först' });
	await phase.getByRole('button', { name: 'Starta' }).click();
	await expect(anna.page.getByText(/Fundera själv först: dina lappar är privata/)).toBeVisible();
	await anna.page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` }).click();
	await expect(anna.page.getByRole('textbox', { name: 'Text på privat lapp' })).toBeFocused();
	await anna.page.keyboard.type('Att få träffa andra regioner');
	await anna.page.keyboard.press('Escape');
	await expect(anna.page.getByRole('article', { name: 'Privat lapp' })).toBeVisible();

	// A marker on the window: it survives a live switch of boards, not a reload.
	await anna.page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
	const groups = manager(control);
	await openGroup(control, 'Grupp 1');
	await openGroup(control, 'Grupp 2');
	await groups.getByLabel('Flytta Anna Berg till').selectOption({ label: 'Grupp 2' });
	await groups.getByRole('button', { name: 'Flytta Anna Berg' }).click();
	await expect(groups.getByRole('status')).toHaveText('Anna Berg flyttades till Grupp 2.');
	await expect(groups.getByRole('list', { name: 'Deltagare i Grupp 2' })).toContainText('Anna Berg');

	await expect(anna.page.getByText('Workshopledaren flyttade dig till Grupp 2. Här är gruppens tavla.')).toBeVisible();
	await expect(note(anna.page, 'Grupp 2 har redan skrivit det här')).toBeVisible();
	await expect(anna.page.getByRole('article', { name: 'Privat lapp' })).toBeVisible();
	expect(await anna.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

	await phase.getByRole('button', { name: 'Visa alla' }).click();
	await expect(note(figure(anna.page, EXPECTATIONS), 'Att få träffa andra regioner')).toBeVisible();
	await expect(anna.page.getByRole('article', { name: 'Privat lapp' })).toHaveCount(0);
	// Group 1's board, as the facilitator opens it, did not get the draft.
	await control.getByRole('link', { name: 'Öppna Grupp 1' }).click();
	await expect(figure(control, EXPECTATIONS)).toBeVisible();
	await expect(note(control, 'Att få träffa andra regioner')).toHaveCount(0);

	await facilitatorContext.close();
	await anna.context.close();
});

test('an added and a renamed group show on the join page and as a miniature; names stay unique', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const groups = manager(control);

	await groups.getByLabel('Ny grupp').fill('Sena gänget');
	await groups.getByRole('button', { name: 'Lägg till grupp' }).click();
	await expect(groups.getByRole('status')).toHaveText('Sena gänget lades till.');
	await openGroup(control, 'Grupp 1');
	await groups.getByRole('button', { name: 'Byt namn på Grupp 1' }).click();
	await expect(groups.getByLabel('Nytt namn för Grupp 1')).toBeFocused();
	await control.keyboard.press('ControlOrMeta+a');
	await control.keyboard.type('Norr');
	await control.keyboard.press('Enter');
	await expect(groups.getByRole('status')).toHaveText('Grupp 1 heter nu Norr.');

	await openGroup(control, 'Grupp 2');
	await groups.getByRole('button', { name: 'Byt namn på Grupp 2' }).click();
	await groups.getByLabel('Nytt namn för Grupp 2').fill('norr');
	await groups.getByRole('button', { name: 'Spara namnet' }).click();
	await expect(groups.getByRole('alert')).toHaveText('Det finns redan en grupp som heter "norr". Välj ett annat namn.');
	await groups.getByRole('button', { name: 'Avbryt' }).click();

	// The miniatures follow: a tile for the new group, with the first group's figures on its board.
	const tile = control.getByRole('article', { name: 'Sena gänget' });
	await expect(tile).toBeVisible();
	await expect(control.getByRole('article', { name: 'Norr' })).toBeVisible();
	await expect(control.getByRole('article', { name: 'Grupp 1' })).toHaveCount(0);

	const latecomer = await join(browser, workshop.participantUrl, 'Cilla Ek', 'Tillväxtverket', 'Sena gänget');
	await expect(figure(latecomer.page, EXPECTATIONS)).toBeVisible();
	await expect(tile).toContainText('1 av 12 personer');
	const stranger = await browser.newContext();
	const joinPage = await stranger.newPage();
	await joinPage.goto(workshop.participantUrl);
	await expect(joinPage.getByRole('radio')).toHaveCount(3);
	for (const name of ['Norr', 'Grupp 2', 'Sena gänget']) await expect(joinPage.getByRole('radio', { name: new RegExp(`^${name}`) })).toBeVisible();
	await stranger.close();

	// Cilla left: removing her frees the seat, her page says so and lets her join again.
	await openGroup(control, 'Sena gänget');
	await groups.getByRole('button', { name: 'Ta bort Cilla Ek' }).click();
	await expect(groups.getByRole('button', { name: 'Ja, ta bort' })).toBeFocused();
	expect(await seriousViolations(control)).toEqual([]);
	await control.keyboard.press('Enter');
	await expect(groups.getByRole('status')).toHaveText('Cilla Ek togs bort ur workshoppen. Platsen är ledig och lapparna finns kvar.');
	await expect(tile).toContainText('0 av 12 personer');
	await expect(latecomer.page.getByRole('heading', { name: 'Du är inte längre med i workshoppen' })).toBeVisible();
	await latecomer.page.getByRole('button', { name: 'Gå med igen' }).click();
	await expect(latecomer.page.getByLabel('Ditt namn')).toBeVisible();

	await facilitatorContext.close();
	await latecomer.context.close();
});

test('a latecomer facing full groups is told so, waits, and is placed into a group by the facilitator', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	for (let i = 1; i <= 12; i++) {
		const res = await fetch(`${server.url}/api/workshops/${workshop.code}/participants`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: `Deltagare ${i}`, organisation: 'Region Gotland', groupId: 'g1' })
		});
		expect(res.status).toBe(201);
	}
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(workshop.participantUrl);
	await expect(page.getByText('Alla grupper är fulla just nu')).toBeVisible();
	await expect(page.getByRole('radio')).toHaveCount(0);
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByLabel('Ditt namn').fill('Cilla Ek');
	await page.getByLabel('Organisation', { exact: true }).fill('Tillväxtverket');
	await page.getByRole('button', { name: 'Anmäl mig som väntande' }).click();
	await expect(page.getByRole('heading', { name: 'Du väntar på en plats' })).toBeVisible();

	const groups = manager(control);
	const waiting = groups.getByRole('region', { name: 'Väntar på en plats (1 person)' });
	await expect(waiting).toContainText('Cilla Ek');
	// The one group is full: it is offered, disabled, so the facilitator sees why.
	await expect(waiting.getByRole('option', { name: 'Grupp 1 (full)' })).toBeDisabled();
	await groups.getByRole('button', { name: 'Lägg till grupp' }).click();
	await expect(groups.getByRole('status')).toHaveText('Grupp 2 lades till.');
	await waiting.getByLabel('Placera Cilla Ek i').selectOption({ label: 'Grupp 2' });
	await waiting.getByRole('button', { name: 'Placera Cilla Ek' }).click();
	await expect(groups.getByRole('status')).toHaveText('Cilla Ek placerades i Grupp 2.');
	await expect(groups.getByRole('region', { name: /Väntar på en plats/ })).toHaveCount(0);

	await expect(page.getByText('Du har fått en plats i Grupp 2. Här är gruppens tavla.')).toBeVisible();
	await expect(figure(page, EXPECTATIONS)).toBeVisible();

	await facilitatorContext.close();
	await context.close();
});

test('the HTTP API refuses group changes to a participant token (403) and to no token (401)', async () => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const api = (path: string, method: string, token?: string, body?: unknown) =>
		fetch(`${server.url}/api/workshops/${workshop.code}${path}`, {
			method,
			headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	const joined = (await (await api('/participants', 'POST', undefined, { name: 'Anna Berg', organisation: 'Region Skåne', groupId: 'g1' })).json()) as {
		participantId: string;
		token: string;
	};
	const calls: [string, string, unknown?][] = [
		[`/participants/${joined.participantId}`, 'PATCH', { groupId: 'g2' }],
		[`/participants/${joined.participantId}`, 'DELETE'],
		['/groups', 'POST', { name: 'Egen grupp' }],
		['/groups/g1', 'PATCH', { name: 'Annas grupp' }]
	];
	for (const [path, method, body] of calls) {
		const asParticipant = await api(path, method, joined.token, body);
		expect(asParticipant.status, `${method} ${path}`).toBe(403);
		expect(await asParticipant.json()).toMatchObject({ error: 'Bara workshopledaren kan ändra grupperna.' });
		expect((await api(path, method, undefined, body)).status, `${method} ${path} without a token`).toBe(401);
	}
	const after = (await (await api('', 'GET')).json()) as { groups: { name: string; members: number }[] };
	expect(after.groups).toEqual([
		expect.objectContaining({ name: 'Grupp 1', members: 1 }),
		expect.objectContaining({ name: 'Grupp 2', members: 0 })
	]);
});
