/**
 * Presence ownership in one room: which open socket speaks for each awareness client id (a
 * browser tab's name, colour, cursor and selection).
 *
 * Stock y-websocket clients send on every awareness change they hear, other people's included, and
 * answer a query with every state they know. So sockets routinely send ids that are not theirs,
 * and the server must tell a relay from a claim. The rule, per entry of an update:
 *   - An id held by this socket: applied (y-protocols' clock rule decides, as always).
 *   - An id held by another open socket of ANOTHER person: dropped, not applied, not relayed, not
 *     counted. The holder sends the real state itself, so nothing is lost; and a re-sent id with a
 *     higher clock or a null state can neither fake nor erase a live person's presence.
 *   - An id held by another open socket of the SAME person (one participant, or the facilitator of
 *     the workshop, as the verified tokens say): applied, and the id moves here if it applied. That
 *     is the reconnect (one provider, one client id, on a new socket before the server has seen the
 *     old one close) and a second tab that heard the state over BroadcastChannel.
 *   - An id held by no socket (new, or its socket has gone): a claim, if its clock is newer than
 *     the room's; a state the room already has at that clock is a late relay and is dropped.
 *   - The room's own client id (the server has no presence) is never claimed.
 *   - An id held on another instance (fan-out, REMOTE_ORIGIN in room.ts): dropped, as another
 *     person's. That instance enforced these rules for it; its state comes through Redis. Held
 *     until the other instance says it left, or y-protocols' timeout drops it here.
 * Bounds: a socket holds at most `maxAwarenessClients` ids. A claim beyond that refuses the update
 * (the caller closes with 1008); relays do not count, and a person's own id held by another of
 * their sockets simply stays there. A state whose JSON exceeds `maxAwarenessStateBytes` refuses the
 * update (4413). Decisions are made before anything is applied, so a refused update changes nothing.
 * A state is parsed only if its entry may apply: a dropped relay is never read (it is most of what
 * stock clients send), so broken JSON there is dropped with it rather than closing the socket.
 *
 * Not covered: an id whose socket has gone can be claimed by anyone with a newer clock. That is the
 * reconnect case the clock rule exists for; the claimant learns nothing and shows a state it could
 * have shown under its own id, since presence content is the sender's word anyway.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { Claims } from '../auth/tokens';
import { parseAwarenessState, type AwarenessEntry, type DecodedAwarenessEntry } from './protocol';
import type { Peer } from './room';

export interface PresenceLimits {
	maxAwarenessClients: number;
	maxAwarenessStateBytes: number;
}

export type PresenceRefusal = 'too-many-clients' | 'state-too-large';

/** The entries of one update that may be applied, or why the whole update is refused. */
export type Sifted = { accepted: AwarenessEntry[] } | { refusal: PresenceRefusal };

/** What y-protocols' Awareness reports for one applied update. */
export interface PresenceChanges {
	added: number[];
	updated: number[];
	removed: number[];
}

export class PresenceOwners {
	readonly #limits: PresenceLimits;
	readonly #awareness: Awareness;
	/** Client id → the open socket that holds it; that socket's `awarenessIds` holds it too. */
	readonly #holderOf = new Map<number, Peer>();
	/** Client ids whose socket is on another instance. */
	readonly #elsewhere = new Set<number>();

	constructor(limits: PresenceLimits, awareness: Awareness) {
		this.#limits = limits;
		this.#awareness = awareness;
	}

	/** Decides, before anything is applied, which entries of `peer`'s update are its to apply. */
	sift(peer: Peer, entries: readonly DecodedAwarenessEntry[]): Sifted {
		// Every entry, relays too: the server never sends a state this large, so the sender made it.
		if (entries.some((e) => e.json.byteLength > this.#limits.maxAwarenessStateBytes)) return { refusal: 'state-too-large' };
		// A null does not lower the count: a stale one does not apply, and nulls must not buy room.
		let held = peer.awarenessIds.size;
		const accepted: AwarenessEntry[] = [];
		for (const { clientId, clock, json } of entries) {
			if (clientId === this.#awareness.clientID || this.#elsewhere.has(clientId)) continue;
			const holder = this.#holderOf.get(clientId);
			// Another live person's presence: a relay, or a forgery. Dropped unread.
			if (holder && holder !== peer && !samePerson(holder.claims, peer.claims)) continue;
			// Throws on broken JSON before anything of the update is applied: the socket closes with 1007.
			const state = parseAwarenessState(json);
			// Its own, or a leave: the clock rule judges, and nothing is claimed.
			if (holder === peer || state === null) {
				accepted.push({ clientId, clock, state });
				continue;
			}
			// Not newer than the room's (y-protocols would not apply it): a late relay.
			if (clock <= (this.#awareness.meta.get(clientId)?.clock ?? 0)) continue;
			if (held < this.#limits.maxAwarenessClients) {
				held += 1;
				accepted.push({ clientId, clock, state });
			} else if (!holder) {
				return { refusal: 'too-many-clients' };
			}
		}
		return { accepted };
	}

	/**
	 * Records what an applied update changed. `from` is the open socket whose update it was,
	 * 'elsewhere' (another instance's socket), or null (a socket leaving, the room's own timeout):
	 * ids it set are now held by it; removed ids are held by no socket.
	 */
	applied(from: Peer | 'elsewhere' | null, { added, updated, removed }: PresenceChanges): void {
		if (from === 'elsewhere') {
			for (const id of [...added, ...updated]) {
				this.#holderOf.get(id)?.awarenessIds.delete(id);
				this.#holderOf.delete(id);
				this.#elsewhere.add(id);
			}
		} else if (from) {
			for (const id of [...added, ...updated]) {
				const previous = this.#holderOf.get(id);
				if (previous === from) continue;
				previous?.awarenessIds.delete(id);
				this.#holderOf.set(id, from);
				from.awarenessIds.add(id);
			}
		}
		for (const id of removed) {
			this.#holderOf.get(id)?.awarenessIds.delete(id);
			this.#holderOf.delete(id);
			this.#elsewhere.delete(id);
		}
	}

	/** Every id an open socket of this room holds (not those held elsewhere). */
	held(): number[] {
		return [...this.#holderOf.keys()];
	}

	/** Forgets a socket that has left, after its states were removed. */
	release(peer: Peer): void {
		for (const id of peer.awarenessIds) if (this.#holderOf.get(id) === peer) this.#holderOf.delete(id);
		peer.awarenessIds.clear();
	}
}

/** Every facilitator token of a workshop speaks for the same person. Compared, not keyed: this runs for every relayed entry. */
function samePerson(a: Claims, b: Claims): boolean {
	if (a.code !== b.code) return false;
	if (a.role === 'facilitator' || b.role === 'facilitator') return a.role === b.role;
	return a.participantId === b.participantId;
}
