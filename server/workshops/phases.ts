/**
 * Ends run-sheet phases on the server (issue 3 §3 and §6), so that "lock when the phase ends" and
 * "Gå vidare automatiskt" work while the facilitator is offline. The rules are pure
 * (src/lib/board/runsheet.ts); this file decides WHEN to apply them.
 *
 * Trigger: Rooms.onChange tells us when a workshop room loads and after every change to it. Each
 * time, the workshop's one pending timeout is replaced by one for the running phase's end (time
 * left by the server's own clock, which is the clock timers are written in). A pause, +1 min or a
 * restart is a change, so it reschedules; a stopped timer cancels. When the room unloads with a
 * phase running, the timeout stays and `rooms.update` loads the room again to end the phase.
 * endPhase re-checks everything in the doc it writes, so a stale timeout does nothing.
 *
 * Each phase end is told to `onPhaseEnd` once (board history snapshots, server/history): when its
 * time runs out here, or when the facilitator starts the next phase by hand (the run number moves).
 *
 * Weak spot: after a server restart nothing is scheduled until someone loads the workshop (any
 * board or the control room does), and then the overdue phase ends at once.
 */
import type * as Y from 'yjs';
import { endPhase, parseRoom, pendingPhaseEnd, readRunSheet, workshopRoom } from '../../src/lib/board';
import type { Log } from '../log';
import type { Rooms } from '../sync/rooms';

export class PhaseService {
	readonly #rooms: Rooms;
	readonly #log: Log;
	/** code → the timeout for its running phase's end, with the run it was set for. */
	readonly #timers = new Map<string, { run: number; at: number; timeout: NodeJS.Timeout }>();
	readonly #running = new Set<Promise<void>>();
	readonly #unsubscribe: () => void;
	readonly #onPhaseEnd: (code: string) => void;
	/** code → the run number last seen, and the last run whose end was told. */
	readonly #runs = new Map<string, { seen: number; told: number }>();

	constructor(deps: { rooms: Rooms; log: Log; onPhaseEnd?: (code: string) => void }) {
		this.#rooms = deps.rooms;
		this.#log = deps.log;
		this.#onPhaseEnd = deps.onPhaseEnd ?? (() => {});
		this.#unsubscribe = this.#rooms.onChange((name, doc) => this.#changed(name, doc));
	}

	/** Cancels the timeouts and waits for a phase end under way; call before closing the rooms. */
	async close(): Promise<void> {
		this.#unsubscribe();
		for (const t of this.#timers.values()) clearTimeout(t.timeout);
		this.#timers.clear();
		await Promise.allSettled([...this.#running]);
	}

	#changed(name: string, doc: Y.Doc): void {
		const ref = parseRoom(name);
		// A room destroyed during its load (shutdown) reads as empty: that must not cancel anything.
		if (ref?.kind !== 'workshop' || doc.isDestroyed) return;
		const run = readRunSheet(doc).run;
		const runs = this.#runs.get(ref.code);
		if (!runs) this.#runs.set(ref.code, { seen: run, told: 0 });
		else if (run > runs.seen) {
			// A new phase started, so the one before it (if any) has ended.
			if (runs.seen > 0) this.#told(ref.code, runs.seen);
			runs.seen = run;
		}
		const now = Date.now();
		const due = pendingPhaseEnd(doc, now);
		const at = due ? now + due.inMs : 0;
		const current = this.#timers.get(ref.code);
		// Chat and presence change the doc often; keep the timeout when its target did not move.
		if (current && due && current.run === due.run && current.at === at) return;
		if (current) clearTimeout(current.timeout);
		this.#timers.delete(ref.code);
		if (!due) return;
		const timeout = setTimeout(() => this.#fire(ref.code, due.run), due.inMs);
		timeout.unref();
		this.#timers.set(ref.code, { run: due.run, at, timeout });
	}

	/** Tells the end of `run` once, however many ways it was noticed. */
	#told(code: string, run: number): void {
		const runs = this.#runs.get(code) ?? { seen: run, told: 0 };
		this.#runs.set(code, runs);
		if (runs.told >= run) return;
		runs.told = run;
		try {
			this.#onPhaseEnd(code);
		} catch (err) {
			this.#log.error('phase end listener failed', { code, run, step: 'phases', error: String(err) });
		}
	}

	#fire(code: string, run: number): void {
		this.#timers.delete(code);
		const job = this.#rooms
			.update(workshopRoom(code), (doc) => {
				if (endPhase(doc, run, Date.now())) {
					this.#log.info('phase ended', { code, run, step: 'phases' });
					this.#told(code, run);
				}
				// Not ended (woken a moment early, or nothing due any more): a no-op writes nothing, so look again here.
				else this.#changed(workshopRoom(code), doc);
			})
			// A closed server simply stops here; the next load of the workshop schedules again.
			.catch((err: unknown) => this.#log.warn('phase end failed', { code, run, step: 'phases', error: String(err) }))
			.finally(() => this.#running.delete(job));
		this.#running.add(job);
	}
}
