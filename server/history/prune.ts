/**
 * Which board snapshots to let go of. A workshop is a half-day meeting, and what people ask for
 * afterwards is "the note we had before lunch", so the rule keeps detail where it is wanted:
 *   - every snapshot of the last KEEP_ALL_MS (two hours) is kept;
 *   - older ones: every phase-end and pre-restore snapshot, and of the interval snapshots the
 *     newest of each clock hour;
 *   - never more than MAX_PER_BOARD per board: beyond that the oldest go, whatever their reason.
 * A five-minute interval thus keeps at most 24 + ~1 per hour per board, a few megabytes for a
 * whole workshop; all of it goes with the workshop (retention).
 */
import type { HistoryEntry } from '../store/doc-store';

export const KEEP_ALL_MS = 2 * 60 * 60_000;
export const MAX_PER_BOARD = 200;
const HOUR_MS = 60 * 60_000;

/** The ids to delete from one board's snapshots (in any order) as of `now`. */
export function snapshotsToPrune(entries: readonly HistoryEntry[], now: number): number[] {
	const newestFirst = [...entries].sort((a, b) => b.takenAt - a.takenAt || b.id - a.id);
	const hoursKept = new Set<number>();
	const kept: HistoryEntry[] = [];
	const dropped: number[] = [];
	for (const entry of newestFirst) {
		const hour = Math.floor(entry.takenAt / HOUR_MS);
		const keep =
			now - entry.takenAt < KEEP_ALL_MS || entry.reason !== 'interval' || !hoursKept.has(hour);
		if (keep && entry.reason === 'interval') hoursKept.add(hour);
		if (keep && kept.length < MAX_PER_BOARD) kept.push(entry);
		else dropped.push(entry.id);
	}
	return dropped;
}
