/**
 * A store that cannot write (a full disk; here SQLite's own size cap, which fails exactly like one)
 * never takes the process down and never loses an honest client's edit: the room closes its peers
 * with 4507, refuses them until it has saved its whole doc again, and the stock clients, which kept
 * their edits, send them once they are back in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { addNote, boardRoom, readFigures, readNotes } from '../../src/lib/board';
import { isStoreWriteError, type StoreWriteError } from '../../server/store/doc-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import { CLOSE_STORE_UNAVAILABLE } from '../../server/sync/close-codes';
import { connectClient, createWorkshop, startServer, tempDir, waitFor, type TestServer } from './helpers';

let server: TestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

const closeCodes = (client: ReturnType<typeof connectClient>) => {
	const codes: number[] = [];
	client.provider.on('connection-close', (event: CloseEvent | null) => event && codes.push(event.code));
	return codes;
};

describe('a store that cannot write', () => {
	it('closes the room with 4507, keeps every edit in the clients, and saves them all once it can', async () => {
		const dataDir = tempDir();
		server = await startServer({ dataDir });
		const store = server.store as SqliteStore;
		const w = await createWorkshop(server, 1);
		const room = boardRoom(w.code, 'g1');
		const anna = await w.participant('g1', 'Anna');
		const writer = connectClient(server, room, anna.token);
		const reader = connectClient(server, room, w.facilitatorToken);
		await Promise.all([writer.synced, reader.synced]);
		const writerCloses = closeCodes(writer);
		const readerCloses = closeCodes(reader);

		store.setMaxBytes(1); // never below what the file holds: the next page it needs fails
		const written: string[] = [];
		await waitFor(
			() => {
				if (writerCloses.includes(CLOSE_STORE_UNAVAILABLE)) return true;
				const text = `skrivet på full disk ${written.length} `.padEnd(400, '.');
				written.push(text);
				addNote(writer.doc, { x: 0, y: 0, text }, anna.author);
				return false;
			},
			{ message: 'the room to refuse with 4507', timeout: 10_000 }
		);
		await waitFor(() => readerCloses.includes(CLOSE_STORE_UNAVAILABLE), { message: 'the reader told too' });
		// Nothing the store could not save was shown to the reader.
		const stored = await storedTexts(store, room);
		expect(readNotes(reader.doc).every((n) => stored.includes(n.text))).toBe(true);
		expect(server.rooms.stats().rooms).toBeGreaterThan(0);

		store.setMaxBytes(null); // space is back
		await waitFor(async () => written.every((t) => readNotes(reader.doc).some((n) => n.text === t)), {
			message: 'every note written on the full disk at the reader',
			timeout: 15_000
		});
		await waitFor(async () => {
			const now = await storedTexts(store, room);
			return written.every((t) => now.includes(t));
		}, { message: 'every note in the store' });

		// And after a restart on the same file.
		writer.destroy();
		reader.destroy();
		await server.close();
		server = await startServer({ dataDir });
		expect(await storedTexts(server.store as SqliteStore, room)).toEqual(expect.arrayContaining(written));
	});

	it('hands out no code for a workshop whose documents could not be saved, and keeps no half of it', async () => {
		server = await startServer();
		const store = server.store as SqliteStore;
		store.setMaxBytes(1);
		const workshopsBefore = workshopCount(server.dbFile);
		// Each attempt writes 30 boards; sooner or later one of them finds no room.
		let refusal: unknown = null;
		for (let i = 0; i < 50 && refusal === null; i++) {
			await server.workshops.create({ title: `Stor ${i}`, template: 'larlabb', groups: 30 }).then(
				() => {},
				(e: unknown) => (refusal = e)
			);
		}
		expect(isStoreWriteError(refusal)).toBe(true);
		expect((refusal as StoreWriteError).code).toBe('SQLITE_FULL');
		const made = workshopCount(server.dbFile) - workshopsBefore;
		// Every workshop that exists was saved whole: its rooms load with their boards.
		await waitFor(() => server!.rooms.stats().rooms === 0, { message: 'the rooms of the half-made workshop gone' });
		store.setMaxBytes(null);
		const codes = workshopCodes(server.dbFile);
		expect(codes).toHaveLength(made + workshopsBefore);
		for (const code of codes) {
			expect(await server.rooms.read(boardRoom(code, 'g30'), (doc) => readFigures(doc).length)).toBeGreaterThan(0);
		}
	});
});

function workshopCount(file: string): number {
	return workshopCodes(file).length;
}

function workshopCodes(file: string): string[] {
	const db = new Database(file, { readonly: true });
	try {
		return (db.prepare('SELECT code FROM workshops').all() as { code: string }[]).map((r) => r.code);
	} finally {
		db.close();
	}
}

async function storedTexts(store: SqliteStore, room: string): Promise<string[]> {
	const doc = new Y.Doc();
	for (const update of (await store.loadDoc(room)).updates) Y.applyUpdate(doc, update);
	return readNotes(doc).map((n) => n.text);
}
