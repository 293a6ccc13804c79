/**
 * Moves the facilitator's summary edits out of the workshop doc (room `<code>`, read by every
 * participant) into the facilitator's own doc (room `<code>/facilitator`), for workshops made
 * before the edits lived there, and for a facilitator tab still running the old page. The edits
 * quote group notes, and the groups may be private from each other (summary-edits.ts).
 *
 * When: Rooms.onChange tells us when a workshop room loads and after each change to it; a legacy
 * `summary` map with entries starts a move. The exports call moveSummaryOut themselves (readWorkshopSummaryEdits) before
 * they read the edits, so a download never misses edits that have not moved yet.
 *
 * How, in two server updates, each idempotent (summary-edits.ts):
 *   1. copy the entries the facilitator doc lacks into it, and wait until that is durable;
 *   2. delete from the workshop doc (Yjs deletes) each entry whose value is still the one copied.
 * A crash between them leaves the entries in both docs, and the next load moves them again. Two
 * moves of one workshop at once (a load and an export, or two loads) copy nothing twice and
 * delete nothing twice. An entry written to the workshop doc during a move is a change, which
 * starts the next move. Where both docs hold an entry, the facilitator doc's wins: it is newer.
 *
 * Limits, for workshops from before the move only: until step 1 is durable (one store commit
 * after the load), a participant who syncs the workshop doc then still receives the legacy
 * entries, as everyone could before. And a Yjs delete frees an entry's value (the facilitator's
 * wording) but not its key: Yjs keeps deleted map entries as tombstones, key included, so the
 * lower-cased note texts of items edited before the move stay in the workshop doc's tombstones.
 * Rebuilding the doc without them would fork it from every open client's copy (a facilitator
 * tab would push the old history back, and the chat would double), so it is not done here.
 */
import type * as Y from 'yjs';
import {
	copyMissingSummaryEntries,
	facilitatorRoom,
	hasSummaryEntries,
	parseRoom,
	readSummaryEdits,
	readSummaryEntries,
	removeSummaryEntries,
	workshopRoom,
	type SummaryEdits
} from '../../src/lib/board';
import type { Log } from '../log';
import type { Rooms } from '../sync/rooms';

/** Moves a workshop's legacy summary edits to the facilitator doc; true when it moved some. */
export async function moveSummaryOut(rooms: Rooms, code: string): Promise<boolean> {
	const seen = await rooms.read(workshopRoom(code), readSummaryEntries);
	if (seen.size === 0) return false;
	// Rooms.update resolves once the copy is durable: only then may the original go.
	await rooms.update(facilitatorRoom(code), (doc) => copyMissingSummaryEntries(doc, seen));
	await rooms.update(workshopRoom(code), (doc) => removeSummaryEntries(doc, seen));
	return true;
}

/** The workshop's summary edits, for the exports: moved first if some are still in the workshop doc. */
export async function readWorkshopSummaryEdits(rooms: Rooms, code: string): Promise<SummaryEdits> {
	await moveSummaryOut(rooms, code);
	return rooms.read(facilitatorRoom(code), readSummaryEdits);
}

export class SummaryMove {
	readonly #rooms: Rooms;
	readonly #log: Log;
	readonly #unsubscribe: () => void;
	/** Moves under way by code; a change seen meanwhile asks for one more after it. */
	readonly #moving = new Map<string, { again: boolean; job: Promise<void> }>();
	#closed = false;

	constructor(deps: { rooms: Rooms; log: Log }) {
		this.#rooms = deps.rooms;
		this.#log = deps.log;
		this.#unsubscribe = this.#rooms.onChange((name, doc) => this.#changed(name, doc));
	}

	/** Stops listening and waits for the moves under way; call before closing the rooms. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#unsubscribe();
		await Promise.allSettled([...this.#moving.values()].map((m) => m.job));
	}

	/** Runs inside the doc's update event: a map lookup, and a move only when there is something to move. */
	#changed(name: string, doc: Y.Doc): void {
		const ref = parseRoom(name);
		if (ref?.kind !== 'workshop' || doc.isDestroyed || this.#closed || !hasSummaryEntries(doc)) return;
		const moving = this.#moving.get(ref.code);
		if (moving) {
			moving.again = true;
			return;
		}
		const entry = { again: false, job: Promise.resolve() };
		entry.job = this.#run(ref.code, entry).finally(() => this.#moving.delete(ref.code));
		this.#moving.set(ref.code, entry);
	}

	async #run(code: string, entry: { again: boolean }): Promise<void> {
		do {
			entry.again = false;
			try {
				if (await moveSummaryOut(this.#rooms, code)) this.#log.info('summary edits moved out of the workshop doc', { code, step: 'summary-move' });
			} catch (err) {
				// A closed server or a deleted workshop stops here; the next load of the workshop tries again.
				this.#log.warn('summary edits not moved', { code, step: 'summary-move', error: String(err) });
				return;
			}
		} while (entry.again && !this.#closed);
	}
}
