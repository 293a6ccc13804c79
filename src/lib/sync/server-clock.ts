/**
 * The server's clock, estimated in the browser. Timers are written and read in server time, so
 * that people whose computers are minutes off still see the same time remaining (±1 s).
 * The estimate is NTP-style: of a few round trips to GET /api/time, the one with the shortest
 * round trip wins, and the server's answer is taken to be from its middle.
 */

let offsetMs = 0;
let estimate: Promise<void> | null = null;

async function sample(): Promise<{ rtt: number; offset: number } | null> {
	const sent = Date.now();
	try {
		const res = await fetch('/api/time', { cache: 'no-store' });
		const { now } = (await res.json()) as { now: number };
		const received = Date.now();
		return { rtt: received - sent, offset: now - (sent + received) / 2 };
	} catch {
		return null;
	}
}

/** Measures once per page (again after `refresh`); resolves when the estimate is ready. */
export function syncServerClock(refresh = false): Promise<void> {
	if (!estimate || refresh) {
		estimate = (async () => {
			let best: { rtt: number; offset: number } | null = null;
			for (let i = 0; i < 4; i++) {
				const s = await sample();
				if (s && (!best || s.rtt < best.rtt)) best = s;
			}
			// Unreachable server: keep the last estimate (0 at first, i.e. trust the local clock).
			if (best) offsetMs = best.offset;
		})();
	}
	return estimate;
}

/** The server's time now, by the current estimate. */
export function serverNow(): number {
	return Date.now() + offsetMs;
}
