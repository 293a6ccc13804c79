/**
 * The peer that bench/peer.ts measures Verkstad against: y-websocket 1.5.4's reference server
 * (`bin/server.js`, installed as the devDependency y-websocket-ref), no auth, no rules, in its
 * own process. With `persistenceDir` it persists every update to LevelDB (YPERSISTENCE, via
 * y-leveldb), as its README describes.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

export interface ReferenceServer {
	/** The WebSocket base; a room is `${syncUrl}/${room}`, as y-websocket's client builds it. */
	syncUrl: string;
	pid: number;
	/** SIGTERM; the reference server has no shutdown of its own, so this ends it at once. */
	stop(): Promise<void>;
}

// The package exports bin/utils but not bin/server.js, its executable: found beside its package.json.
const serverScript = path.join(path.dirname(createRequire(import.meta.url).resolve('y-websocket-ref/package.json')), 'bin', 'server.js');

export async function startReferenceServer(persistenceDir?: string): Promise<ReferenceServer> {
	// bin/server.js logs the PORT it was given, not the one it got: so it gets a free one.
	const port = await freePort();
	const child = spawn(process.execPath, [serverScript], {
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...(persistenceDir ? { YPERSISTENCE: persistenceDir } : {}) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`the reference server did not start within 30 s\n${out}`)), 30_000);
		const onData = (d: Buffer) => {
			out += d.toString();
			if (!out.includes('running at')) return;
			clearTimeout(timer);
			resolve();
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the reference server exited with ${code} before listening\n${out}`));
		});
	});
	return {
		syncUrl: `ws://127.0.0.1:${port}`,
		pid: child.pid!,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}
