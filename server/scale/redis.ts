/**
 * The one way Verkstad connects to Redis (REDIS_URL). Each user of Redis (the fan-out between
 * instances, the shared rate limits) gets its own connection from here, since
 * a connection that blocks on XREAD or subscribes to pub/sub can do nothing else.
 *
 * Redis going away must never stop an instance from serving its own clients (issue 12 §5):
 * commands fail at once instead of queueing while the connection is down, and the connection
 * retries for ever, at most every 2 s, logging each change of state once.
 */
import { Redis } from 'ioredis';
import type { Log } from '../log';

/** The longest wait between reconnection attempts. */
const RETRY_MAX_MS = 2000;

export function connectRedis(url: string, opts: { name: string; log: Log }): Redis {
	const redis = new Redis(url, {
		connectionName: `verkstad-${opts.name}`,
		// A command while disconnected fails fast; the caller falls back to working alone.
		enableOfflineQueue: false,
		maxRetriesPerRequest: 0,
		retryStrategy: (attempt) => Math.min(attempt * 200, RETRY_MAX_MS)
	});
	let up = false;
	redis.on('ready', () => {
		up = true;
		opts.log.info('redis connected', { step: 'redis', connection: opts.name });
	});
	redis.on('error', (e: Error) => {
		// ioredis emits an error for every failed attempt; say it once per outage.
		if (!up) return;
		up = false;
		opts.log.warn('redis unavailable', { step: 'redis', connection: opts.name, error: e.message });
	});
	redis.on('end', () => {
		up = false;
	});
	return redis;
}

/** How long the start waits for Redis before it refuses to start. */
const START_CHECK_MS = 5000;

/**
 * At start, REDIS_URL must answer: a wrong host or port is a configuration error, said in one line
 * (without a password) instead of an instance that silently works alone. Once started, an outage
 * is survived (see above).
 */
export async function checkRedisAtStart(url: string): Promise<void> {
	const where = describeRedis(url);
	const probe = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: START_CHECK_MS });
	// The connection's own error says why (ECONNREFUSED, ENOTFOUND, NOAUTH); the rejection only that it closed.
	let reason: Error | null = null;
	probe.on('error', (err: Error) => (reason ??= err));
	try {
		await probe.connect();
		await probe.ping();
	} catch (err) {
		const cause = reason ?? err;
		throw new Error(`Cannot reach Redis at ${where}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
	} finally {
		probe.disconnect();
	}
}

function describeRedis(url: string): string {
	const parsed = new URL(url);
	return `${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
}
