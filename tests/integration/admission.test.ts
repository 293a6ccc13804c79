/**
 * The admission step (server/sync/admission.ts) against crafted updates: each is what a hostile
 * client can send over a stock-compatible socket, and each broke the server before admission
 * existed. The socket is closed with 4422, nothing of the update reaches the doc, the store or
 * anyone else, and the room goes on relaying and saving for the honest clients. An update that
 * only lacks state the room has not seen yet closes with 1013 instead: an honest client that sent
 * one gets back in, and its reconnect sync brings what was missing.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, boardMaps, boardRoom, privateRoom, readNotes, setNoteText, type Author } from '../../src/lib/board';
import { CLOSE_TOO_LARGE, CLOSE_TRY_AGAIN, CLOSE_UPDATE_REFUSED } from '../../server/sync/close-codes';
import { encodeSyncStep2, encodeSyncUpdate } from '../../server/sync/protocol';
import { pileUp } from '../fixtures/crafted-updates';
import { connectClient, createWorkshop, rawClient, startServer, waitFor, type Client, type TestServer, type TestWorkshop } from './helpers';

let server: TestServer;
let w: TestWorkshop;
let room: string;
let member: { token: string; author: Author; participantId: string };
let honest: [Client, Client];

beforeAll(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	room = boardRoom(w.code, 'g1');
	member = await w.participant('g1', 'Anna');
	honest = [connectClient(server, room, member.token), connectClient(server, room, w.facilitatorToken)];
	await Promise.all(honest.map((c) => c.synced));
});
afterAll(() => server.close());

let round = 0;
/** The honest clients still write, see each other's notes through the server, and the store keeps them. */
async function roomStillWorks(): Promise<void> {
	round += 1;
	const text = `efter attacken ${round}`;
	addNote(honest[0].doc, { x: 0, y: 0, text }, member.author);
	await waitFor(() => readNotes(honest[1].doc).some((n) => n.text === text), { message: `"${text}" relayed` });
	const stored = await server.store.loadDoc(room);
	const doc = new Y.Doc();
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	expect(readNotes(doc).some((n) => n.text === text)).toBe(true);
	expect(doc.store.pendingStructs).toBeNull();
	expect(doc.store.pendingDs).toBeNull();
}

/** A doc holding what the server's room holds now, writing as a fresh client id. */
async function copyOf(name: string): Promise<Y.Doc> {
	const state = await server.rooms.read(name, (doc) => Y.encodeStateAsUpdate(doc));
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return doc;
}

/** What `change` does to a copy of the room, as one update. */
async function craft(name: string, change: (doc: Y.Doc) => void): Promise<Uint8Array> {
	const doc = await copyOf(name);
	const before = Y.encodeStateVector(doc);
	change(doc);
	return Y.encodeStateAsUpdate(doc, before);
}

/** Sends frames on a bare socket once the server greeted it; resolves with the close code. */
async function send(name: string, token: string, ...frames: Uint8Array[]): Promise<number> {
	const client = rawClient(server, name, token);
	await client.opened;
	await waitFor(() => client.received.length > 0, { message: 'the server greeting' });
	for (const frame of frames) client.ws.send(frame);
	return (await client.closed).code;
}

const serverHas = (name: string, check: (doc: Y.Doc) => boolean) => server.rooms.read(name, check);

describe('structure', () => {
	it('refuses types nested deeper than the bound, which once wedged the room on a later delete', async () => {
		// 500 levels: far past the bound (6), and built in one transaction so that the crafting stays quick.
		const update = await craft(room, (doc) =>
			doc.transact(() => {
				let map = boardMaps(doc).notes.set('djup', new Y.Map<unknown>());
				for (let i = 0; i < 500; i++) map = map.set('k', new Y.Map<unknown>());
			})
		);
		expect(await send(room, w.facilitatorToken, encodeSyncUpdate(update))).toBe(CLOSE_UPDATE_REFUSED);
		expect(await serverHas(room, (doc) => boardMaps(doc).notes.has('djup'))).toBe(false);
		await roomStillWorks();
	});

	it('refuses thousands of inserts at one index from many client ids, in a board and in a private room', async () => {
		let targetId = '';
		await server.rooms.update(room, (doc) => {
			targetId = addNote(doc, { x: 0, y: 0, text: 'mål' }, member.author);
		});
		const text = (doc: Y.Doc) => boardMaps(doc).notes.get(targetId)!.get('text') as Y.Text;
		const update = pileUp(await copyOf(room), text, 1_000_000, 4000);
		expect(update.byteLength).toBeLessThan(64 * 1024);
		expect(await send(room, member.token, encodeSyncUpdate(update))).toBe(CLOSE_UPDATE_REFUSED);
		await roomStillWorks();

		const own = privateRoom(w.code, member.participantId);
		await server.rooms.update(own, (doc) => doc.getText('utkast').insert(0, 'mitt utkast'));
		const draft = (doc: Y.Doc) => doc.getText('utkast');
		const privateUpdate = pileUp(await copyOf(own), draft, 2_000_000, 4000);
		expect(await send(own, member.token, encodeSyncUpdate(privateUpdate))).toBe(CLOSE_UPDATE_REFUSED);
		expect(await server.rooms.read(own, (doc) => doc.getText('utkast').toString())).toBe('mitt utkast');
		await roomStillWorks();
	});
});

describe('dependencies the room lacks', () => {
	it('refuses an update with a clock gap instead of holding it pending for every joiner', async () => {
		const doc = await copyOf(room);
		doc.clientID = 424242;
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		addNote(doc, { x: 0, y: 0, text: 'först' }, member.author);
		addNote(doc, { x: 0, y: 0, text: 'sedan' }, member.author);
		// Only the second: its clocks start where the first one's ended.
		expect(await send(room, member.token, encodeSyncUpdate(updates[1]!))).toBe(CLOSE_TRY_AGAIN);
		expect(await serverHas(room, (d) => d.store.pendingStructs === null && Y.getState(d.store, 424242) === 0)).toBe(true);
		const joiner = connectClient(server, room, w.facilitatorToken);
		await joiner.synced;
		expect(readNotes(joiner.doc).some((n) => n.text === 'sedan')).toBe(false);
		expect(joiner.doc.store.pendingStructs).toBeNull();
		joiner.destroy();
		await roomStillWorks();
	});

	it("refuses a delete of another person's future clocks, which would erase their next note", async () => {
		const victim = honest[0];
		const id = victim.doc.clientID;
		const next = Y.getState(victim.doc.store, id);
		// No structs; a delete set naming the victim's next 10,000 clocks.
		const update = encoding.encode((e) => {
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint(e, id);
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint(e, next);
			encoding.writeVarUint(e, 10_000);
		});
		expect(await send(room, w.facilitatorToken, encodeSyncUpdate(update))).toBe(CLOSE_TRY_AGAIN);
		expect(await serverHas(room, (d) => d.store.pendingDs === null)).toBe(true);
		await roomStillWorks(); // the victim's next note survives
	});
});

describe('an honest update that builds on what the server has not seen yet', () => {
	it('is not applied, and the client gets back in with everything, as two tabs sharing edits over BroadcastChannel do', async () => {
		const [tabOne, witness] = honest;
		const tabTwo = connectClient(server, room, member.token);
		await tabTwo.synced;
		// Tab one writes while its socket is down; the browser hands the edit to tab two directly.
		tabOne.provider.disconnect();
		const shared: Uint8Array[] = [];
		const collect = (u: Uint8Array, origin: unknown) => origin !== tabOne.provider && shared.push(u);
		tabOne.doc.on('update', collect);
		const id = addNote(tabOne.doc, { x: 0, y: 0, text: 'från flik ett' }, member.author);
		tabOne.doc.off('update', collect);
		// y-websocket applies what arrives over BroadcastChannel with itself as the origin, so it does
		// not send it on to the server: tab two now has an edit the server lacks.
		for (const u of shared) Y.applyUpdate(tabTwo.doc, u, tabTwo.provider);
		const closes: number[] = [];
		tabTwo.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
		// Tab two builds on it: its update names an item the server lacks.
		setNoteText(tabTwo.doc, id, 'från flik ett, ändrad i flik två');
		await waitFor(() => closes.includes(CLOSE_TRY_AGAIN), { message: 'tab two asked to reconnect' });
		await waitFor(() => readNotes(witness.doc).some((n) => n.text === 'från flik ett, ändrad i flik två'), {
			message: 'both tabs\' edits at the witness, through tab two\'s reconnect'
		});
		expect(await serverHas(room, (d) => d.store.pendingStructs === null && d.store.pendingDs === null)).toBe(true);
		tabOne.provider.connect();
		tabTwo.destroy();
		await roomStillWorks();
	});
});

describe('the document size limit', () => {
	it('never counts an empty step 2, lets the facilitator delete, and refuses only growth', async () => {
		const small = await startServer({ limits: { maxDocBytes: 64 * 1024 } });
		try {
			const ws = await createWorkshop(small, 1);
			const board = boardRoom(ws.code, 'g1');
			const anna = await ws.participant('g1', 'Anna');
			// Filled by the server itself past the limit (its own writes are not bounded by it).
			const ids = await small.rooms.read(board, () => [] as string[]);
			await small.rooms.update(board, (doc) => {
				for (let i = 0; i < 200; i++) ids.push(addNote(doc, { x: i, y: 0, text: `${i} `.padEnd(480, 'x') }, anna.author));
			});
			const facilitator = connectClient(small, board, ws.facilitatorToken);
			const participant = connectClient(small, board, anna.token);
			await Promise.all([facilitator.synced, participant.synced]);

			// A stock client answers the server's step 1 with an empty step 2 when it has nothing new.
			const raw = rawClient(small, board, anna.token);
			await raw.opened;
			await waitFor(() => raw.received.length > 0, { message: 'the greeting' });
			raw.ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(new Y.Doc())));

			const closed = new Promise<number>((resolve) =>
				participant.provider.on('connection-close', (event: CloseEvent | null) => event && resolve(event.code))
			);
			addNote(participant.doc, { x: 0, y: 0, text: 'får inte plats' }, anna.author);
			expect(await closed).toBe(CLOSE_TOO_LARGE);

			facilitator.doc.transact(() => ids.slice(0, 150).forEach((id) => boardMaps(facilitator.doc).notes.delete(id)));
			await waitFor(async () => (await small.rooms.read(board, (doc) => readNotes(doc).length)) === 50, { message: 'the deletes applied' });
			expect(raw.ws.readyState).toBe(raw.ws.OPEN);
		} finally {
			await small.close();
		}
	});
});
