/**
 * Rate limits shared through the real Redis (server/http/rate-limits.ts): two instances spend one
 * budget, and a Redis that does not answer falls back to each instance's memory instead of
 * refusing everyone. Each test has its own key prefix, removed afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS, RateLimits } from '../../server/http/rate-limits';
import { connectRedis } from '../../server/scale/redis';
import { memoryLog, waitFor } from './helpers';
import { startInstances } from './instances';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const small = { ...LIMITS, lookup: { points: 3, seconds: 60 } };

const connections: Redis[] = [];
let prefix = '';
afterEach(async () => {
	const [first] = connections;
	if (first?.status === 'ready') {
		const keys = await first.keys(`${prefix}:*`);
		if (keys.length) await first.del(...keys);
	}
	for (const redis of connections.splice(0)) redis.disconnect();
});

function instance(url = REDIS_URL): { limits: RateLimits; redis: Redis } {
	const redis = connectRedis(url, { name: 'rate-limits', log: memoryLog() });
	connections.push(redis);
	return { limits: new RateLimits({ redis, keyPrefix: prefix, limits: small }), redis };
}

async function ready(redis: Redis): Promise<void> {
	await waitFor(() => redis.status === 'ready', { message: 'redis connected' });
}

describe('rate limits through Redis', () => {
	it('lets two instances spend one budget per address', async () => {
		prefix = `verkstad-test:${randomUUID()}`;
		const a = instance();
		const b = instance();
		await Promise.all([ready(a.redis), ready(b.redis)]);

		expect(await a.limits.take('lookup', '198.51.100.7')).toEqual({ ok: true });
		expect(await b.limits.take('lookup', '198.51.100.7')).toEqual({ ok: true });
		expect(await a.limits.take('lookup', '198.51.100.7')).toEqual({ ok: true });
		// The fourth, on either instance, is over the budget of three.
		const refused = await b.limits.take('lookup', '198.51.100.7');
		expect(refused).toMatchObject({ ok: false });
		if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
		expect(await a.limits.take('lookup', '198.51.100.7')).toMatchObject({ ok: false });
		// Another address has its own budget.
		expect(await b.limits.take('lookup', '198.51.100.8')).toEqual({ ok: true });
		expect(await a.redis.keys(`${prefix}:lookup:*`)).toHaveLength(2);
	});

	it('counts in memory when Redis does not answer, so nobody is refused for the outage', async () => {
		prefix = `verkstad-test:${randomUUID()}`;
		// Nothing listens on port 1: the connection never becomes ready.
		const down = instance('redis://127.0.0.1:1');
		const taken = [];
		for (let i = 0; i < 4; i++) taken.push((await down.limits.take('lookup', '198.51.100.7')).ok);
		expect(taken).toEqual([true, true, true, false]);
	});
});

describe('rate limits of a whole server', () => {
	it("keeps a deployment's budgets under its REDIS_PREFIX, apart from another deployment's on the same Redis", async () => {
		const cluster = await startInstances({ count: 1 });
		try {
			const address = `test-${randomUUID()}`;
			await cluster.instances[0]!.app.rateLimits.take('lookup', address);
			expect(await cluster.redis.keys(`${cluster.prefix}limit:lookup:${address}`)).toHaveLength(1);
			expect(await cluster.redis.keys(`*:${address}`)).toHaveLength(1);
		} finally {
			await cluster.close();
		}
	});
});
