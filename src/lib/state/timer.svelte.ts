/**
 * Countdown: a workshop timer (`$board` Timer, in server time) as a ticking runes value.
 * It ticks only while something on screen reads it and the timer runs, and each tick lands just
 * after the displayed second changes, so that two screens side by side turn over together.
 *
 * TimerSound: whether this browser beeps when time is up; off by default, remembered per browser.
 */
import { createSubscriber } from 'svelte/reactivity';
import { formatRemaining, remainingMs, type Timer } from '$board';
import { serverNow, syncServerClock } from '$lib/sync/server-clock';

/** A few ms past the second boundary, so that rounding up in formatRemaining has moved on. */
const TICK_SLACK_MS = 15;

export class Countdown {
	readonly #timer: () => Timer | null;
	readonly #subscribe: () => void;

	constructor(timer: () => Timer | null) {
		this.#timer = timer;
		this.#subscribe = createSubscriber((update) => {
			let handle: ReturnType<typeof setTimeout>;
			const tick = () => {
				update();
				const t = this.#timer();
				const left = t ? remainingMs(t, serverNow()) : 0;
				handle = setTimeout(tick, (left % 1000 || 1000) + TICK_SLACK_MS);
			};
			// The clock estimate arrives after a few round trips; show the corrected time at once.
			void syncServerClock().then(update);
			tick();
			return () => clearTimeout(handle);
		});
	}

	get timer(): Timer | null {
		return this.#timer();
	}

	get remainingMs(): number {
		const t = this.#timer();
		if (!t) return 0;
		// A paused timer does not change with time: nothing to tick for.
		if (t.startedAt !== null) this.#subscribe();
		return remainingMs(t, serverNow());
	}

	/** "12:05"; "0:00" only when time is really up. */
	get text(): string {
		return formatRemaining(this.remainingMs);
	}

	get paused(): boolean {
		return this.#timer()?.startedAt === null;
	}

	/** Time is up (a zero-length timer never counts as "up": it was never a countdown). */
	get expired(): boolean {
		const t = this.#timer();
		return !!t && t.durationMs > 0 && this.remainingMs === 0;
	}
}

const SOUND_KEY = 'verkstad:timer-sound';

class TimerSound {
	#on = $state(readSound());

	get on(): boolean {
		return this.#on;
	}

	set on(value: boolean) {
		this.#on = value;
		try {
			localStorage.setItem(SOUND_KEY, value ? '1' : '0');
		} catch {
			// Private mode or storage full: the choice lasts for this page only.
		}
	}
}

function readSound(): boolean {
	try {
		return typeof localStorage !== 'undefined' && localStorage.getItem(SOUND_KEY) === '1';
	} catch {
		return false;
	}
}

/** One preference per browser, shared by every timer on the page. */
export const timerSound = new TimerSound();
