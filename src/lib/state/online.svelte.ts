/**
 * OnlineState: who is on a board, for a watcher that must not be seen there itself (the control
 * room's miniatures). It reads the same awareness states as PresenceState and validates them the
 * same way, but never sets a local state, so the watcher stays off everyone's presence list.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { BoardState } from './board.svelte';
import { readUser, type PresenceUser } from './presence.svelte';

export class OnlineState {
	/** One entry per person (two tabs count once), in the order they arrived. */
	people = $state.raw<PresenceUser[]>([]);

	readonly #awareness: Awareness;

	constructor(board: BoardState) {
		this.#awareness = board.internals.awareness;
		this.#awareness.on('change', this.#refresh);
		this.#refresh();
	}

	destroy(): void {
		this.#awareness.off('change', this.#refresh);
	}

	#refresh = (): void => {
		const people = new Map<string, PresenceUser>();
		this.#awareness.getStates().forEach((state) => {
			const user = readUser(state.user);
			if (user && !people.has(user.id)) people.set(user.id, user);
		});
		const next = [...people.values()];
		// Every cursor move is an awareness change; only a change of who is here is news.
		const same = next.length === this.people.length && next.every((u, i) => u.id === this.people[i]!.id && u.name === this.people[i]!.name);
		if (!same) this.people = next;
	};
}
