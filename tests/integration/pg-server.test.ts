/**
 * The sync server on the PostgreSQL store: two servers on one schema, each compacting a board's
 * log often while people on both write to it, keep every note. (Without the Redis fan-out the two
 * servers do not see each other's edits live, so each compacts with a doc that lacks the other's:
 * exactly the stale compaction the store must survive.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, boardRoom, readNotes } from '../../src/lib/board';
import type { DocStore } from '../../server/store/doc-store';
import { PgStore } from '../../server/store/pg-store';
import { admin, TEST_DATABASE_URL, testSchema } from './fixtures/store-backends';
import { connectClient, createWorkshop, startServer, waitFor, type TestServer } from './helpers';

const servers: TestServer[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => server.close()));
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A server whose store is PostgreSQL in `schema`, compacting a room's log every few updates. */
async function serve(schema: string): Promise<TestServer> {
	const server = await startServer({
		store: () => new PgStore({ connectionString: TEST_DATABASE_URL, schema }),
		limits: { compactEveryUpdates: 4 }
	});
	servers.push(server);
	return server;
}

describe('two sync servers on one PostgreSQL schema', () => {
	it('keep every note written through either, while both compact the board', async () => {
		const schema = testSchema();
		cleanups.push(() => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
		const migrator = new PgStore({ connectionString: TEST_DATABASE_URL, schema });
		await migrator.migrate();
		await migrator.close();
		const [one, two] = [await serve(schema), await serve(schema)];

		const w = await createWorkshop(one);
		const room = boardRoom(w.code, 'g1');
		const member = await w.participant('g1', 'Bo');
		const a = connectClient(one, room, w.facilitatorToken);
		const b = connectClient(two, room, member.token);
		await Promise.all([a.synced, b.synced]);
		for (let i = 0; i < 12; i++) {
			addNote(a.doc, { x: 0, y: i * 100, text: `a${i}` }, { id: 'f', name: 'Facilitator', organisation: '' });
			addNote(b.doc, { x: 300, y: i * 100, text: `b${i}` }, member.author);
		}
		// Each client's own notes are committed once its server has flushed the room.
		await waitFor(async () => (await noteTextsIn(one.store, room)).length === 24, { timeout: 10_000, message: 'both servers\u2019 notes in the store' });
		await Promise.all([one.close(), two.close()]);

		const reader = new PgStore({ connectionString: TEST_DATABASE_URL, schema });
		cleanups.unshift(() => reader.close());
		const texts = await noteTextsIn(reader, room);
		expect(texts).toHaveLength(24);
		expect(texts).toEqual(expect.arrayContaining(['a0', 'a11', 'b0', 'b11']));
	});
});

async function noteTextsIn(store: Pick<DocStore, 'loadDoc'>, room: string): Promise<string[]> {
	const doc = new Y.Doc();
	for (const update of (await store.loadDoc(room)).updates) Y.applyUpdate(doc, update);
	return readNotes(doc).map((note) => note.text);
}
