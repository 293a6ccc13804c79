/**
 * Which workshops' leases an instance asks for (leases.ts), and what it picks up from the store
 * once it holds one, so that a lease taken over from a dead instance loses no work.
 *
 * Wanted: every workshop with server work pending in the store (a phase end, a board marked for
 * the history) and every workshop whose rooms changed here lately (its clients are here). After
 * each pass the holder takes in its workshops' stored phase ends and history marks, and carries
 * out the phase steps due in the workshops it just took, or where a phase started elsewhere.
 */
import { parseRoom } from '../../src/lib/board';
import type { Config } from '../config';
import type { HistoryService } from '../history/service';
import type { Log } from '../log';
import { pgStoreOptions } from '../store/open-store';
import type { DocStore, PhaseEnd } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';
import { isValidCodeShape } from '../workshops/codes';
import type { PhaseActionService } from '../workshops/phase-actions';
import type { PhaseService } from '../workshops/phases';
import type { PlenaryService } from '../workshops/plenary';
import type { RetentionService } from '../workshops/retention';
import { AdvisoryLeases, soleLeases, type LeaseGauge, type Leases, type Pass } from './leases';
import { AdvisorySeatLock, soleSeatLock, type SeatLock } from './seat-lock';

/** A workshop whose rooms changed here within this long is live here: its lease is wanted. */
const LIVE_MS = 5 * 60_000;

export interface ServerWork {
	leases: Leases;
	seats: SeatLock;
	/** Starts taking leases, feeding what the store holds to these services; call once they exist. */
	handTo(services: { phases: PhaseService; phaseActions: PhaseActionService; history: HistoryService; retention: RetentionService; plenary: PlenaryService }): void;
	/** Lets every lease go; call before the services close, so another instance takes over at once. */
	close(): Promise<void>;
	/** Closes the seat lock's connections; call once no request can join any more (after the rooms). */
	closeSeats(): Promise<void>;
}

/** For tests: a quicker lease pass than production's. */
export interface LeaseOptions {
	passMs?: number;
}

/** `leasesHeld`: the metrics' gauge of the leases held, kept up to date here. */
export function serverWork(
	config: Config,
	deps: { store: DocStore; rooms: Rooms; log: Log; leasesHeld?: LeaseGauge },
	options: LeaseOptions = {}
): ServerWork {
	if (!config.databaseUrl) {
		return { leases: soleLeases, seats: soleSeatLock, handTo: () => {}, close: async () => {}, closeSeats: async () => {} };
	}
	// The leases of one Verkstad: its schema names it, as it names its tables (open-store.ts).
	const { connectionString: databaseUrl, schema = 'public' } = pgStoreOptions(config.databaseUrl);
	const space = `verkstad-leases:${schema}`;
	const { store, rooms, log } = deps;
	// Room → when it last changed here: one map write per change (this runs on every update).
	const live = new Map<string, number>();
	const stopWatching = rooms.onChange((name) => void live.set(name, Date.now()));
	let stored: { ends: PhaseEnd[]; due: string[] } = { ends: [], due: [] };
	const wanted = async (): Promise<Set<string>> => {
		const [ends, due] = await Promise.all([store.listPhaseEnds(), store.listHistoryDue()]);
		stored = { ends, due };
		const codes = new Set(ends.map((e) => e.code));
		for (const room of due) codes.add(parseRoom(room)?.code ?? '');
		const since = Date.now() - LIVE_MS;
		for (const [room, at] of live) {
			if (at < since) live.delete(room);
			else codes.add(parseRoom(room)?.code ?? '');
		}
		// Only join codes have a lease key of their own (codeNumber); a room's name may be anything.
		return new Set([...codes].filter(isValidCodeShape));
	};
	const leases = new AdvisoryLeases({ databaseUrl, space, log, wanted, passMs: options.passMs, gauge: deps.leasesHeld });
	const seats = new AdvisorySeatLock({ databaseUrl, space });
	return {
		leases,
		seats,
		handTo({ phases, phaseActions, history, retention, plenary }) {
			leases.afterPass((pass: Pass) => {
				const started = phases.adopt(stored.ends);
				for (const code of new Set([...pass.taken, ...started])) phaseActions.resume(code);
				history.adopt(stored.due);
				if (pass.globalTaken) retention.sweepHeld();
				plenary.follow(pass.taken);
			});
			leases.start();
		},
		async close() {
			stopWatching();
			await leases.close();
		},
		closeSeats: () => seats.close()
	};
}
