/**
 * Pictures in image figures (the Incheckning / Utcheckning template): the facilitator uploads a
 * PNG in the browser, a participant sees it and comments on it with a note; the picture API
 * over HTTP against the production server (adapter-node's body limit included); and a workshop
 * backup that carries its picture into the imported workshop.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { png, pngOfSize } from '../fixtures/pictures';
import { createWorkshop, enterControlRoom, figure, join, note } from './people';
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

	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
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

/** The facilitator's token for a workshop, through the sign-in endpoint. */
async function facilitatorToken(workshop: { code: string; facilitatorKey: string }): Promise<string> {
	const signIn = await fetch(`${server.url}/api/workshops/${workshop.code}/facilitator`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ key: workshop.facilitatorKey })
	});
	return ((await signIn.json()) as { token: string }).token;
}

test('the picture API: types by content, 10 MB exactly, tokens, ids and headers', async () => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1, 'incheckning');
	const api = `${server.url}/api/workshops/${workshop.code}`;
	const token = await facilitatorToken(workshop);
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
	expect(await tooLarge.json()).toEqual({
		error: 'Bilden är för stor. Den får vara högst 10 MB; förminska den och försök igen.',
		code: 'error_picture_too_large',
		params: { max: 10 }
	});
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
	// Without a Content-Type SvelteKit passes no body on; the answer says what to send.
	const untyped = await fetch(`${api}/pictures`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new Blob([new Uint8Array(picture)]) });
	expect(untyped.status).toBe(400);
	expect(((await untyped.json()) as { error: string }).error).toMatch(/Content-Type/);
	// The same holds for the JSON endpoints, which share the body reader.
	const untypedJson = await fetch(`${server.url}/api/workshops`, { method: 'POST', body: new Blob([JSON.stringify({ title: 'X' })]) });
	expect(untypedJson.status).toBe(400);
	expect(((await untypedJson.json()) as { error: string }).error).toMatch(/Content-Type/);
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

test('a workshop backup carries its picture: the imported workshop shows it, a corrupted one is refused', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2, 'incheckning');
	const api = `${server.url}/api/workshops/${workshop.code}`;
	const token = await facilitatorToken(workshop);
	const auth = { authorization: `Bearer ${token}` };
	// The largest picture: its file (some 13.4 MB in base64) is past the 10 MB the import used to take.
	const picture = pngOfSize(MB10);
	const uploaded = await fetch(`${api}/pictures`, { method: 'POST', headers: { ...auth, 'content-type': 'image/png' }, body: new Uint8Array(picture) });
	expect(uploaded.status).toBe(201);
	const { id } = (await uploaded.json()) as { id: string };
	const shared = await fetch(`${api}/pictures/${id}/share`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify({ figureTitle: CHECK_IN })
	});
	expect(await shared.json()).toEqual({ boards: 2 });

	const exported = await fetch(`${api}/export?format=json`, { headers: auth });
	expect(exported.status).toBe(200);
	const file = await exported.text();
	expect(file.length).toBeGreaterThan(MB10);
	expect(Object.keys((JSON.parse(file) as { pictures: object }).pictures)).toEqual([id]);

	const importFile = (body: string) =>
		fetch(`${server.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	const imported = await importFile(file);
	expect(imported.status).toBe(201);
	const copy = (await imported.json()) as { code: string; participantUrl: string };
	const served = await fetch(`${server.url}/api/workshops/${copy.code}/pictures/${id}`);
	expect(served.status).toBe(200);
	expect(Buffer.from(await served.arrayBuffer()).equals(picture)).toBe(true);

	// Someone joining the imported workshop sees the picture on the board, decoded.
	const anna = await join(browser, copy.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 2');
	await expect.poll(() => loadedWidth(anna.page, CHECK_IN)).toBe(8);
	await anna.context.close();

	// Text in place of the picture: refused with a sentence, and no workshop or picture directory is made.
	const corrupted = JSON.parse(file) as { pictures: Record<string, { data: string }> };
	corrupted.pictures[id]!.data = Buffer.from('Det här är text, fast filen säger PNG').toString('base64');
	const before = fs.readdirSync(path.join(server.dataDir, 'pictures')).sort();
	const refused = await importFile(JSON.stringify(corrupted));
	expect(refused.status).toBe(400);
	expect(await refused.json()).toMatchObject({ error: `Filen kan inte läsas in: bilden ${id} är inte en bild i formatet PNG, JPEG eller WebP.` });
	expect(fs.readdirSync(path.join(server.dataDir, 'pictures')).sort()).toEqual(before);
});

test('the projector shows the check-in picture, large, with a numbered pin where each note sits', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2, 'incheckning');
	const api = `${server.url}/api/workshops/${workshop.code}`;
	const auth = { authorization: `Bearer ${await facilitatorToken(workshop)}` };
	const uploaded = await fetch(`${api}/pictures`, { method: 'POST', headers: { ...auth, 'content-type': 'image/png' }, body: new Uint8Array(png(640, 400)) });
	const { id } = (await uploaded.json()) as { id: string };
	await fetch(`${api}/pictures/${id}/share`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify({ figureTitle: CHECK_IN })
	});

	// Anna comments on two places of the picture.
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await expect.poll(() => loadedWidth(anna.page, CHECK_IN)).toBe(640);
	const spots = [
		{ text: 'Känner igen oss här', x: 0.25, y: 0.35 },
		{ text: 'Det här vill vi prova hemma', x: 0.7, y: 0.75 }
	];
	for (const spot of spots) {
		const box = (await figure(anna.page, CHECK_IN).getByRole('img').boundingBox())!;
		await anna.page.mouse.dblclick(box.x + box.width * spot.x, box.y + box.height * spot.y);
		await expect(anna.page.getByRole('textbox', { name: 'Text på lappen' })).toBeFocused();
		await anna.page.keyboard.type(spot.text);
		await anna.page.keyboard.press('Escape');
		await expect(note(figure(anna.page, CHECK_IN), spot.text)).toBeVisible();
	}

	// The facilitator shows group 1's board on the big screen.
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl, { viewport: { width: 1920, height: 1080 } });
	const present = control.getByRole('region', { name: 'Projektor' });
	await present.getByRole('radio', { name: 'En grupps tavla' }).check();
	const projector = await facilitatorContext.newPage();
	await projector.goto(`${server.url}/w/${workshop.code}/present`);
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText('Grupp 1');
	const shown = projector.getByRole('region', { name: CHECK_IN });
	const picture = shown.getByRole('img', { name: `Bild att kommentera: ${CHECK_IN}` });
	await expect.poll(() => picture.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(640);
	// Large: most of the screen's width, without being cut off at the bottom.
	const box = (await picture.boundingBox())!;
	expect(box.width).toBeGreaterThan(900);
	expect(box.y + box.height).toBeLessThanOrEqual(1080);
	// The notes beside it, numbered top to bottom, in projector type; a pin on the picture for each,
	// where the note was put (the place on the board is estimated, so within a few per cent).
	await expect(shown.getByRole('listitem')).toHaveText([/^1\s*Känner igen oss här/, /^2\s*Det här vill vi prova hemma/]);
	const size = await shown.getByText('Känner igen oss här').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	expect(size).toBeGreaterThanOrEqual(28);
	const pins = shown.locator('.pin');
	await expect(pins).toHaveText(['1', '2']);
	for (const [i, spot] of spots.entries()) {
		const pin = (await pins.nth(i).boundingBox())!;
		expect(Math.abs((pin.x + pin.width / 2 - box.x) / box.width - spot.x)).toBeLessThan(0.04);
		expect(Math.abs((pin.y + pin.height / 2 - box.y) / box.height - spot.y)).toBeLessThan(0.04);
	}
	await projector.screenshot({ path: test.info().outputPath('projector-picture.png') });

	// Across the groups, each group's picture shows large on a page of its own, turned from the control room.
	await present.getByRole('combobox', { name: 'Figur att visa' }).selectOption(CHECK_IN);
	await present.getByRole('radio', { name: 'En figur i alla grupper' }).check();
	for (const [i, group] of ['Grupp 1', 'Grupp 2'].entries()) {
		await expect(projector.getByText(`Sida ${i + 1} / 2`)).toBeVisible();
		const column = projector.getByRole('region', { name: `${group}: ${CHECK_IN}` });
		await expect
			.poll(() => column.getByRole('img').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
			.toBe(640);
		await present.getByRole('button', { name: 'Nästa sida' }).click();
	}
	await expect(projector.getByRole('region', { name: `Grupp 1: ${CHECK_IN}` })).toContainText('Det här vill vi prova hemma');
	await projector.screenshot({ path: test.info().outputPath('projector-picture-groups.png') });

	await facilitatorContext.close();
	await anna.context.close();
});
