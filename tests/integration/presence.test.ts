/**
 * Presence (awareness) with stock y-websocket clients: a real group keeps everyone's presence even
 * though every client re-sends the states of the others it knows; nobody can fake or erase another
 * live person's presence; a state above the size bound reaches nobody.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { boardRoom } from '../../src/lib/board';
import { CLOSE_TOO_LARGE } from '../../server/sync/close-codes';
import {
	decodeAwarenessEntries,
	decodeMessage,
	encodeAwareness,
	encodeAwarenessEntries,
	encodeSyncStep1,
	type AwarenessEntry
} from '../../server/sync/protocol';
import { DEFAULT_SYNC_LIMITS } from '../../server/sync/rooms';
import { connectClient, createWorkshop, rawClient, startServer, waitFor, type Client, type TestServer } from './helpers';

let server: TestServer | undefined;

afterEach(async () => {
	await server?.close();
	server = undefined;
});

/** The user names a client currently sees, itself included, sorted. */
function namesSeenBy(client: Client): string[] {
	const states = [...client.provider.awareness.getStates().values()] as { user?: { name?: string } }[];
	return states.flatMap((s) => (s.user?.name ? [s.user.name] : [])).sort();
}

/** Every user name a client has ever been shown, in the order it saw them. */
function recordNamesShownTo(client: Client): string[] {
	const shown: string[] = [];
	client.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
		for (const id of [...added, ...updated]) {
			const name = (client.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name;
			if (name) shown.push(name);
		}
	});
	return shown;
}

/** Stock clients in group g1's board, one participant each, each announcing their name; all synced. */
async function group(s: TestServer, names: readonly string[]) {
	const w = await createWorkshop(s, 1);
	const room = boardRoom(w.code, 'g1');
	/** Close codes the server sent to any of the clients. */
	const closes: number[] = [];
	const clients: Client[] = [];
	// One at a time, as people arrive: each newcomer gets everyone's presence and re-sends it.
	for (const name of names) {
		const { token } = await w.participant('g1', name);
		const client = connectClient(s, room, token);
		// A null event is a close of our own (destroy), not the server's.
		client.provider.on('connection-close', (event: CloseEvent | null) => void (event && closes.push(event.code)));
		client.provider.awareness.setLocalStateField('user', { name });
		await client.synced;
		clients.push(client);
	}
	return { w, room, clients, closes };
}

const awarenessFrame = (...entries: AwarenessEntry[]) => encodeAwareness(encodeAwarenessEntries(entries));

describe('a group of twelve stock clients', () => {
	it('keeps every presence, with no socket closed, and drops a person who leaves', async () => {
		server = await startServer();
		const names = Array.from({ length: 12 }, (_, i) => `Person ${String(i + 1).padStart(2, '0')}`);
		const { clients, closes } = await group(server, names);

		await waitFor(() => clients.every((c) => namesSeenBy(c).join() === names.join()), {
			message: 'every client sees all twelve',
			timeout: 10_000
		});
		expect(closes).toEqual([]);
		expect(server.rooms.stats().connections).toBe(12);

		// The others keep re-sending what they knew of the leaver; that must not bring them back.
		clients.pop()!.destroy();
		const stayed = names.slice(0, 11);
		await waitFor(() => clients.every((c) => namesSeenBy(c).join() === stayed.join()), {
			message: 'the leaver gone for everyone',
			timeout: 10_000
		});
		expect(closes).toEqual([]);
	});
});

describe('a presence change', () => {
	it('reaches the others and is not echoed back to its sender', async () => {
		server = await startServer();
		const {
			w,
			room,
			clients: [bo]
		} = await group(server, ['Bo']);
		const anna = rawClient(server, room, (await w.participant('g1', 'Anna')).token);
		await anna.opened;
		anna.ws.send(awarenessFrame({ clientId: 4242, clock: 1, state: { user: { name: 'Anna' } } }));
		// Handled after the awareness on the same socket: once its answer is here, so would an echo be.
		anna.ws.send(encodeSyncStep1(new Uint8Array([0])));
		const messages = () => anna.received.map((frame) => decodeMessage(frame));
		await waitFor(() => messages().some((m) => m.kind === 'sync-step2'), { message: "the answer to Anna's step 1" });
		await waitFor(() => namesSeenBy(bo!).includes('Anna'), { message: 'Anna at Bo' });

		const idsSentToAnna = messages().flatMap((m) => (m.kind === 'awareness' ? decodeAwarenessEntries(m.update).map((e) => e.clientId) : []));
		expect(idsSentToAnna).toContain(bo!.doc.clientID);
		expect(idsSentToAnna).not.toContain(4242);
	});
});

describe("another person's client id", () => {
	it('re-sent with a higher clock or a null state neither fakes nor erases their live presence', async () => {
		server = await startServer();
		const {
			w,
			room,
			clients: [anna, bo]
		} = await group(server, ['Anna', 'Bo']);
		await waitFor(() => namesSeenBy(bo!).join() === 'Anna,Bo', { message: 'Bo sees Anna' });
		const shownToBo = recordNamesShownTo(bo!);

		const mallory = rawClient(server, room, (await w.participant('g1', 'Mallory')).token);
		await mallory.opened;
		const annaId = anna!.doc.clientID;
		const annaClock = anna!.provider.awareness.meta.get(annaId)!.clock;
		mallory.ws.send(awarenessFrame({ clientId: annaId, clock: annaClock + 100, state: { user: { name: 'Falska Anna' } } }));
		mallory.ws.send(awarenessFrame({ clientId: annaId, clock: annaClock + 200, state: null }));
		// Mallory's own presence, sent last on the same socket: once Bo has it, the server has handled the two before.
		mallory.ws.send(awarenessFrame({ clientId: 4242, clock: 1, state: { user: { name: 'Mallory' } } }));
		await waitFor(() => namesSeenBy(bo!).includes('Mallory'), { message: "Mallory's own presence at Bo" });

		expect(namesSeenBy(bo!)).toEqual(['Anna', 'Bo', 'Mallory']);
		expect(shownToBo).not.toContain('Falska Anna');
		// Anna's own next change still counts: the server's clock for her id was not pushed ahead.
		anna!.provider.awareness.setLocalStateField('user', { name: 'Anna A' });
		await waitFor(() => namesSeenBy(bo!).includes('Anna A'), { message: "Anna's rename at Bo" });
	});

	it("passes between one person's sockets: a reconnect before the old socket closed keeps the presence", async () => {
		server = await startServer();
		const {
			w,
			room,
			clients: [bo]
		} = await group(server, ['Bo']);
		const anna = await w.participant('g1', 'Anna');
		const gone: number[] = [];
		bo!.provider.awareness.on('change', ({ removed }: { removed: number[] }) => void gone.push(...removed));
		const annaId = 5000;

		const oldSocket = rawClient(server, room, anna.token);
		await oldSocket.opened;
		oldSocket.ws.send(awarenessFrame({ clientId: annaId, clock: 1, state: { user: { name: 'Anna' } } }));
		await waitFor(() => namesSeenBy(bo!).includes('Anna'), { message: 'Anna at Bo' });

		const newSocket = rawClient(server, room, anna.token);
		await newSocket.opened;
		newSocket.ws.send(awarenessFrame({ clientId: annaId, clock: 2, state: { user: { name: 'Anna igen' } } }));
		await waitFor(() => namesSeenBy(bo!).includes('Anna igen'), { message: "Anna's new socket at Bo" });

		oldSocket.ws.close();
		await waitFor(() => server!.rooms.stats().connections === 2, { message: 'the old socket closed at the server' });
		newSocket.ws.send(awarenessFrame({ clientId: annaId, clock: 3, state: { user: { name: 'Anna tredje' } } }));
		await waitFor(() => namesSeenBy(bo!).includes('Anna tredje'), { message: "Anna's next change at Bo" });
		expect(gone).not.toContain(annaId);

		newSocket.ws.close();
		await waitFor(() => gone.includes(annaId), { message: 'Anna gone once her last socket closed' });
		expect(namesSeenBy(bo!)).toEqual(['Bo']);
	});
});

describe('an awareness state above maxAwarenessStateBytes', () => {
	const { maxAwarenessStateBytes, maxPayloadBytes } = DEFAULT_SYNC_LIMITS;

	it.each([
		['just over the bound', maxAwarenessStateBytes + 1],
		['of 1.9 MB, under the frame limit', 1_900_000]
	])('%s closes its socket with 4413 and reaches nobody', async (_, nameLength) => {
		expect(nameLength + 100).toBeLessThan(maxPayloadBytes);
		server = await startServer();
		const {
			w,
			room,
			clients: [bo]
		} = await group(server, ['Bo']);
		const shownToBo = recordNamesShownTo(bo!);
		const big = connectClient(server, room, (await w.participant('g1', 'Stor')).token);
		let closedWith: number | null = null;
		big.provider.on('connection-close', (event: CloseEvent | null) => void (event && (closedWith = event.code)));
		big.provider.awareness.setLocalStateField('user', { name: 'S'.repeat(nameLength) });
		await waitFor(() => closedWith !== null, { message: 'the server closing the big state' });
		expect(closedWith).toBe(CLOSE_TOO_LARGE);

		// A later presence reaches Bo through the same server, after whatever the big one caused.
		const later = connectClient(server, room, (await w.participant('g1', 'Cecilia')).token);
		later.provider.awareness.setLocalStateField('user', { name: 'Cecilia' });
		await waitFor(() => namesSeenBy(bo!).includes('Cecilia'), { message: 'Cecilia at Bo' });
		expect(shownToBo.every((name) => name.length < 100)).toBe(true);
		expect(namesSeenBy(bo!)).toEqual(['Bo', 'Cecilia']);
	});
});
