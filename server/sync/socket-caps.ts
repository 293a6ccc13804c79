/**
 * Caps on open sync sockets per token and per client address, so that one token, or one machine
 * minting tokens, cannot hold thousands of sockets (each costs memory, a heartbeat and a share of
 * every broadcast). A socket takes a slot when it is admitted, after its token is verified and
 * before it joins a room, and gives it back when it closes; the rooms.ts registry does both.
 *
 * The address is the one server/http/client-address.ts gives: the TCP peer, or behind a reverse
 * proxy the entry of ADDRESS_HEADER (and XFF_DEPTH) the proxy wrote. Without that setting every
 * socket behind a proxy shares the proxy's address, and the per-address bound is a bound on the
 * whole server.
 */
import type { Claims } from '../auth/tokens';

export interface SocketCapLimits {
	maxSocketsPerParticipantToken: number;
	maxSocketsPerFacilitatorToken: number;
	maxSocketsPerAddress: number;
}

export type SocketSlot = { release: () => void } | { refusal: string };

export class SocketCaps {
	readonly #limits: SocketCapLimits;
	readonly #perToken = new Map<string, number>();
	readonly #perAddress = new Map<string, number>();

	constructor(limits: SocketCapLimits) {
		this.#limits = limits;
	}

	/** A slot for one more socket of this token and address, or which bound is full. */
	take(token: string, role: Claims['role'], address: string): SocketSlot {
		const perToken = role === 'facilitator' ? this.#limits.maxSocketsPerFacilitatorToken : this.#limits.maxSocketsPerParticipantToken;
		if ((this.#perToken.get(token) ?? 0) >= perToken) return { refusal: 'too many connections for this token' };
		if ((this.#perAddress.get(address) ?? 0) >= this.#limits.maxSocketsPerAddress) {
			return { refusal: 'too many connections from this address' };
		}
		add(this.#perToken, token, 1);
		add(this.#perAddress, address, 1);
		let held = true;
		const release = () => {
			if (!held) return;
			held = false;
			add(this.#perToken, token, -1);
			add(this.#perAddress, address, -1);
		};
		return { release };
	}
}

/** Counts that reach 0 are deleted, so the maps hold only keys with open sockets. */
function add(counts: Map<string, number>, key: string, delta: number): void {
	const next = (counts.get(key) ?? 0) + delta;
	if (next > 0) counts.set(key, next);
	else counts.delete(key);
}
