/**
 * The facilitator creates a workshop on the start page, opens the facilitator page from the key
 * link, sees a participant join live, and edits figures on the participant's board.
 */
import { expect, test } from '@playwright/test';
import { addNoteWithButton, figure, join, note } from './people';
import { startServer, type RunningServer } from './server';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

test('a facilitator creates a workshop, watches a group fill in, and edits its figures', async ({ browser }) => {
	server = await startServer();
	const context = await browser.newContext();
	const page = await context.newPage();

	// Create on the start page.
	await page.goto(server.url);
	await page.getByLabel('Titel').fill('Lärlabb Hållbar utveckling – Göteborg');
	await page.getByRole('radio', { name: /^Lärlabb Hållbar utveckling/ }).check();
	await page.getByLabel('Antal grupper').fill('2');
	await page.getByRole('button', { name: 'Skapa workshop' }).click();
	await expect(page.getByRole('heading', { name: /är skapad/ })).toBeVisible();
	const facilitatorUrl = await page.getByRole('textbox', { name: 'Ledarlänk' }).inputValue();
	const participantUrl = await page.getByRole('textbox', { name: 'Deltagarlänk' }).inputValue();
	expect(facilitatorUrl).toMatch(/\/facilitate#key=/);

	// The facilitator page signs in with the key, then drops it from the address bar.
	await page.getByRole('link', { name: 'Öppna ledarsidan' }).click();
	await expect(page.getByRole('heading', { name: 'Grupper' })).toBeVisible();
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	await expect.poll(() => page.url()).not.toContain('key=');
	const code = new URL(participantUrl).pathname.split('/').pop()!;
	await expect(page.getByText(`${code.slice(0, 3)} ${code.slice(3)}`).first()).toBeVisible();
	await expect(page.getByRole('img', { name: /QR-kod till deltagarlänken/ }).first()).toBeVisible();

	// A participant joins group 2 and writes; the control room shows both live.
	const charlotta = await join(browser, participantUrl, 'Charlotta Levin', 'Region Skåne', 'Grupp 2');
	await expect(page.getByRole('list', { name: 'Deltagare i Grupp 2' })).toContainText('Charlotta Levin');
	await addNoteWithButton(charlotta.page, 'Vad vill du veta om myndigheterna?', 'Hur de vill arbeta med målgruppsanpassning');
	const groupTwo = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Grupp 2' }) });
	await expect(groupTwo.getByRole('img', { name: /Miniatyr av tavlan: 5 figurer, 1 lapp$/ })).toBeVisible();

	// The facilitator opens the board and adds, renames and deletes a figure; the group sees it.
	await page.getByRole('link', { name: 'Öppna Grupp 2' }).click();
	await expect(note(page, 'Hur de vill arbeta med målgruppsanpassning')).toBeVisible();
	await page.getByRole('button', { name: '+ Figur' }).click();
	await page.getByRole('button', { name: /^Fråga/ }).click();
	const title = page.getByRole('textbox', { name: 'Figurens titel' });
	await expect(title).toBeFocused();
	await title.fill('Vad tar ni med er hem?');
	await title.press('Enter');
	await expect(figure(charlotta.page, 'Vad tar ni med er hem?')).toBeAttached();

	await page.getByRole('button', { name: 'Byt namn på Vad tar ni med er hem?' }).click();
	await page.getByRole('textbox', { name: 'Figurens titel' }).fill('Utcheckning');
	await page.getByRole('textbox', { name: 'Figurens titel' }).press('Enter');
	await expect(figure(charlotta.page, 'Utcheckning')).toBeAttached();

	// Keyboard: a focused figure moves with the arrow keys, for the group too.
	const seenByGroup = figure(charlotta.page, 'Utcheckning');
	const before = (await seenByGroup.boundingBox())!;
	await figure(page, 'Utcheckning').focus();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect.poll(async () => (await seenByGroup.boundingBox())!.y).toBeGreaterThan(before.y);

	page.once('dialog', (dialog) => void dialog.accept());
	await page.getByRole('button', { name: 'Ta bort figuren Utcheckning' }).click();
	await expect(figure(charlotta.page, 'Utcheckning')).toHaveCount(0);
	// Participants have none of the figure tools.
	await expect(charlotta.page.getByRole('button', { name: '+ Figur' })).toHaveCount(0);
	await expect(charlotta.page.getByRole('button', { name: /^Ta bort figuren/ })).toHaveCount(0);

	// A reload keeps the facilitator signed in, with no key in the address.
	await page.reload();
	await expect(note(page, 'Hur de vill arbeta med målgruppsanpassning')).toBeVisible();
	await context.close();
	await charlotta.context.close();
});

test('a wrong facilitator key gets a clear message', async ({ browser }) => {
	server = await startServer();
	const res = await fetch(`${server.url}/api/workshops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title: 'W', groups: 1 })
	});
	const { code } = (await res.json()) as { code: string };
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`${server.url}/w/${code}/facilitate#key=fel-nyckel`);
	await expect(page.getByRole('heading', { name: 'Du kunde inte logga in som ledare' })).toBeVisible();
	await expect(page.getByText(/Nyckeln stämmer inte/)).toBeVisible();
	await context.close();
});

test('an unknown code and bad names get clear messages on the join page', async ({ browser }) => {
	server = await startServer();
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`${server.url}/w/ZZZZZZ`);
	await expect(page.getByRole('heading', { name: 'Workshoppen finns inte' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Till startsidan' })).toBeVisible();

	const res = await fetch(`${server.url}/api/workshops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title: 'W', groups: 1 })
	});
	const { participantUrl } = (await res.json()) as { participantUrl: string };
	await page.goto(participantUrl);
	await page.getByRole('radio', { name: /^Grupp 1\b/ }).check();
	await page.getByRole('button', { name: 'Gå med i workshoppen' }).click();
	await expect(page.getByRole('alert').first()).toContainText('Skriv ditt namn');
	await page.getByLabel('Ditt namn').fill('N'.repeat(200));
	await page.getByRole('button', { name: 'Gå med i workshoppen' }).click();
	await expect(page.getByRole('alert').first()).toContainText('högst 60 tecken');
	await expect(page).toHaveURL(participantUrl);
	await context.close();
});
