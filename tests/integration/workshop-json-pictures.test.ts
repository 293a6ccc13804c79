/**
 * Pictures in the whole-workshop JSON: the export embeds each picture an image figure shows, the
 * import checks each by content and stores it in the new workshop, and a bad picture refuses the
 * whole file with nothing created. Real store, real rooms, real files under DATA_DIR/pictures.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFigure, boardRoom, readFigures } from '../../src/lib/board';
import type { WorkshopFile } from '../../src/lib/board/workshop-file';
import { PICTURE_MAX_BYTES } from '../../src/lib/pictures';
import type { ExportService } from '../../server/export/service';
import { checkCarriedPictures } from '../../server/pictures/carried';
import { PictureSharing } from '../../server/pictures/share';
import { HTML, JPEG_HEAD, png, pngOfSize } from '../fixtures/pictures';
import { claimsOf, createWorkshop, refusal, startServer, type TestServer, type TestWorkshop } from './helpers';

let server: TestServer;
let w: TestWorkshop;
let exports: ExportService;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	exports = server.exports;
});
afterEach(async () => {
	await server.close();
});

/** A picture id of the server's shape. */
const pictureId = () => randomBytes(16).toString('base64url');

async function* once(bytes: Uint8Array) {
	yield bytes;
}

/** An image figure titled `title` on every group's board. */
async function addImageFigures(code: string, title: string) {
	for (const group of ['g1', 'g2']) {
		await server.rooms.update(boardRoom(code, group), (doc) => {
			addFigure(doc, { kind: 'image', title, x: 0, y: 1400, w: 800, h: 600 });
		});
	}
}

/** Uploads `bytes` as the facilitator and puts it in every group's figure titled `title`, as the control room does. */
async function shareNewPicture(title: string, bytes: Uint8Array): Promise<string> {
	const claims = claimsOf(server, w.facilitatorToken);
	const saved = await server.pictures.save(w.code, claims, once(bytes));
	const sharing = new PictureSharing({ store: server.store, rooms: server.rooms, pictures: server.pictures, log: server.log });
	expect(await sharing.toEveryGroup(w.code, claims, saved.id, { figureTitle: title })).toEqual({ boards: 2 });
	return saved.id;
}

async function exportJson(code: string, token: string): Promise<WorkshopFile> {
	const file = await exports.file(code, claimsOf(server, token), { format: 'json' });
	return JSON.parse(String(file.body)) as WorkshopFile;
}

async function servedBytes(code: string, id: string): Promise<{ mime: string; bytes: Buffer }> {
	const picture = await server.pictures.open(code, id);
	return { mime: picture.mime, bytes: Buffer.from(await new Response(picture.body).arrayBuffer()) };
}

const workshopCount = () => {
	const db = new Database(server.dbFile, { readonly: true });
	try {
		return (db.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n;
	} finally {
		db.close();
	}
};

const pictureDirs = () => {
	const root = path.join(server.dataDir, 'pictures');
	return fs.existsSync(root) ? fs.readdirSync(root).sort() : [];
};

describe('pictures in the whole-workshop JSON', () => {
	it('carry over: the imported workshop serves identical bytes, and its export equals the first', async () => {
		await addImageFigures(w.code, 'Incheckning');
		const picture = png(120, 80);
		// Replaced pictures stay on disk for undo but no figure shows them, so they are not carried.
		await shareNewPicture('Incheckning', png(10, 10));
		const id = await shareNewPicture('Incheckning', picture);

		const first = await exportJson(w.code, w.facilitatorToken);
		expect(first.version).toBe(3);
		expect(Object.keys(first.pictures)).toEqual([id]);
		expect(first.pictures[id]!.type).toBe('image/png');
		expect(Buffer.from(first.pictures[id]!.data, 'base64').equals(picture)).toBe(true);

		const imported = await server.workshops.importFile(JSON.parse(JSON.stringify(first)));
		for (const group of ['g1', 'g2']) {
			const figures = await server.rooms.read(boardRoom(imported.code, group), readFigures);
			expect(figures.find((f) => f.kind === 'image')).toMatchObject({ title: 'Incheckning', picture: id });
		}
		const served = await servedBytes(imported.code, id);
		expect(served.mime).toBe('image/png');
		expect(served.bytes.equals(picture)).toBe(true);
		expect(fs.readdirSync(path.join(server.dataDir, 'pictures', imported.code))).toEqual([`${id}.png`]);

		const token = await server.workshops.facilitatorToken(imported.code, imported.facilitatorKey);
		const again = await exportJson(imported.code, token);
		expect({ ...again, exportedAt: first.exportedAt }).toEqual(first);
	});

	it('still reads a version-1 file, which has no pictures', async () => {
		await addImageFigures(w.code, 'Incheckning');
		const id = await shareNewPicture('Incheckning', png());
		const { pictures: _pictures, ...rest } = await exportJson(w.code, w.facilitatorToken);
		const imported = await server.workshops.importFile({ ...rest, version: 1 });
		// The figure keeps the id it had, as before pictures were carried; there is no file behind it.
		const figures = await server.rooms.read(boardRoom(imported.code, 'g1'), readFigures);
		expect(figures.find((f) => f.kind === 'image')!.picture).toBe(id);
		expect(await server.pictures.has(imported.code, id)).toBe(false);
	});

	it('refuses a file whose picture is not a picture, or not the type it says, and creates nothing', async () => {
		await addImageFigures(w.code, 'Incheckning');
		const good = await exportJson(w.code, w.facilitatorToken);
		const id = pictureId();
		const withPictures = (pictures: WorkshopFile['pictures']) => ({ ...good, pictures: { ...good.pictures, ...pictures } });
		const before = { workshops: workshopCount(), dirs: pictureDirs() };

		const text = await refusal(server.workshops.importFile(withPictures({ [id]: { type: 'image/png', data: HTML.toString('base64') } })));
		expect(text).toEqual({ status: 400, message: `Filen kan inte läsas in: bilden ${id} är inte en bild i formatet PNG, JPEG eller WebP.` });

		const mislabelled = await refusal(server.workshops.importFile(withPictures({ [id]: { type: 'image/png', data: JPEG_HEAD.toString('base64') } })));
		expect(mislabelled).toEqual({ status: 400, message: `Filen kan inte läsas in: bilden ${id} är en JPEG-bild men filen säger image/png.` });

		// One good picture does not get written when another in the same file is bad.
		const mixed = withPictures({
			[pictureId()]: { type: 'image/png', data: png().toString('base64') },
			[id]: { type: 'image/png', data: Buffer.from('just text, not a picture').toString('base64') }
		});
		expect(await refusal(server.workshops.importFile(mixed))).toMatchObject({ status: 400 });

		expect({ workshops: workshopCount(), dirs: pictureDirs() }).toEqual(before);
	});

	it('refuses a file whose "PNG" is garbage after a real PNG header, and creates nothing', async () => {
		await addImageFigures(w.code, 'Incheckning');
		const good = await exportJson(w.code, w.facilitatorToken);
		const id = pictureId();
		const header = png().subarray(0, 33); // signature and IHDR
		const fake = Buffer.concat([header, Buffer.alloc(100_000, 0x41)]);
		const before = { workshops: workshopCount(), dirs: pictureDirs() };
		const refused = await refusal(server.workshops.importFile({ ...good, pictures: { ...good.pictures, [id]: { type: 'image/png', data: fake.toString('base64') } } }));
		expect(refused).toEqual({ status: 400, message: `Filen kan inte läsas in: bilden ${id} är skadad eller ofullständig.` });
		expect({ workshops: workshopCount(), dirs: pictureDirs() }).toEqual(before);
	});

	it('creates nothing, and leaves no picture, when writing the pictures fails', async () => {
		await addImageFigures(w.code, 'Incheckning');
		await shareNewPicture('Incheckning', png());
		const file = await exportJson(w.code, w.facilitatorToken);
		const before = workshopCount();
		// A file where the pictures directory should be: no workshop's picture can be written.
		const root = path.join(server.dataDir, 'pictures');
		fs.renameSync(root, `${root}.away`);
		fs.writeFileSync(root, 'not a directory');
		await expect(server.workshops.importFile(file)).rejects.toThrow(/ENOTDIR|EEXIST/);
		expect(workshopCount()).toBe(before);
	});

	it('removes the pictures it wrote when a later one cannot be written', async () => {
		const [first, second] = checkCarriedPictures({
			[pictureId()]: { type: 'image/png', data: png().toString('base64') },
			[pictureId()]: { type: 'image/png', data: png(20, 20).toString('base64') }
		});
		const dir = path.join(server.dataDir, 'pictures', w.code);
		// A directory under the second picture's name: renaming the file onto it fails.
		fs.mkdirSync(path.join(dir, `${second!.id}.png`), { recursive: true });
		await expect(server.pictures.addCarried(w.code, [first!, second!])).rejects.toThrow(/EISDIR|EEXIST|ENOTEMPTY/);
		expect(fs.readdirSync(dir)).toEqual([`${second!.id}.png`]);
	});

	it('refuses to export a workshop whose pictures make a file larger than the import takes', async () => {
		for (const title of ['Bild 1', 'Bild 2', 'Bild 3', 'Bild 4']) {
			await addImageFigures(w.code, title);
			await shareNewPicture(title, pngOfSize(PICTURE_MAX_BYTES));
		}
		const refused = await refusal(exports.file(w.code, claimsOf(server, w.facilitatorToken), { format: 'json' }));
		expect(refused).toEqual({
			status: 409,
			message: 'Workshoppen blir 54 MB som fil, men en workshop-fil får vara högst 50 MB. Byt de största bilderna mot mindre och försök igen.'
		});
	});
});
