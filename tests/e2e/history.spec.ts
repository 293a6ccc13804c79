/**
 * Board history and retention in browsers: a participant deletes a note, the facilitator finds it
 * in "Historik" (the version kept when a phase ended) and restores it, and the participant sees it
 * again; then the facilitator deletes the workshop and the participant's board says so.
 */
import { expect, test } from '@playwright/test';
import { addNoteWithButton, createWorkshop, enterControlRoom, join, note, unfoldRoomPart } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

test('a deleted note comes back from the history, and a deleted workshop ends the board', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await addNoteWithButton(anna.page, EXPECTATIONS, 'Ta inte bort mig');
	await addNoteWithButton(anna.page, EXPECTATIONS, 'Jag får vara kvar');

	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	// The first phase starts and ends by hand: its end keeps a version of every board.
	const runSheet = control.getByRole('region', { name: 'Körschema' });
	await runSheet.getByRole('button', { name: 'Nästa fas' }).click();
	await runSheet.getByRole('button', { name: 'Nästa fas' }).click();

	const history = control.getByRole('region', { name: 'Historik' });
	const phaseEnd = history.getByRole('button', { name: /När en fas slutade/ });
	// The version is kept on the server a moment after the click; ask again until it is listed.
	await expect(async () => {
		await history.getByRole('button', { name: 'Visa versioner' }).click();
		await expect(phaseEnd).toBeVisible({ timeout: 1000 });
	}).toPass();

	// Later, Anna deletes a note by mistake; the facilitator opens the version from before.
	await note(anna.page, 'Ta inte bort mig').focus();
	await anna.page.keyboard.press('Delete');
	await expect(note(anna.page, 'Ta inte bort mig')).toHaveCount(0);
	await phaseEnd.click();
	const deleted = history.getByRole('list', { name: 'Borttagna lappar' });
	await expect(deleted.getByText('Ta inte bort mig')).toBeVisible();
	await expect(deleted.getByText('Jag får vara kvar')).toHaveCount(0);
	await deleted.getByRole('button', { name: 'Återställ lappen ”Ta inte bort mig”' }).click();
	await expect(history.getByRole('status')).toHaveText('Återställde 1 lapp.');
	await expect(history.getByText('Inget från den här versionen saknas på tavlan nu.')).toBeVisible();

	await expect(note(anna.page, 'Ta inte bort mig')).toBeVisible();
	await expect(note(anna.page, 'Jag får vara kvar')).toBeVisible();

	// Only the facilitator may look back or delete: a participant's token is refused, no token too.
	const participantToken = await anna.page.evaluate((code) => JSON.parse(localStorage.getItem(`verkstad:${code}:participant`)!).token, workshop.code);
	const asAnna = { authorization: `Bearer ${participantToken}` };
	const api = `${server.url}/api/workshops/${workshop.code}`;
	expect((await fetch(`${api}/boards/g1/history`, { headers: asAnna })).status).toBe(403);
	expect((await fetch(`${api}/boards/g1/history`)).status).toBe(401);
	expect((await fetch(api, { method: 'DELETE', headers: asAnna })).status).toBe(403);
	expect((await fetch(api, { method: 'DELETE' })).status).toBe(401);

	// Deleting the workshop: the button waits for the code to be typed.
	await unfoldRoomPart(control, 'Före');
	const retention = control.getByRole('region', { name: 'Radera workshoppen' });
	await expect(retention).toContainText(/raderas automatiskt \d+ \S+ \d{4}, 90 dagar efter att\s+den skapades/);
	const remove = retention.getByRole('button', { name: 'Radera workshoppen nu' });
	await expect(remove).toBeDisabled();
	await retention.getByLabel(/Skriv koden/).fill(workshop.code.toLowerCase());
	await remove.click();
	await control.waitForURL((url) => url.pathname === '/');

	await expect(anna.page.getByRole('alert').filter({ hasText: 'Workshoppen har raderats.' })).toBeVisible();
	expect((await fetch(`${server.url}/api/workshops/${workshop.code}`)).status).toBe(404);

	for (const c of [facilitatorContext, anna.context]) await c.close();
});
