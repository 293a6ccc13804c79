/**
 * Pictures in image figures (the Incheckning / Utcheckning template): the facilitator uploads a
 * PNG in the browser, a participant sees it and comments on it with a note; and the picture API
 * over HTTP against the production server (adapter-node's body limit included).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { png, pngOfSize } from '../fixtures/pictures';
import { createWorkshop, figure, join, note, openControlRoom } from './people';
import { startServer, type RunningServer } from './server';

const CHECK_IN = 'Incheckning: Vad har du tagit med dig från förmiddagen som du kan använda hemma?';
const MB10 = 10 * 1024 * 1024;

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** The natural width of the picture in a figure, once the browser has decoded it (0 before). */
function loadedWidth(page: Page, title: string): Promise<number> {
	return figure(page, title)
		.getByRole('img', { name: `Bild att kommentera: ${title}` })
		.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));
}

test('a facilitator puts a picture on the check-in figure and a participant comments on it', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2, 'incheckning');
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const cia = await join(browser, workshop.participantUrl, 'Cia Lund', 'Region Gotland', 'Grupp 2');
	await expect(figure(anna.page, CHECK_IN)).toContainText('Ingen bild ännu');
	await expect(anna.page.getByRole('button', { name: /Välj bild/ })).toHaveCount(0);

	const facilitatorContext = await browser.newContext();
	const control = await facilitatorContext.newPage();
	await openControlRoom(control, workshop.facilitatorUrl);
	await control.getByRole('link', { name: 'Öppna Grupp 1' }).click();
	const frame = figure(control, CHECK_IN);
	await expect(frame.getByRole('button', { name: 'Välj bild…' })).toBeVisible();
	const picker = frame.getByLabel(`Välj bild till ${CHECK_IN}`);

	// A GIF is refused in the browser; a text file named .png is sent, and the server refuses it.
	await picker.setInputFiles({ name: 'bild.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
	await expect(frame.getByRole('alert')).toHaveText(/PNG, JPEG eller WebP/);
	await picker.setInputFiles({ name: 'bild.png', mimeType: 'image/png', buffer: Buffer.from('inte alls en bild') });
	await expect(frame.getByRole('alert')).toHaveText('Filen är inte en bild i formatet PNG, JPEG eller WebP. Välj en sådan bild.');

	await picker.setInputFiles({ name: 'incheckning.png', mimeType: 'image/png', buffer: png(640, 400) });
	await expect(frame.getByRole('alert')).toHaveCount(0);
	await expect(frame.getByRole('button', { name: 'Byt bild…' })).toBeVisible();
	await expect.poll(() => loadedWidth(control, CHECK_IN)).toBe(640);
	// The participant's board shows it too, decoded.
	await expect.poll(() => loadedWidth(anna.page, CHECK_IN)).toBe(640);
	await expect(figure(anna.page, CHECK_IN)).not.toContainText('Ingen bild ännu');

	// Anna double-clicks on the picture and writes a comment there; the facilitator sees it in the figure.
	const picture = figure(anna.page, CHECK_IN).getByRole('img');
	const box = (await picture.boundingBox())!;
	await anna.page.mouse.dblclick(box.x + box.width * 0.3, box.y + box.height * 0.4);
	const editor = anna.page.getByRole('textbox', { name: 'Text på lappen' });
	await expect(editor).toBeFocused();
	await anna.page.keyboard.type('Känner igen oss här');
	await anna.page.keyboard.press('Escape');
	await expect(note(figure(control, CHECK_IN), 'Känner igen oss här')).toBeVisible();
	const placed = (await note(figure(anna.page, CHECK_IN), 'Känner igen oss här').boundingBox())!;
	expect(placed.x).toBeGreaterThan(box.x);
	expect(placed.y).toBeGreaterThan(box.y);

	// The picture is a file in the data directory; nothing else is stored there for this workshop.
	const files = fs.readdirSync(path.join(server.dataDir, 'pictures', workshop.code));
	expect(files).toHaveLength(1);
	expect(files[0]).toMatch(/^[A-Za-z0-9_-]{22}\.png$/);

	// One click puts the same picture on group 2's board.
	await frame.getByRole('button', { name: 'Samma bild till alla grupper' }).click();
	await expect(frame.getByRole('status')).toHaveText('Bilden finns nu på 2 gruppers tavlor.');
	await expect.poll(() => loadedWidth(cia.page, CHECK_IN)).toBe(640);

	// "+ Figur" → "Bild" adds an image figure, waiting for its picture.
	await control.getByRole('button', { name: '+ Figur' }).click();
	await control.getByRole('button', { name: /^Bild/ }).click();
	const title = control.getByRole('textbox', { name: 'Figurens titel' });
	await expect(title).toBeFocused();
	await title.fill('Vår karta');
	await title.press('Enter');
	await expect(figure(anna.page, 'Vår karta')).toContainText('Ingen bild ännu');
	await expect(figure(control, 'Vår karta').getByRole('button', { name: 'Välj bild…' })).toBeVisible();

	for (const c of [facilitatorContext, anna.context, cia.context]) await c.close();
});

test('the picture API: types by content, 10 MB exactly, tokens, ids and headers', async () => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1, 'incheckning');
	const api = `${server.url}/api/workshops/${workshop.code}`;
	const signIn = await fetch(`${api}/facilitator`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ key: workshop.facilitatorKey })
	});
	const { token } = (await signIn.json()) as { token: string };
	const joined = await fetch(`${api}/participants`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'Bo', organisation: 'MUCF', groupId: 'g1' })
	});
	const participant = ((await joined.json()) as { token: string }).token;
	const upload = (body: Buffer, bearer: string | null = token, type = 'image/png') =>
		fetch(`${api}/pictures`, {
			method: 'POST',
			headers: { 'content-type': type, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
			body: new Uint8Array(body)
		});

	const picture = png(200, 100);
	const created = await upload(picture, token, 'application/octet-stream');
	expect(created.status).toBe(201);
	const { id, url } = (await created.json()) as { id: string; url: string };
	expect(url).toBe(`/api/workshops/${workshop.code}/pictures/${id}`);
	const served = await fetch(`${server.url}${url}`);
	expect(served.status).toBe(200);
	expect(served.headers.get('content-type')).toBe('image/png');
	expect(served.headers.get('x-content-type-options')).toBe('nosniff');
	expect(served.headers.get('cache-control')).toContain('immutable');
	expect(Buffer.from(await served.arrayBuffer()).equals(picture)).toBe(true);

	expect((await upload(pngOfSize(MB10))).status).toBe(201);
	const tooLarge = await upload(pngOfSize(MB10 + 1));
	expect(tooLarge.status).toBe(413);
	expect(await tooLarge.json()).toEqual({ error: 'Bilden är för stor. Den får vara högst 10 MB; förminska den och försök igen.' });
	// Sent in chunks with no Content-Length, the server counts and stops at the limit itself.
	const streamed = await fetch(`${api}/pictures`, {
		method: 'POST',
		headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` },
		body: new Blob([new Uint8Array(pngOfSize(MB10 + 1))]).stream(),
		duplex: 'half'
	} as RequestInit);
	expect(streamed.status).toBe(413);
	expect(((await streamed.json()) as { error: string }).error).toMatch(/högst 10 MB/);
	const text = await upload(Buffer.from('Det här är text, fast filen heter bild.png'));
	expect(text.status).toBe(415);
	expect(((await text.json()) as { error: string }).error).toMatch(/PNG, JPEG eller WebP/);
	expect((await upload(picture, participant)).status).toBe(403);
	expect((await upload(picture, null)).status).toBe(401);

	expect((await fetch(`${api}/pictures/${'A'.repeat(22)}`)).status).toBe(404);
	expect((await fetch(`${api}/pictures/..%2F..%2Fverkstad.db`)).status).toBe(400);
	expect((await fetch(`${server.url}/api/workshops/ZZZZZZ/pictures/${id}`)).status).toBe(404);
	expect(fs.readdirSync(path.join(server.dataDir, 'pictures', workshop.code))).toHaveLength(2);

	// Raising the body limit for pictures does not let JSON endpoints read more than 64 KiB.
	const chat = await fetch(`${api}/chat`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${participant}` },
		body: JSON.stringify({ text: 'x'.repeat(70_000) })
	});
	expect(chat.status).toBe(413);
});
