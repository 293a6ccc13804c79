/**
 * A socket's writes of one turn are held and sent together when the turn ends (turn-writes.ts),
 * over a real loopback TCP connection: nothing is lost, nothing is reordered, nothing stays held.
 */
import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { holdUntilTurnEnds } from '../../server/sync/turn-writes';

const open: net.Socket[] = [];
let server: net.Server | null = null;
afterEach(async () => {
	for (const socket of open.splice(0)) socket.destroy();
	if (server) await new Promise((resolve) => server!.close(resolve));
	server = null;
});

/** The server's end of a loopback connection, and what its client receives, as one string. */
async function connectedPair(): Promise<{ serverSide: net.Socket; received: () => string; receivedAtLeast: (n: number) => Promise<string> }> {
	const accepted = new Promise<net.Socket>((resolve) => {
		server = net.createServer(resolve);
	});
	server!.listen(0, '127.0.0.1');
	await once(server!, 'listening');
	const { port } = server!.address() as net.AddressInfo;
	const client = net.connect(port, '127.0.0.1');
	open.push(client);
	let text = '';
	client.on('data', (d: Buffer) => (text += d.toString()));
	const serverSide = await accepted;
	open.push(serverSide);
	const receivedAtLeast = async (n: number) => {
		while (text.length < n) await once(client, 'data');
		return text;
	};
	return { serverSide, received: () => text, receivedAtLeast };
}

const turnEnd = () => new Promise((resolve) => setImmediate(resolve));

describe('holdUntilTurnEnds', () => {
	it('holds the writes of this turn and sends them, in order, once it ends', async () => {
		const { serverSide, receivedAtLeast } = await connectedPair();
		holdUntilTurnEnds(serverSide);
		serverSide.write('eins ');
		holdUntilTurnEnds(serverSide); // a second frame of the same turn: still corked once
		serverSide.write('zwei ');
		serverSide.write('drei');
		expect(serverSide.writableCorked).toBe(1);
		expect(serverSide.writableLength).toBe('eins zwei drei'.length);

		await turnEnd();
		expect(serverSide.writableCorked).toBe(0);
		expect(await receivedAtLeast('eins zwei drei'.length)).toBe('eins zwei drei');
	});

	it('releases every socket held in the turn, and holds again in the next', async () => {
		const a = await connectedPair();
		const b = await connectedPair();
		holdUntilTurnEnds(a.serverSide);
		holdUntilTurnEnds(b.serverSide);
		a.serverSide.write('till A');
		b.serverSide.write('till B');
		await turnEnd();
		expect([a.serverSide.writableCorked, b.serverSide.writableCorked]).toEqual([0, 0]);
		expect(await a.receivedAtLeast(6)).toBe('till A');
		expect(await b.receivedAtLeast(6)).toBe('till B');

		holdUntilTurnEnds(a.serverSide);
		a.serverSide.write(' igen');
		expect(a.serverSide.writableCorked).toBe(1);
		await turnEnd();
		expect(await a.receivedAtLeast(11)).toBe('till A igen');
	});

	it('lets a socket that ends or is destroyed during the turn go without an error', async () => {
		const ending = await connectedPair();
		const destroyed = await connectedPair();
		holdUntilTurnEnds(ending.serverSide);
		holdUntilTurnEnds(destroyed.serverSide);
		ending.serverSide.write('hej då');
		// ws ends a socket after the close handshake: end() flushes what was held.
		ending.serverSide.end();
		destroyed.serverSide.write('förlorad');
		destroyed.serverSide.destroy();
		await turnEnd();
		expect(await ending.receivedAtLeast(6)).toBe('hej då');
		expect(destroyed.serverSide.destroyed).toBe(true);
	});
});
