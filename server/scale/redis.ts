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
