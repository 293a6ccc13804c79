/**
 * Fan-out between instances through Redis (issue 12 §2, §5): two instances on one data set, stock
 * y-websocket clients on each, the real Redis in between (instances.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, boardRoom, isBoardLocked, lockKey, readNotes, setLock, setNoteText, workshopRoom } from '../../src/lib/board';
import { STREAM_MAXLEN } from '../../server/scale/fanout';
import { updateFields } from '../../server/scale/fanout-wire';
import { encodeAwareness, encodeAwarenessEntries, type AwarenessEntry } from '../../server/sync/protocol';
import { CLOSE_WORKSHOP_DELETED } from '../../server/sync/close-codes';
import { createVerkstad } from '../../server/app';
import { claimsOf, connectClient, createWorkshop, everShown, rawClient, tempDir, testConfig, waitFor, type Client, type TestWorkshop } from './helpers';
import { REDIS_URL, redisProxy, startInstances, type Instance, type Instances, type RedisProxy } from './instances';

let cluster: Instances | null = null;
let proxy: RedisProxy | null = null;
let a: Instance;
let b: Instance;
let w: TestWorkshop;
let room: string;

/** Two instances, a workshop made on A, and its first board's room. */
async function start(opts: { redisUrls?: string[] } = {}): Promise<void> {
	cluster = await startInstances(opts);
	[a, b] = cluster.instances as [Instance, Instance];
	w = await createWorkshop(a.app, 2);
	room = boardRoom(w.code, 'g1');
}
afterEach(async () => {
	await cluster?.close();
	await proxy?.cut();
	cluster = null;
	proxy = null;
});

async function connect(instance: Instance, token: string): Promise<Client> {
	const client = connectClient(instance, room, token);
	await client.synced;
	return client;
}

const hasText = (doc: Y.Doc, text: string) => readNotes(doc).some((n) => n.text === text);
const streamLength = () => cluster!.redis.xlen(cluster!.prefix + room);

/** What the store holds for the board, read straight from it (not from a loaded room). */
async function storedTexts(instance: Instance): Promise<string[]> {
	const doc = new Y.Doc();
	for (const update of (await instance.app.store.loadDoc(room)).updates) Y.applyUpdate(doc, update);
	return readNotes(doc).map((n) => n.text);
}

describe('two instances through Redis', () => {
	it('converge: notes both ways, and presence', async () => {
		await start();
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');
		const onA = await connect(a, anna.token);
		const onB = await connect(b, bo.token);

		addNote(onA.doc, { x: 40, y: 100, text: 'från A' }, anna.author);
		await waitFor(() => hasText(onB.doc, 'från A'), { message: "A's note at B's client" });
		addNote(onB.doc, { x: 300, y: 100, text: 'från B' }, bo.author);
		await waitFor(() => hasText(onA.doc, 'från B'), { message: "B's note at A's client" });
		// The server's own changes (phase actions, the plenary mirror) go the same way.
		await a.app.rooms.update(room, (doc) => void addNote(doc, { x: 40, y: 300, text: 'från servern på A' }, anna.author));
		await waitFor(() => hasText(onB.doc, 'från servern på A'), { message: "A's server change at B's client" });

		onA.provider.awareness.setLocalStateField('user', { name: 'Anna' });
		await waitFor(() => onB.provider.awareness.getStates().get(onA.doc.clientID)?.user?.name === 'Anna', {
			message: "Anna's presence at B's client"
		});
		onB.provider.awareness.setLocalStateField('user', { name: 'Bo' });
		await waitFor(() => onA.provider.awareness.getStates().get(onB.doc.clientID)?.user?.name === 'Bo', {
			message: "Bo's presence at A's client"
		});
		// Leaving is presence too: Bo's state goes from A's client when Bo's socket on B closes.
		onB.destroy();
		await waitFor(() => !onA.provider.awareness.getStates().has(onB.doc.clientID), { message: "Bo's presence gone at A" });
	});

	it("keep the presence rule across instances: a socket on A cannot set the presence of a client on B", async () => {
		await start();
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');
		const onA = await connect(a, anna.token);
		const onB = await connect(b, bo.token);
		onB.provider.awareness.setLocalStateField('user', { name: 'Bo' });
		const boAt = (client: Client) => client.provider.awareness.getStates().get(onB.doc.clientID)?.user?.name;
		await waitFor(() => boAt(onA) === 'Bo', { message: "Bo's presence at A's client" });

		const mallory = rawClient(a, room, (await w.participant('g1', 'Mallory')).token);
		await mallory.opened;
		const frame = (entry: AwarenessEntry) => encodeAwareness(encodeAwarenessEntries([entry]));
		const clock = onB.provider.awareness.meta.get(onB.doc.clientID)!.clock;
		mallory.ws.send(frame({ clientId: onB.doc.clientID, clock: clock + 100, state: { user: { name: 'Falske Bo' } } }));
		// Mallory's own presence, sent last on the same socket: once B's client has it, A has handled the forgery.
		mallory.ws.send(frame({ clientId: 4242, clock: 1, state: { user: { name: 'Mallory' } } }));
		await waitFor(() => onB.provider.awareness.getStates().get(4242)?.user?.name === 'Mallory', { message: "Mallory's presence at B" });
		expect(boAt(onA)).toBe('Bo');
		expect(boAt(onB)).toBe('Bo');
	});

	it('show the presence of the other instance to a room that loads later, before anyone renews it', async () => {
		await start();
		const bo = await w.participant('g1', 'Bo');
		const onB = await connect(b, bo.token);
		onB.provider.awareness.setLocalStateField('user', { name: 'Bo' });
		// B's server holds it once another client of B shows it.
		const watcher = await connect(b, w.facilitatorToken);
		await waitFor(() => watcher.provider.awareness.getStates().get(onB.doc.clientID)?.user?.name === 'Bo', {
			message: "Bo's presence on B"
		});
		// The workshop's creation loaded A's rooms: wait until they are gone, so that A loads the board anew.
		await waitFor(() => a.app.rooms.stats().rooms === 0, { timeout: 10_000, message: "A's rooms unloaded" });
		const anna = await w.participant('g1', 'Anna');
		const onA = await connect(a, anna.token);
		// A client renews its presence every 15 s; this comes sooner, because A asks when it loads.
		await waitFor(() => onA.provider.awareness.getStates().get(onB.doc.clientID)?.user?.name === 'Bo', {
			message: "Bo's presence at A's client"
		});
	});

	it('miss nothing that is published while the room loads on the other instance', async () => {
		await start();
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');
		const onA = await connect(a, anna.token);
		// B reads the board from its store and is held there, as a slow load would be, while A
		// commits and publishes a note that the read did not see.
		const store = b.app.store;
		const load = store.loadDoc.bind(store);
		let readDone!: () => void;
		let release!: () => void;
		const read = new Promise<void>((resolve) => (readDone = resolve));
		const released = new Promise<void>((resolve) => (release = resolve));
		store.loadDoc = async (name) => {
			const stored = await load(name);
			if (name === room) {
				readDone();
				await released;
			}
			return stored;
		};
		const onB = connectClient(b, room, bo.token);
		await read;
		const published = await streamLength();
		addNote(onA.doc, { x: 40, y: 100, text: 'medan B laddar' }, anna.author);
		await waitFor(async () => (await streamLength()) === published + 1, { message: "A's note published" });
		expect(await storedTexts(a)).toContain('medan B laddar');
		release();
		await onB.synced;
		await waitFor(() => hasText(onB.doc, 'medan B laddar'), { message: "A's note at B's client" });
	});

	it('never publish a sync step 2 reply: a join adds nothing to the stream', async () => {
		await start();
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');
		const onA = await connect(a, anna.token);
		for (const text of ['ett', 'två', 'tre']) addNote(onA.doc, { x: 40, y: 100, text }, anna.author);
		await waitFor(async () => (await storedTexts(a)).length === 3, { message: 'the board stored' });
		await waitFor(async () => (await streamLength()) > 0, { message: 'the notes published' });
		const published = await streamLength();

		// One joiner that has nothing, and one that already holds the whole board: both sync steps
		// carry the board, in both directions, and neither adds anything.
		const empty = await connect(b, bo.token);
		const holding = connectClient(b, room, bo.token);
		Y.applyUpdate(holding.doc, Y.encodeStateAsUpdate(onA.doc));
		await holding.synced;
		expect(readNotes(empty.doc)).toHaveLength(3);
		// A note from the same instance after the joins is published after anything they published.
		addNote(holding.doc, { x: 300, y: 100, text: 'efter' }, bo.author);
		await waitFor(() => hasText(onA.doc, 'efter'), { message: 'the note after the joins at A' });
		expect(await streamLength()).toBe(published + 1);
	});

	it("enforce the rules where the update arrives: a write to a locked board on B never shows on A", async () => {
		await start();
		const control = connectClient(a, workshopRoom(w.code), w.facilitatorToken);
		await control.synced;
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');
		const onA = await connect(a, anna.token);
		const writerOnB = await connect(b, bo.token);
		const facilitatorOnB = await connect(b, w.facilitatorToken);
		const shownOnA = everShown(onA.doc);

		setLock(control.doc, lockKey('g1'), true);
		await waitFor(() => b.app.rooms.read(w.code, (doc) => isBoardLocked(doc, 'g1')), { message: 'the lock on B' });
		// A stock client writes what the UI would not let it: B undoes it, at the sender too.
		addNote(writerOnB.doc, { x: 40, y: 100, text: 'under låset' }, bo.author);
		await waitFor(() => !hasText(writerOnB.doc, 'under låset'), { message: 'the note undone at the sender' });
		// The facilitator may write; published after the refused write and its undo.
		addNote(facilitatorOnB.doc, { x: 300, y: 100, text: 'från ledaren' }, anna.author);
		await waitFor(() => hasText(onA.doc, 'från ledaren'), { message: "the facilitator's note at A" });
		expect(shownOnA.has('under låset')).toBe(false);
		expect(await storedTexts(a)).toEqual(['från ledaren']);
	});

	it('reload a room from the store when its reader fell behind the trim of the stream', async () => {
		proxy = await redisProxy();
		await start({ redisUrls: [proxy.url, proxy.url] });
		const bo = await w.participant('g1', 'Bo');
		const onB = await connect(b, bo.token);
		proxy.hold();
		// Another instance, played by the test, commits notes and publishes each: more than a
		// stream keeps, while nothing reaches the instances. Each from its own client, so that a
		// missing one leaves no gap that Yjs would wait on.
		const count = STREAM_MAXLEN + 500;
		const updates = Array.from({ length: count }, (_, i) => {
			const doc = new Y.Doc();
			addNote(doc, { x: 40, y: 100, text: `nummer ${i}` }, bo.author);
			return Y.encodeStateAsUpdate(doc);
		});
		await Promise.all(updates.map((update) => a.app.store.appendUpdate(room, update)));
		const publish = cluster!.redis.pipeline();
		for (const update of updates) publish.xadd(cluster!.prefix + room, 'MAXLEN', '~', STREAM_MAXLEN, '*', ...updateFields('test', update));
		await publish.exec();
		// Trimmed: the stream alone no longer has every note.
		expect(await streamLength()).toBeLessThan(count);

		proxy.release();
		await waitFor(() => readNotes(onB.doc).length === count, { timeout: 15_000, message: 'every note at B' });
	});

	it('bring the edits of an instance that lost Redis alone to the other, once it is back', async () => {
		proxy = await redisProxy();
		await start({ redisUrls: [proxy.url] }); // A through the proxy, B straight to Redis
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');
		const onA = await connect(a, anna.token);
		const onB = await connect(b, bo.token);

		await proxy.cut();
		await waitFor(() => a.app.fanout?.state === 'disconnected', { message: 'A knows Redis is gone' });
		expect(b.app.fanout?.isConnected()).toBe(true);
		addNote(onA.doc, { x: 40, y: 100, text: 'A ensam' }, anna.author);
		addNote(onB.doc, { x: 300, y: 100, text: 'B medan A är ensam' }, bo.author);
		await waitFor(async () => (await storedTexts(a)).length === 2, { message: 'both edits stored' });

		// B never lost its reader: it learns from A, once A can publish again, to reload the room.
		await proxy.restore();
		await waitFor(() => hasText(onB.doc, 'A ensam') && hasText(onA.doc, 'B medan A är ensam'), {
			timeout: 15_000,
			message: 'both clients hold both edits'
		});
	});

	it('reload a room from the store when a published change builds on one that was never published', async () => {
		await start();
		const bo = await w.participant('g1', 'Bo');
		const onB = await connect(b, bo.token);
		// Another instance, played by the test, commits a note and then its new text, and dies
		// between its first commit and its publish: only the second change reaches the stream.
		const writer = new Y.Doc();
		const before = Y.encodeStateVector(writer);
		const id = addNote(writer, { x: 40, y: 100, text: 'första' }, bo.author);
		const note = Y.encodeStateAsUpdate(writer, before);
		const afterNote = Y.encodeStateVector(writer);
		setNoteText(writer, id, 'andra');
		const text = Y.encodeStateAsUpdate(writer, afterNote);
		await a.app.store.appendUpdate(room, note);
		await a.app.store.appendUpdate(room, text);
		await cluster!.redis.xadd(cluster!.prefix + room, '*', ...updateFields('test', text));

		await waitFor(() => hasText(onB.doc, 'andra'), { message: 'the note with its new text at B' });
	});

	it("catch up from the store before answering a client that carries what a dead instance committed, so that nobody's note is reverted", async () => {
		await start();
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');
		const cecilia = await w.participant('g1', 'Cecilia');
		const onB = await connect(b, cecilia.token);
		// Another instance, played by the test, committed Anna's note, relayed it to Bo's client
		// there, and died before publishing it: B has never heard of it.
		const annasNote = new Y.Doc();
		addNote(annasNote, { x: 40, y: 100, text: 'Annas lapp' }, anna.author);
		await a.app.store.appendUpdate(room, Y.encodeStateAsUpdate(annasNote));
		// Bo's client moves to B holding Anna's note and a note of his own that never reached the dead instance.
		const moved = connectClient(b, room, bo.token);
		Y.applyUpdate(moved.doc, Y.encodeStateAsUpdate(annasNote));
		addNote(moved.doc, { x: 300, y: 100, text: 'Bos lapp' }, bo.author);
		await moved.synced;

		await waitFor(() => hasText(onB.doc, 'Annas lapp') && hasText(onB.doc, 'Bos lapp'), { message: "both notes at Cecilia's client" });
		await waitFor(async () => ['Annas lapp', 'Bos lapp'].every((text) => hasText(moved.doc, text)), { message: "both notes at Bo's client" });
		expect((await storedTexts(b)).sort()).toEqual(['Annas lapp', 'Bos lapp']);
	});

	it('let in someone who has just joined through the other instance, before the fan-out has told this one', async () => {
		proxy = await redisProxy();
		await start({ redisUrls: [REDIS_URL, proxy.url] }); // B reads Redis through the proxy
		// B holds the workshop doc (the facilitator's page is open there), and then hears nothing from A.
		const facilitator = connectClient(b, workshopRoom(w.code), w.facilitatorToken);
		await facilitator.synced;
		proxy.hold();
		try {
			const dana = await w.participant('g1', 'Dana'); // joined on A
			const onB = connectClient(b, room, dana.token);
			await waitFor(() => onB.provider.synced, { message: "Dana's socket on B let in and synced" });
		} finally {
			// B's Redis connections wait for their replies: let them through, or B cannot close.
			proxy.release();
		}
	});

	it('keep serving and saving through a Redis outage, and converge with every edit once it is back', async () => {
		proxy = await redisProxy();
		await start({ redisUrls: [proxy.url, proxy.url] });
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');
		const onA = await connect(a, anna.token);
		const onB = await connect(b, bo.token);
		addNote(onA.doc, { x: 40, y: 100, text: 'före A' }, anna.author);
		addNote(onB.doc, { x: 300, y: 100, text: 'före B' }, bo.author);
		await waitFor(() => hasText(onA.doc, 'före B') && hasText(onB.doc, 'före A'), { message: 'both before the outage' });
		expect((await a.app.readiness.answer()).body).toEqual({ ok: true, fanout: 'connected', limits: 'shared' });

		await proxy.cut();
		await waitFor(() => a.app.fanout?.state === 'disconnected' && b.app.fanout?.state === 'disconnected', {
			message: 'both instances know Redis is gone'
		});
		// Still ready: the rate limits count in each instance's memory meanwhile, and /readyz says so.
		await waitFor(async () => (await a.app.readiness.answer()).body.limits === 'per-instance', { message: "A's limits in memory" });
		expect((await a.app.readiness.answer()).body).toEqual({ ok: true, fanout: 'disconnected', limits: 'per-instance' });
		addNote(onA.doc, { x: 40, y: 300, text: 'under avbrottet A' }, anna.author);
		addNote(onB.doc, { x: 300, y: 300, text: 'under avbrottet B' }, bo.author);
		// Each instance keeps saving its own clients' edits.
		await waitFor(async () => (await storedTexts(a)).includes('under avbrottet A') && (await storedTexts(b)).includes('under avbrottet B'), {
			message: 'both edits stored during the outage'
		});
		expect(hasText(onB.doc, 'under avbrottet A')).toBe(false);
		expect(hasText(onA.doc, 'under avbrottet B')).toBe(false);

		await proxy.restore();
		const all = ['före A', 'före B', 'under avbrottet A', 'under avbrottet B'];
		await waitFor(() => all.every((text) => hasText(onA.doc, text) && hasText(onB.doc, text)), {
			timeout: 15_000,
			message: 'both clients hold every edit'
		});
		await waitFor(() => a.app.fanout?.isConnected() === true && b.app.fanout?.isConnected() === true, { message: 'both linked again' });
		await waitFor(() => a.app.rateLimits.mode === 'shared', { message: "A's limits in Redis again" });
		// And the live fan-out runs again.
		addNote(onA.doc, { x: 40, y: 500, text: 'efter A' }, anna.author);
		await waitFor(() => hasText(onB.doc, 'efter A'), { message: "A's note after the outage at B" });
		expect(readNotes(onA.doc).map((n) => n.text).sort()).toEqual(readNotes(onB.doc).map((n) => n.text).sort());
	});
});

describe('a workshop deleted on one instance', () => {
	it('is closed and dropped on the other too, and nothing of it is written back', async () => {
		await start();
		const anna = await w.participant('g1', 'Anna');
		const onB = rawClient(b, room, anna.token);
		await onB.opened;
		const bo = await w.participant('g1', 'Bo');
		const writer = await connect(b, bo.token);
		addNote(writer.doc, { x: 40, y: 100, text: 'sparas på B' }, bo.author);
		await waitFor(async () => (await storedTexts(a)).length === 1, { message: "B's note stored" });

		await a.app.retention.deleteNow(w.code, claimsOf(a.app, w.facilitatorToken));
		expect((await onB.closed).code).toBe(CLOSE_WORKSHOP_DELETED);
		await waitFor(() => b.app.rooms.stats().rooms === 0, { message: "the workshop's rooms gone from B" });
		expect(await a.app.store.getWorkshop(w.code)).toBeNull();
		expect((await a.app.store.loadDoc(room)).updates).toEqual([]);
	});
});


describe('a REDIS_URL that does not answer at start', () => {
	it('stops the start with one line that names the server', async () => {
		const dataDir = tempDir();
		await expect(createVerkstad(testConfig({ dataDir, redisUrl: 'redis://127.0.0.1:1' }))).rejects.toThrow(/^Cannot reach Redis at 127\.0\.0\.1:1: connect ECONNREFUSED/);
	});
});
