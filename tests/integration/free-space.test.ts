/**
 * The free-space floor (MIN_FREE_MB): below it, new workshops, workshop and template imports and
 * picture uploads are refused with 507 before they write anything. The floor is set above (and
 * then below) what this machine's DATA_DIR file system really has free; nothing is faked.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkshopFile } from '../../src/lib/board/workshop-file';
import { PictureStore } from '../../server/pictures/store';
import { FreeSpaceFloor } from '../../server/store/free-space';
import { TemplateService } from '../../server/templates/service';
import { WorkshopService } from '../../server/workshops/service';
import { png } from '../fixtures/pictures';
import { claimsOf, createWorkshop, refusal, startServer, type TestServer, type TestWorkshop } from './helpers';

let server: TestServer;
let w: TestWorkshop;
beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
});
afterEach(async () => {
	await server.close();
});

/** The services as the app wires them, over this server's store and directory, with this floor. */
function servicesWithFloor(minFreeBytes: number) {
	const { store, tokens, rooms, log, dataDir } = server;
	const freeSpace = new FreeSpaceFloor({ dataDir, minFreeBytes });
	const pictures = new PictureStore({ store, freeSpace, log });
	return {
		pictures,
		workshops: new WorkshopService({ store, tokens, rooms, pictures, freeSpace, log }),
		templates: new TemplateService({ store, rooms, freeSpace, log })
	};
}

async function* once(bytes: Uint8Array) {
	yield bytes;
}

function counts() {
	const db = new Database(server.dbFile, { readonly: true });
	try {
		const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
		const dir = path.join(server.dataDir, 'pictures', w.code);
		return { workshops: count('workshops'), templates: count('own_templates'), pictures: fs.existsSync(dir) ? fs.readdirSync(dir).length : 0 };
	} finally {
		db.close();
	}
}

describe('the free-space floor', () => {
	it('refuses a new workshop, a workshop import, a template import and a picture with 507 below it, and creates nothing', async () => {
		const free = await server.freeSpace.freeBytes();
		const floored = servicesWithFloor(free + 1024 ** 4);
		const exported = await server.exports.file(w.code, claimsOf(server, w.facilitatorToken), { format: 'json' });
		const workshopFile = JSON.parse(String(exported.body)) as WorkshopFile;
		const templateFile = await floored.templates.file('blank');
		const before = counts();

		const refusals = [
			await refusal(floored.workshops.create({ title: 'Ny workshop', template: 'blank', groups: 2 })),
			await refusal(floored.workshops.importFile(workshopFile)),
			await refusal(floored.templates.importFile(templateFile)),
			await refusal(floored.pictures.save(w.code, claimsOf(server, w.facilitatorToken), once(png())))
		];
		for (const refused of refusals) {
			expect(refused.status).toBe(507);
			expect(refused.message).toMatch(/^Servern har nästan slut på lagringsutrymme/);
		}
		expect(counts()).toEqual(before);

		// With the floor below what is free, the same calls go through.
		const open = servicesWithFloor(1);
		await open.workshops.create({ title: 'Ny workshop', template: 'blank', groups: 2 });
		await open.workshops.importFile(workshopFile);
		await open.templates.importFile(templateFile);
		await open.pictures.save(w.code, claimsOf(server, w.facilitatorToken), once(png()));
		expect(counts()).toEqual({ workshops: before.workshops + 2, templates: before.templates + 1, pictures: before.pictures + 1 });
	});

	it('refuses a bad request for what it is, before the floor', async () => {
		const floored = servicesWithFloor((await server.freeSpace.freeBytes()) + 1024 ** 4);
		expect(await refusal(floored.workshops.create({ title: '' }))).toMatchObject({ status: 400 });
	});
});
