/**
 * Caps on open sync sockets per token and per client address: a socket past a cap is refused
 * with 4429 before it joins its room, others go on, and a closed socket frees its slot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { boardRoom } from '../../src/lib/board';
import { CLOSE_TOO_MANY_SOCKETS } from '../../server/sync/close-codes';
import type { SyncLimits } from '../../server/sync/rooms';
import { createWorkshop, rawClient, startServer, waitFor, type RawClient, type TestServer } from './helpers';

let server: TestServer | undefined;

afterEach(async () => {
	await server?.close();
	server = undefined;
});

const SMALL_CAPS: Partial<SyncLimits> = {
	maxSocketsPerParticipantToken: 3,
	maxSocketsPerFacilitatorToken: 4,
	maxSocketsPerAddress: 6
};

interface Opened {
	client: RawClient;
	/** 'admitted' once the server greeted the socket in its room, else the close code it got. */
	outcome: 'admitted' | number;
}

async function open(s: TestServer, room: string, token: string, headers?: Record<string, string>): Promise<Opened> {
	const client = rawClient(s, room, token, headers);
	const outcome = await new Promise<'admitted' | number>((resolve) => {
		client.ws.once('message', () => resolve('admitted'));
		void client.closed.then(({ code }) => resolve(code));
	});
	return { client, outcome };
}

async function closeAndWaitForServer(s: TestServer, socket: Opened): Promise<void> {
	const before = s.rooms.stats().connections;
	socket.client.ws.close();
	await waitFor(() => s.rooms.stats().connections === before - 1, { message: 'the server saw the socket close' });
}

describe('sockets per token', () => {
	it('refuses one token past its cap with 4429 while other tokens proceed, and frees the slot on close', async () => {
		server = await startServer({ limits: SMALL_CAPS });
		const w = await createWorkshop(server, 1);
		const room = boardRoom(w.code, 'g1');
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');

		const annas = [await open(server, room, anna.token), await open(server, room, anna.token), await open(server, room, anna.token)];
		expect(annas.map((s) => s.outcome)).toEqual(['admitted', 'admitted', 'admitted']);
		const refused = await open(server, room, anna.token);
		expect(refused.outcome).toBe(CLOSE_TOO_MANY_SOCKETS);
		expect((await refused.client.closed).reason).toBe('too many connections for this token');
		expect((await open(server, room, bo.token)).outcome).toBe('admitted');

		await closeAndWaitForServer(server, annas[0]!);
		expect((await open(server, room, anna.token)).outcome).toBe('admitted');
		expect((await open(server, room, anna.token)).outcome).toBe(CLOSE_TOO_MANY_SOCKETS);
	});

	it("gives the facilitator's token its own, larger cap", async () => {
		server = await startServer({ limits: SMALL_CAPS });
		const w = await createWorkshop(server, 1);
		const room = boardRoom(w.code, 'g1');
		const outcomes = [];
		for (let i = 0; i < 5; i++) outcomes.push((await open(server, room, w.facilitatorToken)).outcome);
		expect(outcomes).toEqual(['admitted', 'admitted', 'admitted', 'admitted', CLOSE_TOO_MANY_SOCKETS]);
	});
});

describe('sockets per address', () => {
	it('refuses the address past its cap whatever the token, and frees the slot on close', async () => {
		server = await startServer({ limits: SMALL_CAPS });
		const w = await createWorkshop(server, 1);
		const room = boardRoom(w.code, 'g1');
		// Three people, two sockets each, under their own cap of three: together they fill the address (127.0.0.1).
		const tokens = await Promise.all(['A', 'B', 'C'].map(async (name) => (await w.participant('g1', name)).token));
		const opened: Opened[] = [];
		for (const token of tokens) for (let i = 0; i < 2; i++) opened.push(await open(server, room, token));
		expect(opened.every((s) => s.outcome === 'admitted')).toBe(true);

		const newcomer = (await w.participant('g1', 'D')).token;
		const refused = await open(server, room, newcomer);
		expect(refused.outcome).toBe(CLOSE_TOO_MANY_SOCKETS);
		expect((await refused.client.closed).reason).toBe('too many connections from this address');

		await closeAndWaitForServer(server, opened[0]!);
		expect((await open(server, room, newcomer)).outcome).toBe('admitted');
	});
});

describe('sockets per address behind a proxy', () => {
	it('counts each client under the address the proxy appended, whatever it put further left', async () => {
		server = await startServer({ limits: { ...SMALL_CAPS, maxSocketsPerAddress: 1 }, proxy: { addressHeader: 'x-forwarded-for', xffDepth: 1 } });
		const w = await createWorkshop(server, 1);
		const room = boardRoom(w.code, 'g1');
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');

		// Two people on one TCP peer (the proxy): each their own address.
		expect((await open(server, room, anna.token, { 'x-forwarded-for': '198.51.100.7' })).outcome).toBe('admitted');
		expect((await open(server, room, bo.token, { 'x-forwarded-for': '198.51.100.8' })).outcome).toBe('admitted');
		// A spoofed leftmost entry does not make a new address.
		const spoofed = await open(server, room, anna.token, { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' });
		expect(spoofed.outcome).toBe(CLOSE_TOO_MANY_SOCKETS);
		expect((await spoofed.client.closed).reason).toBe('too many connections from this address');
	});
});
