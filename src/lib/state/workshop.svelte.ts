/**
 * WorkshopState: the workshop document (room `<code>`) as a plain runes snapshot, for the
 * facilitator's overview. Groups and participants change when people join or the facilitator
 * renames a group; the page reads `info` and never sees a Y type.
 */
import { readWorkshop, workshopRoom, type Participant, type WorkshopInfo } from '$board';
import { connectRoom, type ConnectionStatus, type RoomConnection } from '$lib/sync/room-connection';

export class WorkshopState {
	#info = $state.raw<WorkshopInfo | null>(null);
	#status = $state<ConnectionStatus>('connecting');
	#synced = $state(false);
	#refusal = $state<number | null>(null);
	readonly #conn: RoomConnection;

	constructor(code: string, token: string) {
		this.#conn = connectRoom(workshopRoom(code), token, (c) => {
			this.#status = c.status;
			this.#refusal = c.refusal;
			if (c.synced && !this.#synced) {
				this.#synced = true;
				this.#read();
			}
		});
		// The doc is small (groups and people, not notes), so re-reading it whole is simplest.
		this.#conn.doc.on('update', this.#read);
	}

	/** Null until the first sync: an empty doc would look like "no groups", which is wrong. */
	get info(): WorkshopInfo | null {
		return this.#info;
	}

	get status(): ConnectionStatus {
		return this.#status;
	}

	get synced(): boolean {
		return this.#synced;
	}

	/** The close code when the server refused us for good (4401 bad token, 4403, 4404). */
	get refusal(): number | null {
		return this.#refusal;
	}

	membersOf(groupId: string): Participant[] {
		return this.#info?.participants.filter((p) => p.groupId === groupId) ?? [];
	}

	destroy(): void {
		this.#conn.doc.off('update', this.#read);
		this.#conn.destroy();
	}

	#read = (): void => {
		if (this.#synced) this.#info = readWorkshop(this.#conn.doc);
	};
}
