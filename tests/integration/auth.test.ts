/**
 * Refusals on the upgrade. Each one completes the websocket handshake and then closes with a named
 * code, because that code is all a browser can see (close-codes.ts). Raw `ws` clients capture it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoom, privateRoom, workshopRoom } from '../../src/lib/board';
import { Tokens, TOKEN_TTL_MS } from '../../server/auth/tokens';
import {
	CLOSE_FORBIDDEN,
	CLOSE_NOT_FOUND,
	CLOSE_UNAUTHORIZED
} from '../../server/sync/close-codes';
import { encodeSyncStep1, MESSAGE_SYNC, SYNC_STEP2 } from '../../server/sync/protocol';
import { createWorkshop, lastLine, rawClient, startServer, waitFor, type TestServer, type TestWorkshop } from './helpers';

let server: TestServer;
let w: TestWorkshop;
let other: TestWorkshop;
let g1: { participantId: string; token: string };

beforeAll(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	other = await createWorkshop(server, 2);
	g1 = await w.participant('g1');
});
afterAll(() => server.close());

async function closeCode(room: string, token?: string): Promise<number> {
	const client = rawClient(server, room, token);
	return (await client.closed).code;
}

describe('authentication: 4401', () => {
	it('refuses a connection without a token', async () => {
		expect(await closeCode(workshopRoom(w.code))).toBe(CLOSE_UNAUTHORIZED);
	});

	it('refuses a token signed with another secret', async () => {
		const forged = new Tokens('some-other-secret-of-at-least-32-characters').sign({ role: 'facilitator', code: w.code });
		expect(await closeCode(workshopRoom(w.code), forged)).toBe(CLOSE_UNAUTHORIZED);
	});

	it('refuses a token whose claims were edited after signing', async () => {
		const [, mac] = w.facilitatorToken.split('.');
		const body = Buffer.from(JSON.stringify({ role: 'facilitator', code: other.code, exp: Date.now() + 60_000 })).toString('base64url');
		expect(await closeCode(workshopRoom(other.code), `${body}.${mac}`)).toBe(CLOSE_UNAUTHORIZED);
	});

	it('refuses an expired token', async () => {
		const expired = server.tokens.sign({ role: 'facilitator', code: w.code }, Date.now() - TOKEN_TTL_MS - 1000);
		expect(await closeCode(workshopRoom(w.code), expired)).toBe(CLOSE_UNAUTHORIZED);
	});

	it('refuses garbage in place of a token', async () => {
		expect(await closeCode(workshopRoom(w.code), 'not-a-token')).toBe(CLOSE_UNAUTHORIZED);
	});
});

describe('authorisation: 4403', () => {
	it("refuses another workshop's token", async () => {
		expect(await closeCode(boardRoom(w.code, 'g1'), other.facilitatorToken)).toBe(CLOSE_FORBIDDEN);
	});

	it("refuses a participant on another group's board", async () => {
		expect(await closeCode(boardRoom(w.code, 'g2'), g1.token)).toBe(CLOSE_FORBIDDEN);
	});

	it("refuses someone else's private drafts, the facilitator's included", async () => {
		const g2 = await w.participant('g2');
		expect(await closeCode(privateRoom(w.code, g2.participantId), g1.token)).toBe(CLOSE_FORBIDDEN);
		expect(await closeCode(privateRoom(w.code, g2.participantId), w.facilitatorToken)).toBe(CLOSE_FORBIDDEN);
	});
});

describe('no such room: 4404', () => {
	it('refuses an unknown workshop', async () => {
		const token = server.tokens.sign({ role: 'facilitator', code: 'ZZZZZZ' });
		expect(await closeCode(workshopRoom('ZZZZZZ'), token)).toBe(CLOSE_NOT_FOUND);
	});

	it('refuses a group board the workshop does not have', async () => {
		expect(await closeCode(boardRoom(w.code, 'g99'), w.facilitatorToken)).toBe(CLOSE_NOT_FOUND);
	});

	it('refuses a malformed room name', async () => {
		expect(await closeCode(`${w.code}/attic/x`, w.facilitatorToken)).toBe(CLOSE_NOT_FOUND);
	});
});

describe('admission', () => {
	it('admits the rooms the rules allow and keeps them open', async () => {
		const g2 = await w.participant('g2');
		const allowed: [string, string][] = [
			[workshopRoom(w.code), g1.token],
			[boardRoom(w.code, 'g1'), g1.token],
			[boardRoom(w.code, 'plenary'), g1.token],
			[privateRoom(w.code, g2.participantId), g2.token],
			[boardRoom(w.code, 'g2'), w.facilitatorToken]
		];
		const clients = allowed.map(([room, token]) => rawClient(server, room, token));
		await Promise.all(clients.map((c) => c.opened));
		// An admitted socket answers a sync step 1 with a step 2, readers included.
		for (const c of clients) c.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
		await waitFor(() => clients.every((c) => c.received.some((f) => f[0] === MESSAGE_SYNC && f[1] === SYNC_STEP2)), {
			message: 'a sync step 2 on every socket'
		});
		expect(clients.map((c) => c.ws.readyState)).toEqual(clients.map((c) => c.ws.OPEN));
		for (const c of clients) c.ws.close();
	});

	it('logs each refusal with room, connection and step', async () => {
		await closeCode(boardRoom(w.code, 'g2'), g1.token);
		const line = lastLine(server.log, (l) => l.msg === 'connection refused');
		expect(line?.fields).toMatchObject({ room: boardRoom(w.code, 'g2'), step: 'authorise', code: CLOSE_FORBIDDEN });
		expect(line?.fields.conn).toMatch(/^c\d+$/);
	});
});
