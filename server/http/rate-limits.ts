/**
 * Every rate limit of the server, shared by all instances (issue 12 §4): HTTP calls per client
 * address (src/lib/server/limits.ts, api.ts) and chat messages per author (workshops/chat.ts).
 * Each limit is a fixed window (rate-limiter-flexible: the first attempt opens a window of
 * `seconds`; `points` attempts fit in it).
 *
 * With REDIS_URL the counts live in Redis under `keyPrefix`, so one budget holds across
 * instances, on a connection of their own. A Redis that does not answer must not refuse everyone:
 * each limiter then counts in this instance's memory (rate-limiter-flexible's insurance limiter)
 * until Redis is back, so the budget is per instance during an outage. Without REDIS_URL it is
 * memory alone, as with one instance there is nothing to share.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

interface Limit {
	points: number;
	seconds: number;
}

const HOUR = 60 * 60;

/**
 * The numbers are set so that a real facilitator never meets them, even behind a shared address:
 * a region's planning day may create a dozen workshops from one office NAT, and move a few
 * between servers by export and import.
 */
export const LIMITS = {
	/** 30 an hour: a whole day's dozen fits twice in one hour. A workshop costs tens of KB. */
	workshopCreation: { points: 30, seconds: HOUR },
	/**
	 * 20 an hour: imports move or restore workshops, a few a day. One may carry 50 MB of pictures,
	 * so one address adds at most 1 GB an hour, and the free-space floor stops it before the disk fills.
	 */
	workshopImport: { points: 20, seconds: HOUR },
	/** 20 an hour: a template file is small, and the server keeps at most OWN_TEMPLATES_MAX of them. */
	templateImport: { points: 20, seconds: HOUR },
	/**
	 * Looking up codes is what a brute-force attack would do. A conference venue puts a whole room
	 * behind one NAT address, each person loading the join page and joining, so the limit is
	 * generous: 300 a minute still needs years to find one of the 8.9e8 codes by guessing.
	 */
	lookup: { points: 300, seconds: 60 },
	/**
	 * A person in a live meeting writes a line every few seconds at most; the bound stops one token
	 * from flooding everyone's chat and the workshop doc (which every participant downloads).
	 */
	chat: { points: 10, seconds: 10 }
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** Allowed, or refused with the whole seconds until the key may try again (at least 1). */
export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimits {
	readonly #limiters: Record<LimitName, RateLimiterAbstract>;
	readonly #redis: Redis | null;

	/** `redis` null: memory only. `keyPrefix` keeps tests (and several deployments on one Redis) apart. */
	constructor(opts: { redis: Redis | null; keyPrefix?: string; limits?: Record<LimitName, Limit> }) {
		const limits = opts.limits ?? LIMITS;
		this.#redis = opts.redis;
		const prefix = opts.keyPrefix ?? 'verkstad:limit';
		const limiter = (name: LimitName): RateLimiterAbstract => {
			const { points, seconds: duration } = limits[name];
			const inMemory = new RateLimiterMemory({ points, duration, keyPrefix: name });
			if (!opts.redis) return inMemory;
			return new RateLimiterRedis({
				storeClient: opts.redis,
				keyPrefix: `${prefix}:${name}`,
				points,
				duration,
				insuranceLimiter: inMemory,
				// While Redis is down, straight to memory instead of a command that can only fail.
				rejectIfRedisNotReady: true
			});
		};
		this.#limiters = {
			workshopCreation: limiter('workshopCreation'),
			workshopImport: limiter('workshopImport'),
			templateImport: limiter('templateImport'),
			lookup: limiter('lookup'),
			chat: limiter('chat')
		};
	}

	/**
	 * "shared" while the budgets are counted in Redis, "per-instance" while they are in this
	 * instance's memory: without Redis, and with it until its connection is ready (at start, in an
	 * outage). For /readyz, which reports it without failing on it.
	 */
	get mode(): 'shared' | 'per-instance' {
		return this.#redis?.status === 'ready' ? 'shared' : 'per-instance';
	}

	/** Counts one attempt for `key` under the named limit. */
	async take(name: LimitName, key: string): Promise<Take> {
		try {
			await this.#limiters[name].consume(key);
			return { ok: true };
		} catch (refusal) {
			// Anything but a verdict (the insurance limiter failing too) is a bug to surface, not a 429.
			if (!(refusal instanceof RateLimiterRes)) throw refusal;
			return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
		}
	}
}
