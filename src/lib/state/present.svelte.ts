/**
 * PresentState: what the projector shows (`present` in the workshop doc, see $board/present.ts)
 * as a runes snapshot. Its own connection to the workshop doc: WorkshopState keeps its doc
 * private, and the projector target is a few keys, so a second read of the doc is the price of
 * not widening that class while others edit it. Participants open it read-only.
 */
import { readPresent, setFollow, setPresent, workshopRoom, type Present, type PresentTarget } from '$board';
import { connectRoom, type RoomConnection } from '$lib/sync/room-connection';

const LOCAL_ORIGIN = Object.freeze({ kind: 'present-local-edit' });

export class PresentState {
	#present = $state.raw<Present | null>(null);
	readonly #conn: RoomConnection;
	readonly #readOnly: boolean;

	constructor(code: string, token: string, options: { readOnly?: boolean } = {}) {
		this.#readOnly = options.readOnly ?? false;
		this.#conn = connectRoom(workshopRoom(code), token, (c) => {
			if (c.synced && !this.#present) this.#read();
		});
		this.#conn.doc.getMap('present').observe(this.#read);
	}

	/** Null until the first sync, so that nobody is shown the default before the real choice. */
	get present(): Present | null {
		return this.#present;
	}

	show(target: PresentTarget): void {
		if (!this.#readOnly && this.#conn.synced) setPresent(this.#conn.doc, target, LOCAL_ORIGIN);
	}

	setFollow(follow: boolean): void {
		if (!this.#readOnly && this.#conn.synced) setFollow(this.#conn.doc, follow, LOCAL_ORIGIN);
	}

	destroy(): void {
		this.#conn.doc.getMap('present').unobserve(this.#read);
		this.#conn.destroy();
	}

	#read = (): void => {
		if (this.#conn.synced) this.#present = readPresent(this.#conn.doc);
	};
}
