/**
 * A cold join: a board unloads with its log folded into one snapshot, loads back from it, and
 * every fresh joiner gets the doc as it is now, whether the room still answers with the bytes it
 * loaded or has changed since.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, boardRoom, readNotes } from '../../src/lib/board';
import { connectClient, createWorkshop, startServer, waitFor, type TestServer } from './helpers';

const author = { id: 'f', name: 'Ledaren', organisation: 'Region Test' };
let server: TestServer;
afterEach(async () => {
	await server.close();
});

const texts = (notes: { text: string }[]) => notes.map((n) => n.text).sort();

describe('a cold join', () => {
	it('loads an unloaded board from one snapshot and answers every fresh joiner with the doc as it is now', async () => {
		server = await startServer();
		const w = await createWorkshop(server);
		const room = boardRoom(w.code, 'g1');
		const writer = connectClient(server, room, w.facilitatorToken);
		await writer.synced;
		// As people write: one small update per note, far below the compaction threshold.
		for (let i = 0; i < 30; i++) addNote(writer.doc, { x: i * 10, y: 0, text: `Lapp ${i}` }, author);
		await waitFor(async () => (await server.rooms.read(room, (d) => d.getMap('notes').size)) === 30, { message: 'notes stored' });
		writer.destroy();
		await waitFor(() => server.rooms.stats().rooms === 0, { message: 'room unloaded' });

		const stored = await server.store.loadDoc(room);
		expect({ updates: stored.updates.length, logCount: stored.logCount }).toEqual({ updates: 1, logCount: 0 });

		const first = connectClient(server, room, w.facilitatorToken);
		const second = connectClient(server, room, w.facilitatorToken);
		await Promise.all([first.synced, second.synced]);
		expect(readNotes(first.doc)).toHaveLength(30);
		expect(readNotes(second.doc)).toEqual(readNotes(first.doc));

		addNote(first.doc, { x: 0, y: 500, text: 'Efter laddningen' }, author);
		await waitFor(() => readNotes(second.doc).length === 31, { message: 'the new note at the second client' });
		const late = connectClient(server, room, w.facilitatorToken);
		await late.synced;
		expect(texts(readNotes(late.doc))).toEqual(texts(readNotes(first.doc)));
		expect(texts(readNotes(late.doc))).toContain('Efter laddningen');
	});
});
