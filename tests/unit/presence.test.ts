/**
 * Presence ownership at the edges a group of stock clients rarely reaches: a socket at its bound,
 * a late relay of someone who left, the room's own client id. A real Room over a real (in-memory)
 * SqliteStore; the peers are plain objects standing in for sockets, recording what they are sent.
 */
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { Claims } from '../../server/auth/tokens';
import type { Log } from '../../server/log';
import { encodeAwarenessEntries, ProtocolError, type AwarenessEntry } from '../../server/sync/protocol';
import { Room, type Peer } from '../../server/sync/room';
import { DEFAULT_SYNC_LIMITS } from '../../server/sync/rooms';
import { SqliteStore } from '../../server/store/sqlite-store';
import { boardRoom } from '../../src/lib/board';

const silent: Log = { debug() {}, info() {}, warn() {}, error() {} };
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function loadedRoom(): Promise<Room> {
	const store = new SqliteStore(':memory:');
	const room = new Room(boardRoom('ABCDEF', 'g1'), { store, log: silent, limits: { ...DEFAULT_SYNC_LIMITS, maxAwarenessClients: 2 } });
	cleanups.push(() => store.close(), () => room.destroy());
	await room.ready;
	return room;
}

let nextPeer = 0;
function peerOf(room: Room, participantId: string): Peer {
	const claims: Claims = { role: 'participant', code: 'ABCDEF', participantId, groupId: 'g1', exp: Date.now() + 60_000 };
	const peer: Peer = {
		kind: 'peer',
		id: `p${++nextPeer}`,
		mode: 'write',
		awarenessIds: new Set(),
		claims,
		send() {},
		close() {}
	};
	room.addPeer(peer);
	return peer;
}

const send = (room: Room, peer: Peer, ...entries: AwarenessEntry[]) => room.applyAwareness(peer, encodeAwarenessEntries(entries));
const nameOf = (room: Room, clientId: number) => (room.awareness.getStates().get(clientId) as { name?: string } | undefined)?.name;

describe('a socket at its bound of held ids', () => {
	it("is not refused for relaying its own person's id that another of their sockets holds", async () => {
		const room = await loadedRoom();
		const firstTab = peerOf(room, 'anna');
		const secondTab = peerOf(room, 'anna');
		expect(send(room, firstTab, { clientId: 1, clock: 1, state: { name: 'Anna' } })).toBe('applied');
		expect(send(room, secondTab, { clientId: 2, clock: 1, state: { name: 'Anna 2' } }, { clientId: 3, clock: 1, state: { name: 'Anna 3' } })).toBe('applied');

		// Heard over BroadcastChannel, with a newer clock: at the bound, the id stays where it is.
		expect(send(room, secondTab, { clientId: 1, clock: 2, state: { name: 'Anna' } })).toBe('applied');
		expect([...firstTab.awarenessIds]).toEqual([1]);
		expect([...secondTab.awarenessIds].sort()).toEqual([2, 3]);
		// A fresh id is a claim, and over the bound it is refused without changing anything.
		expect(send(room, secondTab, { clientId: 4, clock: 1, state: { name: 'Spöke' } })).toBe('too-many-clients');
		expect(room.awareness.getStates().has(4)).toBe(false);
	});

	it('is not refused for late relays of people who have left, and does not bring them back', async () => {
		const room = await loadedRoom();
		const leavers = [peerOf(room, 'a'), peerOf(room, 'b'), peerOf(room, 'c')];
		leavers.forEach((peer, i) => send(room, peer, { clientId: 10 + i, clock: 5, state: { name: `Lämnar ${i}` } }));
		for (const peer of leavers) room.removePeer(peer);

		const bo = peerOf(room, 'bo');
		expect(send(room, bo, { clientId: 20, clock: 1, state: { name: 'Bo' } })).toBe('applied');
		// What Bo knew of them, sent before the server's removals reached Bo.
		const relay = leavers.map((_, i) => ({ clientId: 10 + i, clock: 5, state: { name: `Lämnar ${i}` } }));
		expect(send(room, bo, ...relay)).toBe('applied');
		expect([...room.awareness.getStates().keys()]).toEqual([20]);
		expect([...bo.awarenessIds]).toEqual([20]);
	});
});

describe("the room's own client id", () => {
	it('is never claimed', async () => {
		const room = await loadedRoom();
		const mallory = peerOf(room, 'mallory');
		send(room, mallory, { clientId: room.awareness.clientID, clock: 99, state: { name: 'Servern' } });
		expect(nameOf(room, room.awareness.clientID)).toBeUndefined();
		expect(mallory.awarenessIds.size).toBe(0);
	});
});

describe("a relay of another live person's state", () => {
	/** One entry whose state is `json` as sent, not necessarily JSON. */
	const rawEntry = (clientId: number, clock: number, json: string) =>
		encoding.encode((e) => {
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint(e, clientId);
			encoding.writeVarUint(e, clock);
			encoding.writeVarString(e, json);
		});

	it('is dropped unread, while broken JSON of a claim still throws', async () => {
		const room = await loadedRoom();
		const anna = peerOf(room, 'anna');
		const bo = peerOf(room, 'bo');
		expect(send(room, anna, { clientId: 1, clock: 1, state: { name: 'Anna' } })).toBe('applied');

		expect(room.applyAwareness(bo, rawEntry(1, 2, '{"name":'))).toBe('applied');
		expect(nameOf(room, 1)).toBe('Anna');
		expect(() => room.applyAwareness(bo, rawEntry(2, 1, '{"name":'))).toThrow(ProtocolError);
		expect(bo.awarenessIds.size).toBe(0);
	});
});

describe('an id held on another instance', () => {
	it('is dropped from a local socket, even with a newer clock, until the other instance says it left', async () => {
		const room = await loadedRoom();
		const bo = peerOf(room, 'bo');
		room.applyRemoteAwareness(encodeAwarenessEntries([{ clientId: 7, clock: 1, state: { name: 'Anna' } }]));
		expect(nameOf(room, 7)).toBe('Anna');

		expect(send(room, bo, { clientId: 7, clock: 5, state: { name: 'Falsk' } }, { clientId: 7, clock: 6, state: null })).toBe('applied');
		expect(nameOf(room, 7)).toBe('Anna');
		expect(bo.awarenessIds.size).toBe(0);

		room.applyRemoteAwareness(encodeAwarenessEntries([{ clientId: 7, clock: 2, state: null }]));
		expect(room.awareness.getStates().has(7)).toBe(false);
		// Gone there: a claim here is a claim like any other.
		expect(send(room, bo, { clientId: 7, clock: 3, state: { name: 'Bo' } })).toBe('applied');
		expect(nameOf(room, 7)).toBe('Bo');
	});
});
