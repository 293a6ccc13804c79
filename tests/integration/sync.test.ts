/** Stock y-websocket clients against the real sync server: convergence, shared loads, read-only. */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	boardRoom,
	moveNote,
	readFigures,
	readNotes,
	readWorkshop,
	setNoteText,
	workshopRoom
} from '../../src/lib/board';
import type { StoredDoc } from '../../server/store/doc-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import { connectClient, createWorkshop, startServer, waitFor, type TestServer } from './helpers';

const author = { id: 'p1', name: 'Anna', organisation: 'Region Test' };
let server: TestServer | undefined;

afterEach(async () => {
	await server?.close();
	server = undefined;
});

const noteTexts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text).sort();

describe('two stock clients on one board', () => {
	it('converge on notes added, edited and moved on both sides', async () => {
		server = await startServer();
		const w = await createWorkshop(server);
		const room = boardRoom(w.code, 'g1');
		const member = await w.participant('g1');
		const a = connectClient(server, room, w.facilitatorToken);
		const b = connectClient(server, room, member.token);
		await Promise.all([a.synced, b.synced]);
		// Both see the board the server made from the template.
		expect(readFigures(a.doc)).toHaveLength(1);
		expect(readFigures(b.doc)).toEqual(readFigures(a.doc));

		const fromA = addNote(a.doc, { x: 40, y: 100, text: 'Från A' }, author);
		const fromB = addNote(b.doc, { x: 300, y: 100, text: 'Från B' }, member.author);
		await waitFor(() => readNotes(a.doc).length === 2 && readNotes(b.doc).length === 2, { message: 'both notes on both' });

		setNoteText(a.doc, fromB, 'Från B, ändrad av A');
		setNoteText(b.doc, fromA, 'Från A, ändrad av B');
		moveNote(b.doc, fromB, 1200, 900);
		await waitFor(
			() => JSON.stringify(readNotes(a.doc).sort(byId)) === JSON.stringify(readNotes(b.doc).sort(byId)),
			{ message: 'identical notes' }
		);
		expect(noteTexts(a.doc)).toEqual(['Från A, ändrad av B', 'Från B, ändrad av A']);
		const moved = readNotes(a.doc).find((n) => n.id === fromB)!;
		expect([moved.x, moved.y, moved.figureId]).toEqual([1200, 900, null]);
	});

	it('a third client joining later gets the whole board', async () => {
		server = await startServer();
		const w = await createWorkshop(server);
		const room = boardRoom(w.code, 'g2');
		const a = connectClient(server, room, w.facilitatorToken);
		await a.synced;
		for (let i = 0; i < 20; i++) addNote(a.doc, { x: i * 10, y: 0, text: `lapp ${i}` }, author);
		const b = connectClient(server, room, (await w.participant('g2')).token);
		await b.synced;
		await waitFor(() => readNotes(b.doc).length === 20, { message: '20 notes on the late joiner' });
	});
});

describe('changes made by the server', () => {
	it('reach connected clients: a participant who joins shows up live at the facilitator', async () => {
		server = await startServer();
		const w = await createWorkshop(server);
		const facilitator = connectClient(server, workshopRoom(w.code), w.facilitatorToken);
		await facilitator.synced;
		const { participantId } = await w.participant('g2', 'Bo');
		await waitFor(() => readWorkshop(facilitator.doc).participants.some((p) => p.id === participantId), {
			message: 'the new participant at the facilitator'
		});
		expect(readWorkshop(facilitator.doc).participants.find((p) => p.id === participantId)).toMatchObject({ name: 'Bo', groupId: 'g2' });
	});
});

describe('loading a room', () => {
	it('concurrent joiners during one slow load share it and all see the stored doc', async () => {
		// A real SqliteStore whose loads wait for a gate, so that every client is connected and has
		// sent its sync step 1 while the room is still loading.
		let opened!: () => void;
		const gate = new Promise<void>((resolve) => (opened = resolve));
		const loads: string[] = [];
		class GatedStore extends SqliteStore {
			gated = false;
			override async loadDoc(room: string): Promise<StoredDoc> {
				loads.push(room);
				if (this.gated) await gate;
				return super.loadDoc(room);
			}
		}
		let store!: GatedStore;
		server = await startServer({ store: (file) => (store = new GatedStore(file)) });
		const w = await createWorkshop(server);
		const room = boardRoom(w.code, 'g1');
		await server.rooms.update(room, (doc) => addNote(doc, { x: 0, y: 0, text: 'sparad' }, author));
		await waitFor(() => server!.rooms.stats().rooms === 0, { message: 'rooms unloaded' });

		store.gated = true;
		loads.length = 0;
		const clients = [0, 1, 2, 3].map(() => connectClient(server!, room, w.facilitatorToken));
		await waitFor(() => server!.rooms.stats().connections === 4, { message: 'four connections' });
		expect(clients.some((c) => c.provider.synced)).toBe(false);
		opened();
		await Promise.all(clients.map((c) => c.synced));
		for (const c of clients) expect(noteTexts(c.doc)).toEqual(['sparad']);
		// One load each: the board, and the workshop room it depends on for its locks.
		expect(loads).toEqual([workshopRoom(w.code), room]);
	});
});

describe('read-only participants on the workshop doc', () => {
	it('drops their doc writes, for the other clients and after a reload, but relays their awareness', async () => {
		server = await startServer();
		const w = await createWorkshop(server);
		const room = workshopRoom(w.code);
		const reader = connectClient(server, room, (await w.participant('g1', 'Läsare')).token);
		const facilitator = connectClient(server, room, w.facilitatorToken);
		await Promise.all([reader.synced, facilitator.synced]);

		// The reader tries to rename the workshop and to set presence.
		reader.doc.getMap('meta').set('title', 'Kapad');
		reader.provider.awareness.setLocalStateField('user', { name: 'Läsare' });
		await waitFor(
			() => [...facilitator.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Läsare'),
			{ message: "the reader's presence at the facilitator" }
		);
		// Writes from the facilitator still reach the reader: the socket is alive and in order.
		facilitator.doc.getMap('meta').set('language', 'en');
		await waitFor(() => reader.doc.getMap('meta').get('language') === 'en', { message: 'facilitator write at the reader' });
		expect(readWorkshop(facilitator.doc).title).toBe('Testworkshop');

		reader.destroy();
		facilitator.destroy();
		await waitFor(() => server!.rooms.stats().rooms === 0, { message: 'room unloaded' });
		const fresh = connectClient(server, room, w.facilitatorToken);
		await fresh.synced;
		expect(readWorkshop(fresh.doc).title).toBe('Testworkshop');
		expect(readWorkshop(fresh.doc).language).toBe('en');
	});

	it('lets a participant read the plenary board but not write it', async () => {
		server = await startServer();
		const w = await createWorkshop(server);
		const room = boardRoom(w.code, 'plenary');
		const facilitator = connectClient(server, room, w.facilitatorToken);
		const reader = connectClient(server, room, (await w.participant('g1')).token);
		await Promise.all([facilitator.synced, reader.synced]);
		addNote(reader.doc, { x: 0, y: 0, text: 'ska inte synas' }, author);
		addNote(facilitator.doc, { x: 0, y: 0, text: 'från ledaren' }, author);
		await waitFor(() => noteTexts(reader.doc).includes('från ledaren'), { message: 'facilitator note at the reader' });
		expect(noteTexts(facilitator.doc)).toEqual(['från ledaren']);
		const stored = await server.rooms.read(room, (doc) => noteTexts(doc));
		expect(stored).toEqual(['från ledaren']);
	});
});

function byId(a: { id: string }, b: { id: string }): number {
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
