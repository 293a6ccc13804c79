/**
 * Two (or more) Verkstad instances in one test process, as production runs them at scale: each
 * made by createVerkstad, each on its own port, sharing one PostgreSQL schema of the test's own and
 * linked through the real Redis under a key prefix of the test's own.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createVerkstad, type Verkstad } from '../../server/app';
import type { Config } from '../../server/config';
import { admin, TEST_DATABASE_URL, testSchema } from './fixtures/store-backends';
import { tempDir, testConfig, waitFor } from './helpers';

export const REDIS_URL = 'redis://127.0.0.1:6379';

export interface Instance {
	app: Verkstad;
	/** Base URL for WebsocketProvider: ws://127.0.0.1:<port>/sync */
	syncUrl: string;
	port: number;
	/** Registers something to close with the instance (clients made by connectClient). */
	track(cleanup: () => void): void;
	close(): Promise<void>;
}

export interface Instances {
	instances: Instance[];
	/** The Redis key prefix of this test: every stream and channel starts with it. */
	prefix: string;
	/** A Redis connection of the test's own, to look at the streams. */
	redis: Redis;
	/** Closes every instance, deletes the test's Redis keys and the data. */
	close(): Promise<void>;
}

/**
 * Starts `count` instances on one data set. `redisUrls` (by instance; the rest use Redis itself)
 * lets a test put a proxy between some instances and Redis.
 */
export async function startInstances(opts: { count?: number; redisUrls?: string[] } = {}): Promise<Instances> {
	const dataDir = tempDir();
	const prefix = `verkstad-test-${randomBytes(6).toString('hex')}:`;
	// At scale as in production: one PostgreSQL schema of the test's own (openStore creates it).
	const schema = testSchema();
	const config = testConfig({
		dataDir,
		databaseUrl: `${TEST_DATABASE_URL}?schema=${schema}`,
		redisUrl: REDIS_URL,
		redisPrefix: prefix
	});
	const instances: Instance[] = [];
	// One after the other: the first makes the schema and the token secret the others read.
	for (let i = 0; i < (opts.count ?? 2); i++) {
		instances.push(await startInstance({ ...config, redisUrl: opts.redisUrls?.[i] ?? REDIS_URL }));
	}
	await waitFor(() => instances.every((instance) => instance.app.fanout?.isConnected()), { message: 'every instance linked through Redis' });
	// Until its own connection is ready an instance counts its rate limits in memory.
	await waitFor(() => instances.every((instance) => instance.app.rateLimits.mode === 'shared'), { message: 'every instance counting its limits in Redis' });
	const redis = new Redis(REDIS_URL);
	return {
		instances,
		prefix,
		redis,
		async close() {
			await Promise.all(instances.map((instance) => instance.close()));
			const keys = await redis.keys(`${prefix}*`);
			if (keys.length) await redis.del(...keys);
			await redis.quit();
			await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

async function startInstance(config: Config): Promise<Instance> {
	const app = await createVerkstad(config);
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	server.on('upgrade', (req, socket, head) => app.rooms.handleUpgrade(req, socket, head));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const cleanups: (() => void)[] = [];
	let closed: Promise<void> | null = null;
	return {
		app,
		syncUrl: `ws://127.0.0.1:${port}/sync`,
		port,
		track: (cleanup) => void cleanups.push(cleanup),
		close() {
			closed ??= (async () => {
				for (const cleanup of cleanups.splice(0)) cleanup();
				await app.close();
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
			})();
			return closed;
		}
	};
}

export interface RedisProxy {
	/** redis://… through the proxy: give it to the instances. */
	url: string;
	/** Redis goes away, from the instances' point of view: every connection is cut and new ones are refused. */
	cut(): Promise<void>;
	/** Redis is back, on the same port. */
	restore(): Promise<void>;
	/** Nothing Redis sends reaches the instances until `release` (a stalled reader), the connections stay up. */
	hold(): void;
	release(): void;
}

/** A TCP proxy in front of the machine's Redis, so that a test can take Redis away without touching it. */
export async function redisProxy(): Promise<RedisProxy> {
	const sockets = new Set<net.Socket>();
	/** Each Redis-side socket with the instance-side socket it feeds. */
	const replies = new Map<net.Socket, net.Socket>();
	let server: net.Server | null = null;
	let port = 0;
	const listen = async () => {
		const listening = net.createServer((client) => {
			const upstream = net.connect(6379, '127.0.0.1');
			const drop = () => {
				replies.delete(upstream);
				for (const socket of [client, upstream]) {
					socket.destroy();
					sockets.delete(socket);
				}
			};
			for (const socket of [client, upstream]) {
				sockets.add(socket);
				socket.on('error', drop);
				socket.on('close', drop);
			}
			client.pipe(upstream);
			upstream.pipe(client);
			replies.set(upstream, client);
		});
		await new Promise<void>((resolve) => listening.listen(port, '127.0.0.1', resolve));
		port = (listening.address() as AddressInfo).port;
		server = listening;
	};
	const cut = async () => {
		const listening = server;
		server = null;
		if (!listening) return;
		const closed = new Promise<void>((resolve) => listening.close(() => resolve()));
		for (const socket of sockets) socket.destroy();
		await closed;
	};
	await listen();
	return {
		url: `redis://127.0.0.1:${port}`,
		cut,
		restore: listen,
		hold: () => replies.forEach((client, upstream) => upstream.unpipe(client)),
		release: () => replies.forEach((client, upstream) => upstream.pipe(client))
	};
}
