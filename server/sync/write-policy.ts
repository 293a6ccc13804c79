/**
 * The write policy of a board room (`<code>/board/<boardId>`): the facilitation rules that live in
 * the workshop document (room `<code>`) and so change while sockets are open.
 *
 * What a participant may write at all (notes only, within the schema, as themselves) is decided
 * first, by board-admission.ts. Then the facilitation rules:
 *
 *   rule                                   who            enforcement
 *   board locked ('all' or '<boardId>')    participants   every update is undone
 *   figure locked ('<boardId>/<figureId>') participants   an update is undone when it adds, edits,
 *                                                         moves into or out of, or deletes a note
 *                                                         whose figureId is a locked figure (before
 *                                                         or after the update)
 *   boards open (meta.openBoards)          participants   read-only on other groups' boards; when
 *                                                         it is switched off they are closed, 4403
 *   membership (participants[pid].groupId) participants   write only on the group the doc gives
 *                                                         them now; a socket whose access changes
 *                                                         (moved, removed) is closed, 4403, and
 *                                                         any update it still sends is undone
 * The facilitator is never restricted by them; readers' updates are dropped before this runs.
 *
 * Mechanism: the rules are read from the live workshop doc on every update, so a lock or unlock
 * takes effect for open sockets at once. Everything is decided before applying, from where the
 * admission Analysis says each struct lands, so an honest update is applied once, unguarded. A
 * refused update is applied and undone in the room (Room#applyGuarded explains why dropping would
 * wedge the sender). It is refused WHOLE: stock clients send one update per local transaction
 * and every op in src/lib/board touches one note (or one figure with its notes), so only a
 * reconnect's sync step 2 can mix a refused change with other edits; those are then undone too.
 *
 * Cost: O(structs in the update) lookups on top of the admission walk; no pass over the board.
 * A refused update adds an UndoManager undo and a merge (80–110 µs on a board of 300 notes).
 *
 * Lifetime: rooms.ts holds the workshop room as a dependency of every live board room, so the
 * workshop doc is loaded and observed for as long as this policy exists.
 */
import * as Y from 'yjs';
import { boardMaps } from '../../src/lib/board/schema';
import { isBoardLocked, lockedFigures } from '../../src/lib/board/locks';
import type { RoomRef } from '../../src/lib/board/rooms';
import type { Claims } from '../auth/tokens';
import type { Log } from '../log';
import type { DocStore, WorkshopRecord } from '../store/doc-store';
import { decideAccess, type AccessSettings } from './access';
import { CLOSE_FORBIDDEN } from './close-codes';
import type { Analysis } from './admission';
import { judgeBoardUpdate, noteTouches, type BoardWriter } from './board-admission';
import type { Peer, Room, RoomPolicy, UpdateInspection } from './room';

type BoardRef = Extract<RoomRef, { kind: 'board' }>;

/** The access settings held in a workshop doc, for the person `claims` names. */
export function accessSettings(workshopDoc: Y.Doc, claims: Claims): AccessSettings {
	const openBoards = workshopDoc.getMap('meta').get('openBoards') === true;
	if (claims.role !== 'participant') return { openBoards, group: null };
	const person = workshopDoc.getMap('participants').get(claims.participantId);
	const group = person instanceof Y.Map ? person.get('groupId') : undefined;
	return { openBoards, group: typeof group === 'string' ? group : null };
}

export class BoardPolicy implements RoomPolicy {
	readonly ready: Promise<void>;
	readonly #board: BoardRef;
	readonly #workshop: Room;
	readonly #log: Log;
	#record: WorkshopRecord | null = null;
	#room: Room | null = null;
	#meta: Y.Map<unknown> | null = null;
	#participants: Y.Map<unknown> | null = null;
	#destroyed = false;

	constructor(opts: { board: BoardRef; workshop: Room; store: DocStore; log: Log }) {
		this.#board = opts.board;
		this.#workshop = opts.workshop;
		this.#log = opts.log;
		this.ready = this.#load(opts.store);
		// The room awaits `ready` and reports a failure; this keeps Node from calling it unhandled.
		this.ready.catch(() => {});
	}

	async #load(store: DocStore): Promise<void> {
		await this.#workshop.ready;
		this.#record = await store.getWorkshop(this.#board.code);
		if (this.#destroyed) return;
		this.#meta = this.#workshop.doc.getMap('meta');
		this.#meta.observe(this.#onMeta);
		this.#participants = this.#workshop.doc.getMap('participants');
		this.#participants.observeDeep(this.#onParticipants);
	}

	attach(room: Room): void {
		this.#room = room;
	}

	inspect(peer: Peer, doc: Y.Doc, analysis: Analysis): UpdateInspection | null {
		const writer = this.#writer(peer);
		if (!writer) return () => 'the writer is not a participant of this workshop';
		// A moved or removed person's socket here closes once the move is committed; until then their writes are undone.
		if (writer.role === 'participant' && accessSettings(this.#workshop.doc, peer.claims).group !== this.#board.boardId) {
			return () => `the writer is no longer in group ${this.#board.boardId}`;
		}
		const verdict = judgeBoardUpdate(doc, analysis, writer);
		if ('refuse' in verdict) return () => verdict.refuse;
		if (writer.role === 'participant') {
			const locked = this.#lockRefusal(doc, analysis);
			if (locked) return () => locked;
		}
		return verdict.inspect;
	}

	/** Who the peer writes as: the facilitator, or a participant as the workshop doc knows them. */
	#writer(peer: Peer): BoardWriter | null {
		const { claims } = peer;
		if (claims.role === 'facilitator') return { role: 'facilitator' };
		const person = this.#workshop.doc.getMap('participants').get(claims.participantId);
		if (!(person instanceof Y.Map)) return null;
		const text = (key: string) => (typeof person.get(key) === 'string' ? (person.get(key) as string) : '');
		return { role: 'participant', id: claims.participantId, name: text('name'), organisation: text('organisation') };
	}

	/** A participant's change to a locked board, or to a note in, into or out of a locked figure. */
	#lockRefusal(doc: Y.Doc, analysis: Analysis): string | null {
		const workshop = this.#workshop.doc;
		const boardId = this.#board.boardId;
		if (isBoardLocked(workshop, boardId)) return 'board is locked';
		const figures = lockedFigures(workshop, boardId);
		if (figures.size === 0) return null;
		const touched = noteTouches(analysis);
		for (const figureId of touched.movedInto) if (figures.has(figureId)) return `a note moved into locked figure ${figureId}`;
		const { notes } = boardMaps(doc);
		for (const id of touched.notes) {
			const note = notes.get(id);
			if (note instanceof Y.Map && figures.has(note.get('figureId') as string)) return `note ${id} is in a locked figure`;
		}
		return null;
	}

	recheck(peer: Peer): { code: number; reason: string } | null {
		const decision = decideAccess(peer.claims, this.#board, this.#record, accessSettings(this.#workshop.doc, peer.claims));
		if ('refuse' in decision) return { code: decision.refuse, reason: decision.reason };
		// A socket's mode is fixed at its upgrade; one whose access changed reconnects to get the new one.
		if (decision.mode !== peer.mode) return { code: CLOSE_FORBIDDEN, reason: `access changed to ${decision.mode}` };
		return null;
	}

	destroy(): void {
		this.#destroyed = true;
		this.#meta?.unobserve(this.#onMeta);
		this.#participants?.unobserveDeep(this.#onParticipants);
	}

	/** Closing the boards takes effect for open sockets: whoever is no longer admitted is closed. */
	#onMeta = (event: Y.YMapEvent<unknown>): void => {
		if (event.keysChanged.has('openBoards')) this.#recheckPeers('open-boards', () => true);
	};

	/**
	 * A move or a removal takes that person's open sockets off this board. Their writes are refused
	 * at once (inspect); the close waits until the workshop doc's change is committed and relayed,
	 * so that their page learns where they belong before it hears that this board is shut.
	 */
	#onParticipants = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
		const changed = new Set<string>();
		for (const event of events) {
			if (event.target === this.#participants) for (const key of event.keys.keys()) changed.add(key);
			else if (event.path[0] !== undefined) changed.add(String(event.path[0]));
		}
		const recheck = () => {
			if (!this.#destroyed) this.#recheckPeers('membership', (claims) => claims.role === 'participant' && changed.has(claims.participantId));
		};
		this.#workshop.flush().then(recheck, recheck);
	};

	#recheckPeers(step: string, concerns: (claims: Claims) => boolean): void {
		if (!this.#room) return;
		for (const peer of [...this.#room.peers]) {
			if (!concerns(peer.claims)) continue;
			const refusal = this.recheck(peer);
			if (!refusal) continue;
			this.#log.info('access withdrawn', { room: this.#room.name, conn: peer.id, step, code: refusal.code });
			peer.close(refusal.code, refusal.reason, step);
		}
	}
}
