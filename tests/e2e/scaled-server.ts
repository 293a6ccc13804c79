/**
 * Verkstad at scale in real processes, as `npm run scale` runs it (scripts/scale.js): compiled
 * instances (`npm run build`) on one PostgreSQL schema and one Redis key prefix of their own,
 * behind nginx from deploy/nginx.conf, every port free. For the tests that kill an instance and
 * for bench/scale.ts; tests/e2e/server.ts is the single instance on SQLite.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { findNginx, startProxy, waitUntilAnswering } from '../../scripts/scale-proxy.js';
import { admin, TEST_DATABASE_URL, testSchema } from '../integration/fixtures/store-backends';
import { logTail, newDataDir, startServer, type RunningServer } from './server';

export const REDIS_URL = 'redis://127.0.0.1:6379';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// As server.ts does for the instances: a test process that dies leaves no nginx on a port behind.
const liveProxies = new Set<ChildProcess>();
process.on('exit', () => {
	for (const proxy of liveProxies) proxy.kill('SIGKILL');
});

export interface ScaledServer {
	/** The proxy (nginx): where participants go. */
	url: string;
	/** Each instance's own address, in start order. */
	instanceUrls: string[];
	/** Each instance's process id (for its CPU time in /proc). */
	pids: number[];
	/** DATABASE_URL of the instances, with the schema of their own. */
	databaseUrl: string;
	schema: string;
	/** The Redis key prefix of the instances. */
	redisPrefix: string;
	/** Sends `signal` (SIGKILL unless told) to instance `i`; resolves once it has exited. */
	kill(i: number, signal?: NodeJS.Signals): Promise<void>;
	/** The end of each instance's log, for a failed test to print. */
	logTails(): string;
	/** Stops nginx and drains every instance still running; the data stays for a test to read. */
	stopServers(): Promise<void>;
	/** stopServers, then drops the schema and deletes the Redis keys and the data directories. */
	stop(): Promise<void>;
}

export async function startScaled({ instances = 2 } = {}): Promise<ScaledServer> {
	const nginx = findNginx();
	if (!nginx) throw new Error('nginx was not found: install it (Debian: apt-get install nginx-light) or set NGINX to its path');
	const schema = testSchema();
	const databaseUrl = `${TEST_DATABASE_URL}?schema=${schema}`;
	const redisPrefix = `verkstad-test-${randomBytes(6).toString('hex')}:`;
	const proxyPort = await freePort();
	const url = `http://127.0.0.1:${proxyPort}`;
	const instanceEnv = {
		DATABASE_URL: databaseUrl,
		REDIS_URL,
		REDIS_PREFIX: redisPrefix,
		// As scripts/scale.js: the client's address is the rightmost X-Forwarded-For entry, nginx's.
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1',
		PUBLIC_URL: url
	};
	const servers: RunningServer[] = [];
	let proxy: ChildProcess | null = null;
	// nginx's errors go to a file beside the instances' logs: an instance that refuses connections
	// is expected in these tests, and nginx writes the request line (with its token) for each.
	const proxyDir = newDataDir();
	const logTails = () =>
		[
			...servers.map((server, i) => `--- instance ${i} (${server.url}), the end of its log:\n${logTail(server.dataDir)}`),
			`--- nginx:\n${logTail(proxyDir)}`
		].join('\n');

	let stopped: Promise<void> | null = null;
	const stopServers = () => {
		stopped ??= (async () => {
			if (proxy && proxy.exitCode === null && proxy.signalCode === null) {
				const running = proxy;
				await new Promise((resolve) => running.once('exit', resolve).kill('SIGTERM'));
			}
			await Promise.all(servers.map((server) => (isRunning(server.pid) ? server.stop() : undefined)));
		})();
		return stopped;
	};
	const removeData = async () => {
		const redis = new Redis(REDIS_URL);
		try {
			const keys = await redis.keys(`${redisPrefix}*`);
			if (keys.length) await redis.del(...keys);
		} finally {
			await redis.quit();
		}
		await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		for (const dir of [proxyDir, ...servers.map((server) => server.dataDir)]) fs.rmSync(dir, { recursive: true, force: true });
	};

	try {
		// One after the other: the first makes the schema and the token secret that the others read.
		for (let i = 0; i < instances; i++) {
			const server = await startServer(newDataDir(), 0, instanceEnv);
			servers.push(server);
			await waitUntilAnswering(`${server.url}/readyz`, { timeoutMs: 30_000 });
		}
		const proxyLog = fs.openSync(path.join(proxyDir, 'server.log'), 'a');
		try {
			proxy = await startProxy({
				root,
				nginx,
				listen: `127.0.0.1:${proxyPort}`,
				ports: servers.map((server) => Number(new URL(server.url).port)),
				stdio: ['ignore', 'ignore', proxyLog]
			});
		} finally {
			// nginx has its own copy of the descriptor.
			fs.closeSync(proxyLog);
		}
		const started = proxy;
		liveProxies.add(started);
		started.once('exit', () => liveProxies.delete(started));
	} catch (e) {
		console.error(`the scaled server did not start: ${e instanceof Error ? e.message : e}\n${logTails()}`);
		await stopServers();
		await removeData();
		throw e;
	}

	return {
		url,
		instanceUrls: servers.map((server) => server.url),
		pids: servers.map((server) => server.pid),
		databaseUrl,
		schema,
		redisPrefix,
		kill: (i, signal) => servers[i]!.kill(signal),
		logTails,
		stopServers,
		async stop() {
			await stopServers();
			await removeData();
		}
	};
}

/** Whether the process still runs (signal 0 only checks). */
function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** A port nobody listens on now, for nginx (which cannot report a port 0 it was given). */
async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}
