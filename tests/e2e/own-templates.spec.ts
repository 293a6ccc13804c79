/**
 * Own templates and the workshop backup in browsers: the facilitator saves a group's board as a
 * template in the control room and makes a new workshop from it on the start page (figures yes,
 * notes no); an exported workshop file is imported on the start page and has its notes back; the
 * facilitator deletes the template again in the control room and it leaves the start page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { WORKSHOP_FILE_BYTES_MAX } from '../../src/lib/board/limits';
import { addNoteWithButton, createWorkshop, enterControlRoom, figure, join, note, unfoldRoomPart } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** Fills in "Skapa en workshop" with a template chosen by its name and reads the answer. */
async function createOnHomePage(page: Page, title: string, templateName: string) {
	await page.getByLabel('Titel').fill(title);
	await page.getByRole('radio', { name: new RegExp(`^${templateName}`) }).check();
	await page.getByLabel('Antal grupper').fill('1');
	await page.getByRole('button', { name: 'Skapa workshop' }).click();
	await expect(page.getByRole('heading', { name: `Workshoppen ”${title}” är skapad` })).toBeVisible();
	return page.getByRole('textbox', { name: 'Deltagarlänk' }).inputValue();
}

test('a board saved as a template in the control room becomes a new workshop on the start page', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await addNoteWithButton(anna.page, EXPECTATIONS, 'En arena för samtal');

	const { context: facilitator, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl, { acceptDownloads: true });
	await unfoldRoomPart(control, 'Före');
	const card = control.getByRole('region', { name: 'Mallar och säkerhetskopia' });
	await card.getByLabel('Grupp').selectOption({ label: 'Grupp 1' });
	await card.getByLabel('Mallens namn').fill('Lärlabb i Sundsvall');
	await card.getByLabel('Beskrivning (valfri)').fill('Våra tre frågor och en sammanfattning');
	await card.getByRole('button', { name: 'Spara som mall' }).click();
	await expect(card.getByText(/sparad som mallen ”Lärlabb i Sundsvall”/)).toBeVisible();

	// The whole workshop downloads as JSON, for the import below.
	const [download] = await Promise.all([
		control.waitForEvent('download'),
		card.getByRole('button', { name: 'Ladda ner hela workshoppen (JSON)' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`workshop-${workshop.code}.json`);
	const backup = path.join(server.dataDir, download.suggestedFilename());
	await download.saveAs(backup);

	// On the start page the template is listed under "Egna mallar" and makes a workshop.
	const home = await facilitator.newPage();
	await home.goto(server.url);
	const own = home.getByRole('group', { name: 'Egna mallar' });
	await expect(own.getByRole('radio', { name: /^Lärlabb i Sundsvall Våra tre frågor/ })).toBeVisible();
	const participantUrl = await createOnHomePage(home, 'Lärlabb 2', 'Lärlabb i Sundsvall');
	const bo = await join(browser, participantUrl, 'Bo Ek', 'Region Gotland', 'Grupp 1');
	await expect(figure(bo.page, EXPECTATIONS)).toBeVisible();
	await expect(bo.page.getByRole('article')).toHaveCount(0);

	// The exported file comes back as a new workshop with Anna's note in it.
	await home.goto(server.url);
	await home.getByLabel('Importera workshop (JSON)').setInputFiles(backup);
	await expect(home.getByRole('heading', { name: 'Workshoppen ”Lärlabb Hållbar utveckling” är skapad' })).toBeVisible();
	const importedUrl = await home.getByRole('textbox', { name: 'Deltagarlänk' }).inputValue();
	expect(importedUrl).not.toContain(workshop.code);
	const cia = await join(browser, importedUrl, 'Cia Lund', 'Region Skåne', 'Grupp 1');
	await expect(note(figure(cia.page, EXPECTATIONS), 'En arena för samtal')).toBeVisible();

	// The control room lists the template under what was saved here; "Ta bort" asks first.
	const savedHere = card.getByRole('list', { name: 'Sparade från den här workshoppen' });
	await expect(savedHere.getByRole('listitem')).toHaveText([/Lärlabb i Sundsvall/]);
	const removeButton = savedHere.getByRole('button', { name: 'Ta bort mallen ”Lärlabb i Sundsvall”' });
	control.once('dialog', (dialog) => void dialog.dismiss());
	await removeButton.click();
	await expect(savedHere.getByRole('listitem')).toHaveCount(1);
	control.once('dialog', (dialog) => {
		expect(dialog.message()).toMatch(/^Ta bort mallen ”Lärlabb i Sundsvall”\?/);
		void dialog.accept();
	});
	await removeButton.click();
	await expect(card.getByText('Mallen ”Lärlabb i Sundsvall” är borttagen.')).toBeVisible();
	await expect(card.getByText(/Inga mallar sparade ännu/)).toBeVisible();
	await home.goto(server.url);
	await expect(home.getByRole('radio', { name: /^Lärlabb Hållbar utveckling/ })).toBeVisible();
	await expect(home.getByRole('radio', { name: /^Lärlabb i Sundsvall/ })).toHaveCount(0);

	for (const c of [facilitator, anna.context, bo.context, cia.context]) await c.close();
});

test('templates import and download as files; bad files and strangers are refused', async ({ browser }) => {
	server = await startServer();
	const context = await browser.newContext({ acceptDownloads: true });
	const home = await context.newPage();
	await home.goto(server.url);

	// Download the built-in Lärlabb template, rename it, and import it again.
	await home.getByRole('radio', { name: /^Lärlabb Hållbar utveckling/ }).check();
	const [download] = await Promise.all([
		home.waitForEvent('download'),
		home.getByRole('link', { name: 'Ladda ner mallen ”Lärlabb Hållbar utveckling” (JSON)' }).click()
	]);
	const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
	expect(file).toMatchObject({ format: 'verkstad-template', version: 1, template: { name: 'Lärlabb Hållbar utveckling' } });
	file.template.name = 'Lärlabb, vår version';
	const edited = path.join(server.dataDir, 'mall.json');
	fs.writeFileSync(edited, JSON.stringify(file));
	await home.getByLabel('Importera mall (JSON)').setInputFiles(edited);
	await expect(home.getByText('Mallen ”Lärlabb, vår version” är importerad och vald under Egna mallar.')).toBeVisible();
	await expect(home.getByRole('group', { name: 'Egna mallar' }).getByRole('radio', { name: /^Lärlabb, vår version/ })).toBeChecked();

	// A template file is not a workshop file: the start page says so and nothing is created.
	await home.getByLabel('Importera workshop (JSON)').setInputFiles(edited);
	await expect(home.getByText(/Filen är inte en workshop-export från Verkstad/)).toBeVisible();
	await expect(home.getByRole('heading', { name: /är skapad/ })).toHaveCount(0);

	// Saving a board as a template needs the facilitator's token.
	const workshop = await createWorkshop(server.url, 1);
	const person = await (
		await fetch(`${server.url}/api/workshops/${workshop.code}/participants`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Anna', organisation: '', groupId: 'g1' })
		})
	).json();
	const save = (token?: string) =>
		fetch(`${server.url}/api/workshops/${workshop.code}/templates`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
			body: JSON.stringify({ groupId: 'g1', name: 'Stulen' })
		});
	expect((await save(person.token)).status).toBe(403);
	expect((await save()).status).toBe(401);
	// Deleting a template takes a token; the imported one belongs to no workshop, a built-in to nobody.
	const ownId = (await (await fetch(`${server.url}/api/templates`)).json()).find((t: { own: boolean }) => t.own).id;
	const remove = (id: string, token?: string) =>
		fetch(`${server.url}/api/templates/${id}`, { method: 'DELETE', headers: token ? { authorization: `Bearer ${token}` } : {} });
	expect((await remove(ownId)).status).toBe(401);
	expect((await remove(ownId, person.token)).status).toBe(403);
	const builtIn = await remove('larlabb', person.token);
	expect(builtIn.status).toBe(400);
	expect((await builtIn.json()).error).toBe('”Lärlabb Hållbar utveckling” är en inbyggd mall och kan inte tas bort.');
	expect((await remove('egen-0000000000', person.token)).status).toBe(404);
	expect((await fetch(`${server.url}/api/workshops/${workshop.code}/export?format=json`)).status).toBe(401);
	// A body over the file cap is refused with a sentence, not read.
	const huge = await fetch(`${server.url}/api/workshops/import`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: ' '.repeat(WORKSHOP_FILE_BYTES_MAX + 1)
	});
	expect(huge.status).toBe(413);
	expect((await huge.json()).error).toBe('Filen är för stor. En workshop-fil får vara högst 50 MB.');
	// Sent in chunks with no Content-Length, the endpoint counts the bytes and stops at the cap itself.
	const streamed = await fetch(`${server.url}/api/workshops/import`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: new Blob([' '.repeat(WORKSHOP_FILE_BYTES_MAX + 1)]).stream(),
		duplex: 'half'
	} as RequestInit);
	expect(streamed.status).toBe(413);
	expect((await streamed.json()).error).toMatch(/högst 50 MB/);

	await context.close();
});
