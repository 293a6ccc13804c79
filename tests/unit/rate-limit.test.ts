/** The rate limits of one instance without Redis (server/http/rate-limits.ts): a fixed window per key, and when to try again. */
import { describe, expect, it } from 'vitest';
import { LIMITS, RateLimits } from '../../server/http/rate-limits';

const hourly = { ...LIMITS, workshopCreation: { points: 3, seconds: 3600 } };

describe('the rate limits in memory', () => {
	it('takes `points` attempts per key in a window, refuses the next, and leaves other keys and limits alone', async () => {
		const limits = new RateLimits({ redis: null, limits: hourly });
		const taken = [];
		for (let i = 0; i < 4; i++) taken.push((await limits.take('workshopCreation', '10.0.0.1')).ok);
		expect(taken).toEqual([true, true, true, false]);
		expect(await limits.take('workshopCreation', '10.0.0.2')).toEqual({ ok: true });
		expect(await limits.take('templateImport', '10.0.0.1')).toEqual({ ok: true });
	});

	it('says in whole seconds when the window ends', async () => {
		const limits = new RateLimits({ redis: null, limits: hourly });
		for (let i = 0; i < 3; i++) await limits.take('workshopCreation', 'a');
		const refused = await limits.take('workshopCreation', 'a');
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(3599);
		if (!refused.ok) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(3600);
	});
});
