/**
 * SIGKILL of one instance (issue 12 §5), in real processes: two compiled instances on PostgreSQL
 * and Redis behind nginx (tests/e2e/scaled-server.ts; needs `npm run build`), stock y-websocket
 * clients writing notes on one board.
 *
 * "Acknowledged" is what another client saw: the server relays only what it has committed, so an
 * edit that reached any other client must survive the kill. Stayers connect through nginx and are
 * spread over both instances; two leavers sit on the doomed instance and leave with it (a laptop
 * closed in the same second), so their edits live on only in what the instance had committed —
 * the clients that stay would otherwise send their own edits again and hide a loss.
 */
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, boardRoom, readNotes, type Author } from '../../src/lib/board';
import { PgStore } from '../../server/store/pg-store';
import { pgStoreOptions } from '../../server/store/open-store';
import { close, connect, postJson, type BenchClient } from '../../bench/clients';
import { startScaled, type ScaledServer } from '../e2e/scaled-server';
import { waitFor } from './helpers';

const STAYERS = 6;
/** Each writer adds a note this often: fast enough that the kill lands among edits in flight. */
const EDIT_EVERY_MS = 40;

let scaled: ScaledServer | null = null;
const writers: Writer[] = [];
afterEach(async ({ task }) => {
	if (task.result?.state === 'fail' && scaled) console.error(scaled.logTails());
	for (const writer of writers.splice(0)) writer.stop();
	acknowledged.clear();
	await scaled?.stop();
	scaled = null;
});

interface Writer {
	name: string;
	client: BenchClient;
	/** Texts of the notes this writer added. */
	written: string[];
	/** Times the socket closed under it. */
	disconnects: number;
	start(): void;
	/** Stops adding notes (the client stays connected). */
	pause(): void;
	/** Stops adding notes and closes the client. */
	stop(): void;
}

/** Texts that some client saw arrive from another client: relayed, hence committed. */
const acknowledged = new Set<string>();

function writer(syncUrl: string, room: string, token: string, author: Author): Writer {
	const client = connect(syncUrl, room, token);
	const written: string[] = [];
	let timer: NodeJS.Timeout | null = null;
	const notes = client.doc.getMap('notes') as Y.Map<Y.Map<unknown>>;
	notes.observe((event) => {
		for (const [id, change] of event.changes.keys) {
			const text = change.action === 'add' ? String(notes.get(id)?.get('text') ?? '') : '';
			if (text && !text.startsWith(`${author.name}:`)) acknowledged.add(text);
		}
	});
	const self: Writer = {
		name: author.name,
		client,
		written,
		disconnects: 0,
		start() {
			timer = setInterval(() => {
				const text = `${author.name}:${written.length}`;
				addNote(client.doc, { x: 40 + (written.length % 20) * 60, y: 100 + Math.floor(written.length / 20) * 40, text }, author);
				written.push(text);
			}, EDIT_EVERY_MS);
		},
		pause() {
			if (timer) clearInterval(timer);
			timer = null;
		},
		stop() {
			self.pause();
			close(client);
		}
	};
	client.provider.on('status', ({ status }: { status: string }) => {
		if (status === 'disconnected') self.disconnects++;
	});
	writers.push(self);
	return self;
}

/** verkstad_sync_connections of one instance, from its /metrics. */
async function connections(instanceUrl: string): Promise<number> {
	const text = await (await fetch(`${instanceUrl}/metrics`)).text();
	return Number(/^verkstad_sync_connections (\d+)$/m.exec(text)?.[1] ?? NaN);
}

const texts = (doc: Y.Doc) => new Set(readNotes(doc).map((note) => note.text));
const missing = (wanted: Iterable<string>, have: Set<string>) => [...wanted].filter((text) => !have.has(text));

it('an instance killed mid-edit loses no acknowledged edit, and its clients reconnect through nginx to the other and converge', { timeout: 120_000 }, async () => {
	scaled = await startScaled({ instances: 2 });
	const { url, instanceUrls } = scaled;
	const [doomed, survivor] = instanceUrls as [string, string];

	const { code } = await postJson<{ code: string }>(`${url}/api/workshops`, { title: 'Nedslaget', template: 'blank', groups: 1 });
	const room = boardRoom(code, 'g1');
	const join = async (name: string) => {
		const organisation = 'Region Test';
		const joined = await postJson<{ participantId: string; token: string }>(`${url}/api/workshops/${code}/participants`, { name, organisation, groupId: 'g1' });
		return { token: joined.token, author: { id: joined.participantId, name, organisation } };
	};
	// Each joins through nginx and connects at once, maybe to the instance that did not seat them.
	const leavers: Writer[] = [];
	for (const name of ['leave0', 'leave1']) {
		const { token, author } = await join(name);
		leavers.push(writer(doomed, room, token, author));
	}
	await waitFor(() => leavers.every((leaver) => leaver.client.provider.synced), { message: 'the leavers synced' });
	// One at a time, so that nginx's least_conn alternates between the instances.
	const stayers: Writer[] = [];
	for (let i = 0; i < STAYERS; i++) {
		const { token, author } = await join(`stay${i}`);
		const stayer = writer(url, room, token, author);
		await waitFor(() => stayer.client.provider.synced, { message: `${author.name} synced through nginx` });
		stayers.push(stayer);
	}

	// Spread: the doomed instance holds the leavers and some stayers, the survivor the other stayers.
	let onDoomed = 0;
	await waitFor(
		async () => {
			onDoomed = await connections(doomed);
			return onDoomed + (await connections(survivor)) === stayers.length + leavers.length;
		},
		{ message: 'every client counted by one instance' }
	);
	const stayersOnDoomed = onDoomed - leavers.length;
	expect(stayersOnDoomed, 'stayers that nginx sent to the doomed instance').toBeGreaterThan(0);
	expect(stayersOnDoomed, 'stayers that nginx sent to the survivor').toBeLessThan(STAYERS);

	for (const w of [...stayers, ...leavers]) w.start();
	await waitFor(() => leavers.every((leaver) => [...acknowledged].some((text) => text.startsWith(`${leaver.name}:`))) && acknowledged.size > 50, {
		timeout: 20_000,
		message: 'edits from every leaver seen by other clients'
	});

	// The leavers' laptops close and their instance dies together: what it committed is all that is left of them.
	for (const leaver of leavers) leaver.stop();
	const acknowledgedAtKill = new Set(acknowledged);
	await scaled.kill(0, 'SIGKILL');

	// The stayers of the doomed instance reconnect through nginx, which now has only the survivor.
	await waitFor(async () => stayers.every((s) => s.client.provider.wsconnected && s.client.provider.synced) && (await connections(survivor)) === STAYERS, {
		timeout: 20_000,
		message: 'every stayer connected to the survivor'
	});
	expect(stayers.filter((s) => s.disconnects > 0).length, 'stayers the kill disconnected').toBe(stayersOnDoomed);
	// They keep working on the survivor for a while, then stop and settle.
	const writtenAtReconnect = stayers.map((s) => s.written.length);
	await waitFor(() => stayers.every((s, i) => s.written.length >= writtenAtReconnect[i]! + 10), { timeout: 20_000, message: 'ten more notes from each stayer' });
	for (const stayer of stayers) stayer.pause();

	const everyStayersEdit = stayers.flatMap((s) => s.written);
	await waitFor(() => stayers.every((s) => missing(everyStayersEdit, texts(s.client.doc)).length === 0), {
		timeout: 20_000,
		message: "every stayer's edits at every stayer"
	});
	const converged = texts(stayers[0]!.client.doc);
	for (const stayer of stayers) expect([...texts(stayer.client.doc)].sort(), `${stayer.name}'s notes`).toEqual([...converged].sort());
	expect(missing(acknowledgedAtKill, converged), 'acknowledged edits missing at the clients').toEqual([]);

	// What PostgreSQL holds once everything has stopped: read by a store of the test's own.
	await scaled.stopServers();
	for (const stayer of stayers) stayer.stop();
	const store = new PgStore(pgStoreOptions(scaled.databaseUrl));
	const stored = new Y.Doc();
	try {
		for (const update of (await store.loadDoc(room)).updates) Y.applyUpdate(stored, update);
	} finally {
		await store.close();
	}
	expect(missing(acknowledgedAtKill, texts(stored)), 'acknowledged edits missing from the store').toEqual([]);
	// The store may hold more than the clients: what the killed instance committed in its last
	// milliseconds and never published reaches the survivor's loaded room only when it reloads.
	expect(missing(converged, texts(stored)), 'notes of the clients missing from the store').toEqual([]);
});
