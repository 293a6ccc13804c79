/**
 * Ends run-sheet phases on the server (issue 3 §3 and §6), so that "lock when the phase ends" and
 * "Gå vidare automatiskt" work while the facilitator is offline. The rules are pure
 * (src/lib/board/runsheet.ts); this file decides WHEN to apply them.
 *
 * Trigger: Rooms.onChange tells us when a workshop room loads and after every change to it. Each
 * time, the workshop's one pending timeout is replaced by one for the running phase's end (time
 * left by the server's own clock, which is the clock timers are written in). A pause, +1 min or
 * starting the phase again is a change, so it reschedules; a stopped timer cancels. When the room
 * unloads with a phase running, the timeout stays and `rooms.update` loads the room again to end
 * the phase.
 * endPhase re-checks everything in the doc it writes, so a stale timeout does nothing.
 *
 * Across a server restart: each scheduled end is also written to the store (DocStore.setPhaseEnd:
 * workshop, run, time) and removed when nothing is due any more; start() sets a timeout for every
 * stored end, so an overdue phase ends at once and a running one on time, with nobody connected.
 * Chosen over reading every workshop doc at start-up: the index costs one small write when a
 * phase starts, pauses or moves, and start-up then reads one small table and loads a workshop only
 * when its phase ends, instead of loading every workshop kept for RETENTION_DAYS (a workshop doc
 * holds the whole chat). The row is only a hint: its timeout loads the doc and endPhase decides,
 * as for any timeout, and a row with nothing due behind it is removed then.
 *
 * Each phase end is told to `onPhaseEnd` once (board history snapshots, server/history): when its
 * time runs out here, or when the facilitator starts the next phase by hand (the run number moves).
 *
 * Several instances (server/scale/leases.ts): every instance keeps the stored end up to date as
 * it sees the doc change, but only the holder of the workshop's lease ends the phase and tells
 * the end. The holder takes the stored ends of its workshops in (adopt) after each lease pass, so
 * a phase started on another instance, or a holder that died, loses no end; endPhase checks the
 * run number in the doc, so an end seen twice is done once.
 */
import type * as Y from 'yjs';
import { endPhase, parseRoom, pendingPhaseEnd, readRunSheet, workshopRoom } from '../../src/lib/board';
import type { Log } from '../log';
import { soleLeases, type Leases } from '../scale/leases';
import type { DocStore, PhaseEnd } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';

export class PhaseService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #log: Log;
	/** code → the timeout for its running phase's end, with the run it was set for. */
	readonly #timers = new Map<string, { run: number; at: number; timeout: NodeJS.Timeout }>();
	readonly #running = new Set<Promise<void>>();
	readonly #unsubscribe: () => void;
	readonly #onPhaseEnd: (code: string) => void;
	readonly #leases: Leases;
	/** code → the run number last seen, and the last run whose end was told. */
	readonly #runs = new Map<string, { seen: number; told: number }>();
	/** Codes whose phase end may be stored: only these need a delete when nothing is due. */
	readonly #stored = new Set<string>();
	#closed = false;

	constructor(deps: { store: DocStore; rooms: Rooms; log: Log; onPhaseEnd?: (code: string) => void; leases?: Leases }) {
		this.#leases = deps.leases ?? soleLeases;
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#log = deps.log;
		this.#onPhaseEnd = deps.onPhaseEnd ?? (() => {});
		this.#unsubscribe = this.#rooms.onChange((name, doc) => this.#changed(name, doc));
	}

	/** Schedules the phase ends stored before a restart; a workshop loaded meanwhile keeps its own. Never rejects. */
	async start(): Promise<void> {
		const job = this.#store
			.listPhaseEnds()
			.then((ends) => {
				if (this.#closed) return;
				for (const end of ends) {
					this.#stored.add(end.code);
					if (!this.#timers.has(end.code)) this.#schedule(end.code, end.run, end.endsAt);
				}
				if (ends.length) this.#log.info('phase ends resumed', { step: 'phases', count: ends.length });
			})
			.catch((err: unknown) => this.#log.error('stored phase ends not read', { step: 'phases', error: String(err) }))
			.finally(() => this.#running.delete(job));
		this.#running.add(job);
		await job;
	}

	/**
	 * Takes in stored ends of workshops whose lease this instance holds; answers the codes whose
	 * stored run is newer than any seen here (a phase started on another instance).
	 */
	adopt(ends: readonly PhaseEnd[]): string[] {
		const newer: string[] = [];
		if (this.#closed) return newer;
		for (const end of ends) {
			if (!this.#leases.holds(end.code)) continue;
			this.#stored.add(end.code);
			// A phase moved on by hand elsewhere, with the workshop not loaded here, shows only here.
			this.#seen(end.code, end.run);
			const current = this.#timers.get(end.code);
			if (current && end.run < current.run) continue;
			// Of two ends of one run (paused or moved elsewhere) the sooner is kept: waking early only looks again.
			if (current && end.run === current.run && end.endsAt >= current.at) continue;
			if (!current || end.run > current.run) newer.push(end.code);
			if (current) clearTimeout(current.timeout);
			this.#schedule(end.code, end.run, end.endsAt);
		}
		return newer;
	}

	/** Cancels the timeouts and waits for a phase end under way; call before closing the rooms. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#unsubscribe();
		for (const t of this.#timers.values()) clearTimeout(t.timeout);
		this.#timers.clear();
		await Promise.allSettled([...this.#running]);
	}

	#changed(name: string, doc: Y.Doc): void {
		const ref = parseRoom(name);
		// A room destroyed during its load (shutdown) reads as empty: that must not cancel anything.
		if (ref?.kind !== 'workshop' || doc.isDestroyed) return;
		const { run } = readRunSheet(doc);
		this.#seen(ref.code, run);
		const now = Date.now();
		const due = pendingPhaseEnd(doc, now);
		const at = due ? now + due.inMs : 0;
		const current = this.#timers.get(ref.code);
		// Chat and presence change the doc often; keep the timeout when its target did not move.
		if (current && due && current.run === due.run && current.at === at) return;
		if (current) clearTimeout(current.timeout);
		this.#timers.delete(ref.code);
		if (due) {
			this.#schedule(ref.code, due.run, at);
			this.#stored.add(ref.code);
			this.#storing(ref.code, this.#store.setPhaseEnd(ref.code, { run: due.run, endsAt: at }));
		} else if (this.#stored.delete(ref.code)) this.#storing(ref.code, this.#store.clearPhaseEnd(ref.code, run));
	}

	#schedule(code: string, run: number, at: number): void {
		const timeout = setTimeout(() => this.#fire(code, run), Math.max(0, at - Date.now()));
		timeout.unref();
		this.#timers.set(code, { run, at, timeout });
	}

	/** A failed write costs only the schedule across a restart: the next load of the workshop sets it again. */
	#storing(code: string, write: Promise<void>): void {
		void write.catch((err: unknown) => this.#log.warn('phase end not stored', { code, step: 'phases', error: String(err) }));
	}

	/** A new phase started, so the one before it (if any) has ended; the first sight only counts. */
	#seen(code: string, run: number): void {
		const runs = this.#runs.get(code);
		if (!runs) this.#runs.set(code, { seen: run, told: 0 });
		else if (run > runs.seen) {
			if (runs.seen > 0) this.#told(code, runs.seen);
			runs.seen = run;
		}
	}

	/** Tells the end of `run` once, however many ways it was noticed. */
	#told(code: string, run: number): void {
		const runs = this.#runs.get(code) ?? { seen: run, told: 0 };
		this.#runs.set(code, runs);
		if (runs.told >= run) return;
		runs.told = run;
		if (!this.#leases.holds(code)) return;
		try {
			this.#onPhaseEnd(code);
		} catch (err) {
			this.#log.error('phase end listener failed', { code, run, step: 'phases', error: String(err) });
		}
	}

	#fire(code: string, run: number): void {
		this.#timers.delete(code);
		// Another instance holds the workshop: its own timeout, from the stored end, does it.
		if (!this.#leases.holds(code)) return;
		const job = this.#rooms
			.update(workshopRoom(code), (doc) => {
				if (endPhase(doc, run, Date.now())) {
					this.#log.info('phase ended', { code, run, step: 'phases' });
					this.#told(code, run);
				}
				// Not ended (woken a moment early, or nothing due any more): a no-op writes nothing, so look again here.
				else this.#changed(workshopRoom(code), doc);
			})
			// A closed server simply stops here: the stored end stays, for the next start().
			.catch((err: unknown) => this.#log.warn('phase end failed', { code, run, step: 'phases', error: String(err) }))
			.finally(() => this.#running.delete(job));
		this.#running.add(job);
	}
}
