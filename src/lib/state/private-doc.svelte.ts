/**
 * PrivateDoc: ONE connection to a participant's private doc (`<code>/private/<pid>`), shared by
 * what lives there: the dots of a vote (dots.svelte.ts) and the drafts of "Fundera själv först"
 * (drafts.svelte.ts). Only the owner can open it (server/sync/access.ts).
 */
import type * as Y from 'yjs';
import { privateRoom } from '$board';
import { connectRoom, type RoomConnection } from '$lib/sync/room-connection';

export class PrivateDoc {
	/** True once the stored doc has arrived; before that an empty map would mean nothing. */
	synced = $state(false);
	readonly #conn: RoomConnection;
	readonly #onSynced: (() => void)[] = [];

	constructor(code: string, token: string, participantId: string) {
		// Drafts and dots written offline survive a reload too (src/lib/sync/offline-copy.ts).
		this.#conn = connectRoom(
			privateRoom(code, participantId),
			token,
			(c) => {
				if (!c.synced || this.synced) return;
				this.synced = true;
				for (const fn of this.#onSynced) fn();
			},
			{ offlineCopyFor: participantId }
		);
	}

	get doc(): Y.Doc {
		return this.#conn.doc;
	}

	/** Runs fn after the first sync (each reader re-reads its map then). */
	onSynced(fn: () => void): void {
		this.#onSynced.push(fn);
		if (this.synced) fn();
	}

	destroy(): void {
		this.#conn.destroy();
	}
}
