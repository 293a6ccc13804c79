/**
 * Hostile and broken clients. Every bad socket is closed on its own; the same room and another
 * room keep syncing for the well-behaved stock clients (checked after every attack).
 */
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, boardRoom, readNotes, workshopRoom } from '../../src/lib/board';
import { CLOSE_INVALID_MESSAGE, CLOSE_POLICY, CLOSE_TOO_LARGE } from '../../server/sync/close-codes';
import {
	encodeAwareness,
	encodeAwarenessEntries,
	encodeSyncUpdate,
	MESSAGE_SYNC,
	SYNC_UPDATE
} from '../../server/sync/protocol';
import { connectClient, createWorkshop, lastLine, rawClient, startServer, waitFor, type Client, type TestServer } from './helpers';

const KiB = 1024;
const author = { id: 'p1', name: 'Anna', organisation: 'Region Test' };

let server: TestServer;
let roomA: string;
let roomB: string;
let token: string;
let code: string;
let sameRoom: [Client, Client];
let otherRoom: [Client, Client];

beforeAll(async () => {
	server = await startServer({
		limits: { maxPayloadBytes: 64 * KiB, messagesPerSecond: 50, burst: 100, maxAwarenessClients: 4, maxDocBytes: 256 * KiB }
	});
	const w = await createWorkshop(server, 2);
	roomA = boardRoom(w.code, 'g1');
	roomB = boardRoom(w.code, 'g2');
	token = w.facilitatorToken;
	code = w.code;
	sameRoom = [connectClient(server, roomA, token), connectClient(server, roomA, token)];
	otherRoom = [connectClient(server, roomB, token), connectClient(server, roomB, token)];
	await Promise.all([...sameRoom, ...otherRoom].map((c) => c.synced));
});
afterAll(() => server.close());

let round = 0;
/** The bystanders in both rooms still sync, through the server, in both directions. */
async function bystandersStillSync(): Promise<void> {
	round += 1;
	const text = `runda ${round}`;
	for (const [from, to] of [sameRoom, otherRoom]) {
		addNote(from.doc, { x: 0, y: 0, text }, author);
		await waitFor(() => readNotes(to.doc).some((n) => n.text === text), { message: `"${text}" synced` });
	}
}

/** Opens a raw socket in room A, waits until the server greeted it, sends `frames`, returns the close. */
async function attack(...frames: (Uint8Array | string)[]): Promise<{ code: number; reason: string }> {
	const client = rawClient(server, roomA, token);
	await client.opened;
	await waitFor(() => client.received.length > 0, { message: 'the server greeting' });
	for (const frame of frames) client.ws.send(frame);
	return client.closed;
}

/** The last warning the server logged, optionally at one step. */
function lastWarning(step?: string, msg?: string) {
	return lastLine(
		server.log,
		(l) => l.level === 'warn' && (step === undefined || l.fields.step === step) && (msg === undefined || l.msg === msg)
	);
}

describe('malformed frames close only that socket with 1007', () => {
	it('garbage bytes inside a sync update', async () => {
		const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]);
		expect((await attack(encodeSyncUpdate(garbage))).code).toBe(CLOSE_INVALID_MESSAGE);
		expect(lastWarning('sync-update')?.fields).toMatchObject({ room: roomA, step: 'sync-update' });
		expect(lastWarning('sync-update')?.fields.conn).toMatch(/^c\d+$/);
		await bystandersStillSync();
	});

	it('a truncated sync message', async () => {
		const doc = new Y.Doc();
		addNote(doc, { x: 0, y: 0, text: 'halv' }, author);
		const whole = encodeSyncUpdate(Y.encodeStateAsUpdate(doc));
		expect((await attack(whole.slice(0, whole.length - 7))).code).toBe(CLOSE_INVALID_MESSAGE);
		await bystandersStillSync();
	});

	it('an unknown message type', async () => {
		expect((await attack(new Uint8Array([7, 0, 0]))).code).toBe(CLOSE_INVALID_MESSAGE);
		expect(lastWarning(undefined, 'bad message')?.fields.error).toMatch(/unknown message type 7/);
		await bystandersStillSync();
	});

	it('an unknown sync step', async () => {
		const frame = encoding.encode((e) => {
			encoding.writeVarUint(e, MESSAGE_SYNC);
			encoding.writeVarUint(e, 9);
		});
		expect((await attack(frame)).code).toBe(CLOSE_INVALID_MESSAGE);
		await bystandersStillSync();
	});

	it('an awareness update with broken JSON', async () => {
		const update = encoding.encode((e) => {
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint(e, 1234);
			encoding.writeVarUint(e, 1);
			encoding.writeVarString(e, '{"user":');
		});
		expect((await attack(encodeAwareness(update))).code).toBe(CLOSE_INVALID_MESSAGE);
		await bystandersStillSync();
	});

	it('a text frame', async () => {
		expect((await attack('hello')).code).toBe(CLOSE_INVALID_MESSAGE);
		await bystandersStillSync();
	});
});

describe('bounds', () => {
	it('a message above maxPayloadBytes closes with 4413', async () => {
		const big = new Uint8Array(64 * KiB + 1);
		big[0] = MESSAGE_SYNC;
		big[1] = SYNC_UPDATE;
		expect((await attack(big)).code).toBe(CLOSE_TOO_LARGE);
		await bystandersStillSync();
	});

	it("a message above ws's hard ceiling (2 × maxPayloadBytes) is cut off by ws with 1009", async () => {
		expect((await attack(new Uint8Array(128 * KiB + 1))).code).toBe(1009);
		await bystandersStillSync();
	});

	it('a message flood over the rate limit closes with 1008', async () => {
		const noop = encodeAwareness(encodeAwarenessEntries([]));
		const closed = await attack(...Array.from({ length: 300 }, () => noop));
		expect(closed.code).toBe(CLOSE_POLICY);
		expect(lastWarning('rate-limit')?.fields).toMatchObject({ room: roomA });
		await bystandersStillSync();
	});

	it('more awareness client ids than allowed on one socket closes with 1008', async () => {
		const entries = [1, 2, 3, 4, 5].map((clientId) => ({ clientId: 100_000 + clientId, clock: 1, state: { user: { name: 'Spöke' } } }));
		expect((await attack(encodeAwareness(encodeAwarenessEntries(entries)))).code).toBe(CLOSE_POLICY);
		// None of the ghosts reached anyone.
		expect([...sameRoom[0].provider.awareness.getStates().keys()].some((id) => id > 100_000 && id <= 100_005)).toBe(false);
		await bystandersStillSync();
	});

	it('an update that would grow the doc past maxDocBytes closes with 4413 and is not applied', async () => {
		// The workshop doc has no board schema, so the facilitator can write big values there.
		const room = workshopRoom(code);
		const writer = connectClient(server, room, token);
		const watcher = connectClient(server, room, token);
		await Promise.all([writer.synced, watcher.synced]);
		const closed = new Promise<number>((resolve) =>
			writer.provider.on('connection-close', (event: CloseEvent | null) => event && resolve(event.code))
		);
		// Five updates of 60 KiB, each under maxPayloadBytes; the fifth passes the 256 KiB doc bound.
		const bulk = writer.doc.getMap('bulk');
		for (let i = 1; i <= 5; i++) bulk.set(`huge${i}`, String(i).repeat(60 * KiB));
		expect(await closed).toBe(CLOSE_TOO_LARGE);
		writer.destroy();
		await bystandersStillSync();
		const seen = watcher.doc.getMap('bulk');
		await waitFor(() => seen.has('huge4'), { message: 'the fourth value at the watcher' });
		expect([1, 2, 3, 4, 5].map((i) => seen.has(`huge${i}`))).toEqual([true, true, true, true, false]);
		expect(await server.rooms.read(room, (doc) => doc.getMap('bulk').has('huge5'))).toBe(false);
	});
});

describe('liveness', () => {
	it('terminates a socket that stops answering pings, and keeps one that answers', async () => {
		const quick = await startServer({ limits: { pingIntervalMs: 50 } });
		try {
			const w = await createWorkshop(quick, 1);
			const room = boardRoom(w.code, 'g1');
			const healthy = connectClient(quick, room, w.facilitatorToken);
			await healthy.synced;
			const silent = new WebSocket(`ws://127.0.0.1:${quick.port}/sync/${room}?token=${w.facilitatorToken}`, { autoPong: false });
			silent.on('error', () => {});
			const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
			expect(await closed).toBe(1006); // terminated: no close frame
			expect(healthy.provider.wsconnected).toBe(true);
			addNote(healthy.doc, { x: 0, y: 0, text: 'lever' }, author);
			await waitFor(async () => (await quick.rooms.read(room, (doc) => readNotes(doc).length)) === 1, { message: 'note stored' });
		} finally {
			await quick.close();
		}
	});
});
