/** The one rate limiter (src/lib/server/rate-limit.ts): a fixed window per key, and when to try again. */
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/lib/server/rate-limit';

describe('the fixed-window rate limiter', () => {
	it('takes `limit` attempts per key in a window, refuses the next, and leaves other keys alone', () => {
		const limiter = new RateLimiter({ limit: 3, windowMs: 60_000 });
		const t0 = 1_000_000;
		expect([1, 2, 3, 4].map((i) => limiter.take('10.0.0.1', t0 + i))).toEqual([true, true, true, false]);
		expect(limiter.take('10.0.0.2', t0 + 5)).toBe(true);
		expect(limiter.take('10.0.0.1', t0 + 59_999)).toBe(false);
		expect(limiter.take('10.0.0.1', t0 + 1 + 60_000)).toBe(true);
	});

	it('says in whole seconds, at least one, when the window ends', () => {
		const limiter = new RateLimiter({ limit: 1, windowMs: 3_600_000 });
		const t0 = 5_000_000;
		limiter.take('a', t0);
		expect(limiter.take('a', t0 + 1000)).toBe(false);
		expect(limiter.retryAfterSeconds('a', t0 + 1000)).toBe(3599);
		expect(limiter.retryAfterSeconds('a', t0 + 3_599_999)).toBe(1);
		expect(limiter.retryAfterSeconds('never seen', t0)).toBe(1);
	});
});
