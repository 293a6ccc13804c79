/**
 * The write policy of a private room (`<code>/private/<pid>`): the vote's rules for the dots its
 * owner places (src/lib/board/vote.ts). Only the owner can open the room (access.ts), so every
 * writer here is that participant.
 *
 *   rule                                                 enforcement
 *   no vote open, or a dot for another vote              an update that adds or changes a dot is undone
 *   a dot on another group's board                       〃
 *   a dot naming a figure the vote does not count here   〃 (by figure id, fixed at open: vote.ts)
 *   a dot on a note that is not in the figure it names   〃 (the note's figure is read from the board)
 *   more dots on one figure than its quota               〃
 *   a second dot on one note when stacking is off        〃
 *   removing or changing a dot of the current vote once  〃 (the tally was taken from these dots)
 *   it is closed
 * Other maps of the doc (drafts) are not judged: an update that does not touch `dots` is kept.
 *
 * Every key of `dots` the update changed is judged by its value before the update and after it.
 * The keys come from `transaction.changed`, which Yjs fills while integrating, so an overwrite of
 * an existing key counts although the update does not carry the key (an item placed after the
 * old value is encoded without `parentSub`). The value before is taken from a copy made before
 * applying, not from the items left in the map: an update that overwrites a dot and deletes its
 * own overwrite in one go leaves only its own junk as the "last" value.
 *
 * Mechanism: as write-policy.ts, a refused update is applied and undone (Room#applyGuarded), so a
 * stock client converges back to the dots it may have. The vote comes from the live workshop doc,
 * the note's figure from the live board doc of the owner's group; both rooms are leased (held
 * loaded) from the first use of this room until it unloads.
 *
 * Cost: every participant update to a private doc goes through the guarded path (an UndoManager
 * per update), because whether it touches `dots` is only known after applying it. Private docs
 * see one person's typing, far below a board's traffic.
 */
import type * as Y from 'yjs';
import { boardRoom, type RoomRef } from '../../src/lib/board/rooms';
import { dotRefusal, readDot, readDots, readVote, voteBoardOf, type Dot, type VoteBoard } from '../../src/lib/board/vote';
import { readWorkshop } from '../../src/lib/board/workshop';
import type { Log } from '../log';
import type { Peer, Room, RoomPolicy, UpdateInspection } from './room';

type PrivateRef = Extract<RoomRef, { kind: 'private' }>;

/** A room held loaded until `release` (Rooms counts it as one user). */
export interface Lease {
	room: Room;
	release(): void;
}

export class VotePolicy implements RoomPolicy {
	readonly ready: Promise<void>;
	readonly #ref: PrivateRef;
	readonly #log: Log;
	readonly #leases: Lease[] = [];
	#workshop: Room | null = null;
	#board: Room | null = null;
	#boardId: string | null = null;
	#destroyed = false;

	constructor(opts: { ref: PrivateRef; lease: (room: string) => Lease; log: Log }) {
		this.#ref = opts.ref;
		this.#log = opts.log;
		this.ready = this.#load(opts.lease);
		this.ready.catch(() => this.destroy());
	}

	async #load(lease: (room: string) => Lease): Promise<void> {
		const workshop = this.#take(lease(this.#ref.code));
		await workshop.ready;
		// The group from the workshop doc, where membership is kept; unknown people get no board.
		const person = readWorkshop(workshop.doc).participants.find((p) => p.id === this.#ref.participantId);
		this.#workshop = workshop;
		if (!person || this.#destroyed) return;
		const board = this.#take(lease(boardRoom(this.#ref.code, person.groupId)));
		await board.ready;
		this.#board = board;
		this.#boardId = person.groupId;
	}

	#take(lease: Lease): Room {
		this.#leases.push(lease);
		if (this.#destroyed) this.destroy();
		return lease.room;
	}

	attach(): void {}

	inspect(peer: Peer, doc: Y.Doc): UpdateInspection | null {
		if (peer.claims.role !== 'participant') return null;
		const dots = doc.getMap('dots');
		// Whether the update touches `dots` is only known once it is applied; a person's dots are a
		// few dozen entries, so copying them for every update of a private doc stays cheap.
		const before = new Map(dots.entries());
		return (transaction) => {
			for (const [type, keys] of transaction.changed) if ((type as unknown) === dots) return this.#judge(doc, before, keys);
			return null;
		};
	}

	#judge(doc: Y.Doc, before: ReadonlyMap<string, unknown>, keys: Set<string | null>): string | null {
		const vote = this.#workshop ? readVote(this.#workshop.doc) : null;
		const dots = doc.getMap('dots');
		const added: Dot[] = [];
		for (const key of keys) {
			if (key === null) continue;
			const was = readDot(key, before.get(key));
			const now = dots.get(key);
			const dot = now === undefined ? null : readDot(key, now);
			if (was && dot && sameDot(was, dot)) continue; // a losing concurrent write: nothing changed
			// The closed vote's dots are what the tally counted: they stay as they are.
			if (vote?.status === 'closed' && was?.voteId === vote.id) return 'the vote is closed';
			if (now === undefined) continue; // a removal: free while the vote is open
			if (!dot) return `dot ${key} is malformed`;
			added.push(dot);
		}
		const current = vote ? readDots(doc, vote.id) : [];
		return dotRefusal(vote, this.#voteBoard(), current, added);
	}

	/** The owner's board as it is now; no board (not in a group) means no dot is valid. */
	#voteBoard(): VoteBoard {
		if (!this.#board || this.#boardId === null) return { id: '', figures: [], noteFigure: () => null };
		return voteBoardOf(this.#board.doc, this.#boardId);
	}

	recheck(): null {
		return null;
	}

	destroy(): void {
		this.#destroyed = true;
		for (const lease of this.#leases.splice(0)) lease.release();
	}
}

function sameDot(a: Dot, b: Dot): boolean {
	return a.voteId === b.voteId && a.boardId === b.boardId && a.figureId === b.figureId && a.noteId === b.noteId;
}
