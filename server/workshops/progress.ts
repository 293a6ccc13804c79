/**
 * Publishes "Fundera själv först" progress (src/lib/board/individual-progress.ts): per person the
 * number of private drafts and whether they marked themselves "Klar", in the workshop doc's
 * `progress` map, which the control room adds up per group. Never a draft's text.
 *
 * Trigger: every load and change of a private room (Rooms.onChange), which is where drafts and
 * "Klar" are written, by their owner or by a reveal. Cost per change: the drafts map's size and one
 * key, compared with what this person's counts were last; only a change in a count writes one key
 * of the workshop doc. Typing in a draft changes no count, so it writes nothing.
 */
import { parseRoom, privateProgress, workshopRoom, writePersonProgress, type PersonProgress } from '../../src/lib/board';
import type { Log } from '../log';
import type { Rooms } from '../sync/rooms';

export class ProgressService {
	readonly #rooms: Rooms;
	readonly #log: Log;
	/** private room → the counts last published for it (or being published). */
	readonly #last = new Map<string, PersonProgress>();
	readonly #writes = new Set<Promise<void>>();
	readonly #unsubscribe: () => void;

	constructor(deps: { rooms: Rooms; log: Log }) {
		this.#rooms = deps.rooms;
		this.#log = deps.log;
		this.#unsubscribe = this.#rooms.onChange((name, doc) => {
			const ref = parseRoom(name);
			if (ref?.kind !== 'private' || doc.isDestroyed) return;
			const now = privateProgress(doc);
			const last = this.#last.get(name);
			if (last && last.drafts === now.drafts && last.done === now.done) return;
			this.#last.set(name, now);
			this.#publish(ref.code, ref.participantId, name, now);
		});
	}

	/** Stops listening and waits for the writes under way; call before closing the rooms. */
	async close(): Promise<void> {
		this.#unsubscribe();
		await Promise.allSettled([...this.#writes]);
	}

	#publish(code: string, participantId: string, room: string, progress: PersonProgress): void {
		const write = this.#rooms
			.update(workshopRoom(code), (doc) => {
				// Someone no longer in the workshop has nothing to count for.
				if (doc.getMap('participants').has(participantId)) writePersonProgress(doc, participantId, progress);
			})
			.catch((err: unknown) => {
				// Forget it, so that the next change to the private doc publishes again.
				if (this.#last.get(room) === progress) this.#last.delete(room);
				this.#log.warn('progress not published', { code, room, step: 'progress', error: String(err) });
			})
			.finally(() => this.#writes.delete(write));
		this.#writes.add(write);
	}
}
