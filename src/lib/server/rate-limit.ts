/**
 * A fixed-window counter per key, the one rate limiter of the server: HTTP calls per client
 * address (src/lib/server/limits.ts) and chat messages per author (server/workshops/chat.ts).
 * Memory is bounded: windows are dropped once they expire.
 */
export class RateLimiter {
	readonly #limit: number;
	readonly #windowMs: number;
	#windows = new Map<string, { start: number; count: number }>();

	constructor(opts: { limit: number; windowMs: number }) {
		this.#limit = opts.limit;
		this.#windowMs = opts.windowMs;
	}

	/** Counts one attempt for `key`; false when the key is over its limit in this window. */
	take(key: string, now = Date.now()): boolean {
		if (this.#windows.size > 10_000) this.#sweep(now);
		const w = this.#windows.get(key);
		if (!w || now - w.start >= this.#windowMs) {
			this.#windows.set(key, { start: now, count: 1 });
			return true;
		}
		w.count++;
		return w.count <= this.#limit;
	}

	/** Whole seconds until `key`'s window ends and it may try again (at least 1). */
	retryAfterSeconds(key: string, now = Date.now()): number {
		const w = this.#windows.get(key);
		const left = w ? w.start + this.#windowMs - now : 0;
		return Math.max(1, Math.ceil(left / 1000));
	}

	#sweep(now: number): void {
		for (const [key, w] of this.#windows) if (now - w.start >= this.#windowMs) this.#windows.delete(key);
	}
}
