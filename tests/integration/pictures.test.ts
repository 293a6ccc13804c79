/**
 * Pictures through PictureStore on a real data directory and store, with bodies read the way the
 * upload endpoint reads them (boundedChunks over a web Request). The HTTP layer itself (tokens,
 * adapter-node's body limit, headers) is checked against the production build in
 * tests/e2e/pictures.spec.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addFigure, boardRoom, readFigures, updateFigure } from '../../src/lib/board';
import { PICTURE_MAX_BYTES, pictureProblem } from '../../src/lib/pictures';
import { boundedChunks } from '../../server/http/body';
import { PictureSharing } from '../../server/pictures/share';
import { PictureStore } from '../../server/pictures/store';
import { said } from '../../src/lib/said';
import { HTML, JPEG, JPEG_HEAD, png, pngChunks, pngOfSize, WEBP, WEBP_HEAD } from '../fixtures/pictures';
import { claimsOf, connectClient, createWorkshop, refusal, startServer, waitFor, type TestServer, type TestWorkshop } from './helpers';

/** What a Swedish reader is told about a file that starts like a picture but that no browser could show. */
const BROKEN_PICTURE = 'Bilden går inte att läsa: filen är skadad eller ofullständig. Spara den på nytt som PNG, JPEG eller WebP och försök igen.';

let server: TestServer;
let w: TestWorkshop;
let pictures: PictureStore;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	pictures = new PictureStore({ store: server.store, freeSpace: server.freeSpace, log: server.log });
});
afterEach(async () => {
	await server.close();
});

/** A request body as the endpoint sees it (typed, as SvelteKit requires): with a Content-Length, or streamed in 64 KiB chunks without one. */
function body(bytes: Uint8Array, { declared = true } = {}) {
	const request = declared
		? new Request('http://verkstad.test/', { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) } })
		: new Request('http://verkstad.test/', {
				method: 'POST',
				headers: { 'content-type': 'application/octet-stream' },
				body: new ReadableStream<Uint8Array>({
					start(controller) {
						for (let at = 0; at < bytes.length; at += 65536) controller.enqueue(bytes.subarray(at, at + 65536));
						controller.close();
					}
				}),
				duplex: 'half'
			} as RequestInit);
	return boundedChunks(request, PICTURE_MAX_BYTES, said('error_picture_too_large', { max: PICTURE_MAX_BYTES / 1024 / 1024 }));
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
	return Buffer.from(await new Response(stream).arrayBuffer());
}

function picturesDir(): string {
	return path.join(server.dataDir, 'pictures', w.code);
}

describe('storing and serving pictures', () => {
	it('gives back the identical bytes with the type read from the content, from a file under DATA_DIR/pictures/<code>', async () => {
		const facilitator = claimsOf(server, w.facilitatorToken);
		const picture = png(120, 80);
		const saved = await pictures.save(w.code, facilitator, body(picture));
		expect(saved.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(saved).toMatchObject({ mime: 'image/png', size: picture.length });

		const served = await pictures.open(w.code, saved.id);
		expect(served.mime).toBe('image/png');
		expect(served.size).toBe(picture.length);
		expect((await bytesOf(served.body)).equals(picture)).toBe(true);
		expect(fs.readdirSync(picturesDir())).toEqual([`${saved.id}.png`]);
		expect(fs.readFileSync(path.join(picturesDir(), `${saved.id}.png`)).equals(picture)).toBe(true);

		const jpeg = await pictures.save(w.code.toLowerCase(), facilitator, body(JPEG, { declared: false }));
		const webp = await pictures.save(w.code, facilitator, body(WEBP));
		expect((await pictures.open(w.code, jpeg.id)).mime).toBe('image/jpeg');
		expect((await pictures.open(w.code, webp.id)).mime).toBe('image/webp');
		expect(new Set([saved.id, jpeg.id, webp.id]).size).toBe(3);
	});

	it('accepts exactly 10 MB and refuses 10 MB and one byte with 413, announced or streamed, leaving no file', async () => {
		const facilitator = claimsOf(server, w.facilitatorToken);
		const limit = await pictures.save(w.code, facilitator, body(pngOfSize(PICTURE_MAX_BYTES), { declared: false }));
		expect(limit.size).toBe(10 * 1024 * 1024);
		for (const declared of [true, false]) {
			const refused = await refusal(pictures.save(w.code, facilitator, body(pngOfSize(PICTURE_MAX_BYTES + 1), { declared })));
			expect(refused).toEqual({ status: 413, message: pictureProblem({ type: 'image/png', size: PICTURE_MAX_BYTES + 1 }) });
		}
		expect(fs.readdirSync(picturesDir())).toEqual([`${limit.id}.png`]); // no temp file left behind
	});

	it('refuses what is not a PNG, JPEG or WebP with 415, and an empty body with 400', async () => {
		const facilitator = claimsOf(server, w.facilitatorToken);
		expect(await refusal(pictures.save(w.code, facilitator, body(Buffer.from('bara text, fast filen heter bild.png'))))).toEqual({
			status: 415,
			message: pictureProblem({ type: 'text/plain', size: 1 })
		});
		expect(await refusal(pictures.save(w.code, facilitator, body(HTML)))).toMatchObject({ status: 415 });
		expect(await refusal(pictures.save(w.code, facilitator, body(png().subarray(0, 10))))).toMatchObject({ status: 415 });
		expect(await refusal(pictures.save(w.code, facilitator, body(new Uint8Array(0))))).toEqual({ status: 400, message: pictureProblem({ type: 'image/png', size: 0 }) });
		expect(await server.store.listPictures(w.code)).toEqual([]);
	});

	it('refuses with 415 what starts like a picture but no browser could show, leaving no file', async () => {
		const facilitator = claimsOf(server, w.facilitatorToken);
		const { signature, chunks } = pngChunks(png());
		const garbage = Buffer.alloc(200_000, 0x41);
		const hostile = [
			Buffer.concat([signature, chunks[0]!, garbage]), // a "PNG": signature and IHDR, then anything
			Buffer.concat([JPEG_HEAD, garbage]),
			Buffer.concat([WEBP_HEAD, garbage]),
			png().subarray(0, 200)
		];
		for (const bytes of hostile) {
			expect(await refusal(pictures.save(w.code, facilitator, body(bytes, { declared: false })))).toEqual({ status: 415, message: BROKEN_PICTURE });
		}
		expect(await server.store.listPictures(w.code)).toEqual([]);
	});

	it('takes uploads from this workshop’s facilitator only', async () => {
		const person = await w.participant('g1', 'Anna');
		expect(await refusal(pictures.save(w.code, claimsOf(server, person.token), body(png())))).toMatchObject({ status: 403 });
		const other = await createWorkshop(server, 1);
		expect(await refusal(pictures.save(w.code, claimsOf(server, other.facilitatorToken), body(png())))).toMatchObject({ status: 403 });
		expect(fs.existsSync(picturesDir())).toBe(false);
	});

	it('answers 400 for a malformed id and 404 for an unknown picture or workshop, never reading outside its directory', async () => {
		const saved = await pictures.save(w.code, claimsOf(server, w.facilitatorToken), body(png()));
		expect(await refusal(pictures.open(w.code, '../../verkstad.db'))).toMatchObject({ status: 400 });
		expect(await refusal(pictures.open(w.code, `${saved.id}.png`))).toMatchObject({ status: 400 });
		expect(await refusal(pictures.open(w.code, '..%2F..%2Fverkstad.db'))).toMatchObject({ status: 400 });
		expect(await refusal(pictures.open(w.code, 'A'.repeat(22)))).toMatchObject({ status: 404 });
		expect(await refusal(pictures.open('ZZZZZZ', saved.id))).toMatchObject({ status: 404 });
		expect(await refusal(pictures.open('../..', saved.id))).toMatchObject({ status: 404 });
		const other = await createWorkshop(server, 1);
		expect(await refusal(pictures.open(other.code, saved.id))).toMatchObject({ status: 404 }); // scoped to its workshop
	});

	it('deletes a workshop’s pictures with its directory when the store deletes the workshop', async () => {
		const saved = await pictures.save(w.code, claimsOf(server, w.facilitatorToken), body(png()));
		await server.store.deleteWorkshop(w.code);
		expect(fs.existsSync(picturesDir())).toBe(false);
		expect(await refusal(pictures.open(w.code, saved.id))).toMatchObject({ status: 404 });
		await server.store.deleteWorkshop('..'); // not a code: nothing happens
		expect(fs.existsSync(server.dbFile)).toBe(true);
	});

	it('keeps only the picture’s id in the board document', async () => {
		const picture = pngOfSize(300_000);
		const saved = await pictures.save(w.code, claimsOf(server, w.facilitatorToken), body(picture));
		const room = boardRoom(w.code, 'g1');
		const facilitator = connectClient(server, room, w.facilitatorToken);
		await facilitator.synced;
		const figureId = addFigure(facilitator.doc, { kind: 'image', title: 'Utcheckning', x: 0, y: 700, w: 900, h: 600 });
		updateFigure(facilitator.doc, figureId, { picture: saved.id });

		const person = await w.participant('g1', 'Anna');
		const participant = connectClient(server, room, person.token);
		await participant.synced;
		await waitFor(() => readFigures(participant.doc).some((f) => f.picture === saved.id), { message: 'the picture id reaches a participant' });
		const stored = await server.rooms.read(room, (doc) => ({
			picture: readFigures(doc).find((f) => f.id === figureId)?.picture,
			size: Y.encodeStateAsUpdate(doc).length
		}));
		expect(stored.picture).toBe(saved.id);
		expect(stored.size).toBeLessThan(10_000); // the 300 kB picture is not in it
	});

	it('puts one picture on the same image figure of every group’s board', async () => {
		const CHECK_IN = 'Incheckning: Vad har du tagit med dig från förmiddagen som du kan använda hemma?';
		const created = await server.workshops.create({ title: 'RUS-nätverket', template: 'incheckning', groups: 3 });
		const facilitator = claimsOf(server, await server.workshops.facilitatorToken(created.code, created.facilitatorKey));
		const sharing = new PictureSharing({ store: server.store, rooms: server.rooms, pictures, log: server.log });
		const saved = await pictures.save(created.code, facilitator, body(png()));

		// Group 2 is online: its picture arrives live.
		const joined = await server.workshops.join(created.code, { name: 'Bo', organisation: 'MUCF', groupId: 'g2' });
		const online = connectClient(server, boardRoom(created.code, 'g2'), joined.token);
		await online.synced;

		expect(await sharing.toEveryGroup(created.code, facilitator, saved.id, { figureTitle: CHECK_IN })).toEqual({ boards: 3 });
		await waitFor(() => readFigures(online.doc).some((f) => f.title === CHECK_IN && f.picture === saved.id), { message: 'the picture reaches group 2 live' });
		for (const group of ['g1', 'g2', 'g3']) {
			const figures = await server.rooms.read(boardRoom(created.code, group), readFigures);
			expect(figures.find((f) => f.title === CHECK_IN)?.picture).toBe(saved.id);
			expect(figures.find((f) => f.title.startsWith('Utcheckning'))?.picture).toBeNull(); // only the figure named
		}

		const participant = claimsOf(server, joined.token);
		expect(await refusal(sharing.toEveryGroup(created.code, participant, saved.id, { figureTitle: CHECK_IN }))).toMatchObject({ status: 403 });
		expect(await refusal(sharing.toEveryGroup(created.code, facilitator, 'A'.repeat(22), { figureTitle: CHECK_IN }))).toMatchObject({ status: 404 });
		expect(await refusal(sharing.toEveryGroup(created.code, facilitator, saved.id, { figureTitle: ' ' }))).toMatchObject({ status: 400 });
		const elsewhere = await pictures.save(w.code, claimsOf(server, w.facilitatorToken), body(png()));
		// Another workshop's picture is not this workshop's to share.
		expect(await refusal(sharing.toEveryGroup(created.code, facilitator, elsewhere.id, { figureTitle: CHECK_IN }))).toMatchObject({ status: 404 });
	});
});
