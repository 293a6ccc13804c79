/**
 * The whole workshop as JSON: export → import → export again gives an equal workshop, the imported
 * boards open over /sync with the same notes, and a bad file is refused with nothing created.
 * Real store, real rooms, notes written by stock y-websocket clients.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	boardRoom,
	readNotes,
	readRunSheet,
	readWorkshop,
	renameGroup,
	setPhases,
	workshopRoom
} from '../../src/lib/board';
import type { WorkshopFile } from '../../src/lib/board/workshop-file';
import type { ExportService } from '../../server/export/service';
import { ChatService } from '../../server/workshops/chat';
import { claimsOf, connectClient, createWorkshop, refusal, startServer, waitFor, writeNotes, type TestServer, type TestWorkshop } from './helpers';

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

async function exportJson(code: string, token: string): Promise<WorkshopFile> {
	const file = await exports.file(code, claimsOf(server, token), { format: 'json' });
	expect(file).toMatchObject({ filename: `workshop-${code}.json`, contentType: 'application/json; charset=utf-8' });
	return JSON.parse(String(file.body)) as WorkshopFile;
}

const workshopCount = () => {
	const db = new Database(server.dbFile, { readonly: true });
	try {
		return (db.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n;
	} finally {
		db.close();
	}
};

describe('exporting and importing a whole workshop', () => {
	it('gives back an equal workshop, whose boards open over /sync with the same notes', async () => {
		await writeNotes(server, w.code, { groupId: 'g1', name: 'Anna', organisation: 'Region Test' }, ['Gemensam förändringslogik', 'Tid att lära känna varandra']);
		await writeNotes(server, w.code, { groupId: 'g2', name: 'Bo', organisation: 'Region Test' }, ['Flexibla team']);
		await new ChatService({ store: server.store, rooms: server.rooms, log: server.log }).post(
			w.code,
			claimsOf(server, w.facilitatorToken),
			{ text: 'Har ni frågor till Ellen? Skriv i chatten!' }
		);
		const facilitator = connectClient(server, workshopRoom(w.code), w.facilitatorToken);
		await facilitator.synced;
		renameGroup(facilitator.doc, 'g2', 'Norrlänningarna');
		setPhases(facilitator.doc, [{ label: 'Individuellt', minutes: 5 }, { label: 'Sammanfatta', minutes: 10, lockAtEnd: true }]);
		await waitFor(async () => (await server.rooms.read(workshopRoom(w.code), readRunSheet)).phases.length === 2, {
			message: 'the run-sheet stored'
		});

		const first = await exportJson(w.code, w.facilitatorToken);
		expect(first.workshop.groups).toEqual([{ id: 'g1', name: 'Grupp 1' }, { id: 'g2', name: 'Norrlänningarna' }]);
		// Both notes may be written in the same millisecond, when their order falls to their random ids.
		expect(first.boards[0]!.notes.map((n) => n.text).sort()).toEqual(['Gemensam förändringslogik', 'Tid att lära känna varandra']);
		expect(first.chat).toMatchObject([{ role: 'facilitator', text: 'Har ni frågor till Ellen? Skriv i chatten!' }]);

		const before = workshopCount();
		const imported = await server.workshops.importFile(JSON.parse(JSON.stringify(first)));
		expect(imported.code).not.toBe(w.code);
		expect(workshopCount()).toBe(before + 1);
		const token = await server.workshops.facilitatorToken(imported.code, imported.facilitatorKey);
		const again = await exportJson(imported.code, token);
		expect(again.exportedAt).not.toBe('');
		expect({ ...again, exportedAt: first.exportedAt }).toEqual(first);

		// Someone joining the imported workshop sees the notes over /sync, authors and all.
		const cia = await server.workshops.join(imported.code, { name: 'Cia', organisation: 'Region Gotland', groupId: 'g2' });
		const board = connectClient(server, boardRoom(imported.code, 'g2'), cia.token);
		await board.synced;
		expect(readNotes(board.doc)).toMatchObject([{ text: 'Flexibla team', authorName: 'Bo', organisation: 'Region Test' }]);
		const info = await server.rooms.read(workshopRoom(imported.code), readWorkshop);
		expect(info.groups.map((g) => g.name)).toEqual(['Grupp 1', 'Norrlänningarna']);
		expect(info.participants.map((p) => p.name)).toEqual(['Cia']);
	});

	it("carries an English workshop's language, so that the copy greets people and exports in English", async () => {
		const { code, facilitatorKey } = await server.workshops.create({ title: 'Nordic meeting', template: 'learning-lab', groups: 2, language: 'en' });
		const file = await exportJson(code, await server.workshops.facilitatorToken(code, facilitatorKey));
		expect(file.workshop.language).toBe('en');
		const imported = await server.workshops.importFile(JSON.parse(JSON.stringify(file)));
		expect((await server.workshops.summary(imported.code)).language).toBe('en');
	});

	it('refuses a bad file with a 400 and a sentence, and creates nothing', async () => {
		const good = await exportJson(w.code, w.facilitatorToken);
		const before = workshopCount();
		const tooLong = structuredClone(good);
		tooLong.boards[1]!.title = 'x'.repeat(10_000);
		for (const bad of [null, 'garbage', { ...good, version: 4 }, { ...good, format: 'verkstad-template' }, tooLong, { ...good, boards: [] }]) {
			const refused = await refusal(server.workshops.importFile(bad));
			expect(refused.status).toBe(400);
			expect(refused.message).toMatch(/^Filen (är|kan inte)/);
		}
		expect(workshopCount()).toBe(before);
	});

	it('refuses the JSON export to a participant', async () => {
		const person = await w.participant('g1', 'Anna');
		expect(await refusal(exports.file(w.code, claimsOf(server, person.token), { format: 'json' }))).toMatchObject({ status: 403 });
	});
});
