/**
 * The write policy of a board room (`<code>/board/<boardId>`): the facilitation rules that live in
 * the workshop document (room `<code>`) and so change while sockets are open.
 *
 *   rule                                   who            enforcement
 *   board locked ('all' or '<boardId>')    participants   every update is undone
 *   figure locked ('<boardId>/<figureId>') participants   an update is undone when it adds, edits,
 *                                                         moves into or out of, or deletes a note
 *                                                         whose figureId is a locked figure (before
 *                                                         or after the update), or changes the
 *                                                         locked figure itself
 *   boards open (meta.openBoards)          participants   read-only on other groups' boards; when
 *                                                         it is switched off they are closed, 4403
 * The facilitator is never restricted; readers' updates are dropped before this runs (room.ts).
 *
 * Mechanism: the rules are read from the live workshop doc on every update, so a lock or unlock
 * takes effect for open sockets at once. A refused update is applied and undone in the room
 * (Room#applyGuarded explains why dropping would wedge the sender). It is refused WHOLE: stock
 * clients send one update per local transaction and every op in src/lib/board touches one note
 * (or one figure with its notes), so only a reconnect's sync step 2 can mix a locked note with
 * other edits; those other offline edits are then undone too, which errs on the side of the lock.
 *
 * Cost: with no lock on the board, two lookups in the locks map on top of a plain apply. With a
 * figure lock, one pass over the notes before the apply (ids of the notes in locked figures) and a
 * walk from each changed type up to its note afterwards (O(changes)). A refused update adds an
 * UndoManager undo and a merge. Measured roughly on this machine (Node 20, a board of 300 notes,
 * 5,000 one-keystroke updates, noisy shared host): a plain apply 20–60 µs per update; a figure
 * lock adds some 15–35 µs; a locked board (apply, undo, merge) 80–110 µs in all. A group of eight
 * all typing at once (~150 updates a second) thus costs about 10–15 ms of CPU a second, locks on.
 *
 * Lifetime: rooms.ts holds the workshop room as a dependency of every live board room, so the
 * workshop doc is loaded and observed for as long as this policy exists.
 */
import * as Y from 'yjs';
import { boardMaps } from '../../src/lib/board/schema';
import { isBoardLocked, lockedFigures } from '../../src/lib/board/locks';
import { readWorkshop } from '../../src/lib/board/workshop';
import type { RoomRef } from '../../src/lib/board/rooms';
import type { Log } from '../log';
import type { DocStore, WorkshopRecord } from '../store/doc-store';
import { decideAccess, type AccessSettings } from './access';
import type { DecodedUpdate, Peer, Room, RoomPolicy, UpdateInspection } from './room';

type BoardRef = Extract<RoomRef, { kind: 'board' }>;

/** The access settings held in a workshop doc. */
export function accessSettings(workshopDoc: Y.Doc): AccessSettings {
	return { openBoards: readWorkshop(workshopDoc).openBoards };
}

export class BoardPolicy implements RoomPolicy {
	readonly ready: Promise<void>;
	readonly #board: BoardRef;
	readonly #workshop: Room;
	readonly #log: Log;
	#record: WorkshopRecord | null = null;
	#room: Room | null = null;
	#meta: Y.Map<unknown> | null = null;
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
	}

	attach(room: Room): void {
		this.#room = room;
	}

	inspect(peer: Peer, doc: Y.Doc, update: DecodedUpdate): UpdateInspection | null {
		if (peer.claims.role !== 'participant') return null;
		const workshop = this.#workshop.doc;
		const boardId = this.#board.boardId;
		if (isBoardLocked(workshop, boardId)) return () => 'board is locked';
		const figures = lockedFigures(workshop, boardId);
		// Ordinary edits (typing, moving) neither write vote results nor touch a locked figure:
		// they stay on the fast path instead of paying for a guarded apply on every keystroke.
		const writesResults = writesKeys(update, RESULT_KEYS);
		if (figures.size === 0 && !writesResults) return null;
		const before = figures.size ? notesIn(doc, figures) : null;
		return (transaction) =>
			(writesResults ? resultChange(doc, transaction) : null) ??
			(before ? lockedChange(doc, transaction, figures, before) : null);
	}

	recheck(peer: Peer): { code: number; reason: string } | null {
		const decision = decideAccess(peer.claims, this.#board, this.#record, accessSettings(this.#workshop.doc));
		return 'refuse' in decision ? { code: decision.refuse, reason: decision.reason } : null;
	}

	destroy(): void {
		this.#destroyed = true;
		this.#meta?.unobserve(this.#onMeta);
	}

	/** Closing the boards takes effect for open sockets: whoever is no longer admitted is closed. */
	#onMeta = (event: Y.YMapEvent<unknown>): void => {
		if (!event.keysChanged.has('openBoards') || !this.#room) return;
		for (const peer of [...this.#room.peers]) {
			const refusal = this.recheck(peer);
			if (!refusal) continue;
			this.#log.info('access withdrawn', { room: this.#room.name, conn: peer.id, step: 'open-boards', code: refusal.code });
			peer.close(refusal.code, refusal.reason, 'open-boards');
		}
	};
}

/** Ids of the notes that belong to one of `figures` now. */
function notesIn(doc: Y.Doc, figures: Set<string>): Set<string> {
	const ids = new Set<string>();
	boardMaps(doc).notes.forEach((note, id) => {
		if (note instanceof Y.Map && figures.has(note.get('figureId') as string)) ids.add(id);
	});
	return ids;
}

/**
 * The reason to undo `transaction`, or null. `transaction.changed` names every type that existed
 * before and changed (with the changed keys); content inside a type made in this transaction shows
 * as the new key on its parent. So walking each changed type up to `notes` or `figures` finds every
 * note and figure the update touched.
 */
function lockedChange(doc: Y.Doc, transaction: Y.Transaction, figures: Set<string>, before: Set<string>): string | null {
	const { notes, figures: figureMap } = boardMaps(doc) as { notes: Y.Map<unknown>; figures: Y.Map<unknown> };
	const lockedNote = (id: string) => {
		if (before.has(id)) return true; // edited, moved out of or deleted from a locked figure
		const note = notes.get(id);
		return note instanceof Y.Map && figures.has(note.get('figureId') as string); // added or moved in
	};
	for (const [changed, keys] of transaction.changed) {
		const type = changed as Y.AbstractType<unknown>;
		const touched =
			type === notes || type === figureMap
				? [...keys].map((key) => ({ parent: type, key }))
				: [ownerEntry(type, notes, figureMap)];
		for (const entry of touched) {
			if (!entry || entry.key === null) continue;
			if (entry.parent === notes && lockedNote(entry.key)) return `note ${entry.key} is in a locked figure`;
			if (entry.parent === figureMap && figures.has(entry.key)) return `figure ${entry.key} is locked`;
		}
	}
	return null;
}

/** A note's vote results, written only by the server (src/lib/board/vote.ts). */
const RESULT_KEYS = new Set(['votes', 'top']);

/** Whether the update sets a map entry with one of these keys, at any depth. */
function writesKeys(update: DecodedUpdate, keys: Set<string>): boolean {
	return update.structs.some((struct) => struct instanceof Y.Item && struct.parentSub !== null && keys.has(struct.parentSub));
}

/**
 * Vote results (a note's `votes` and `top`, see src/lib/board/vote.ts) are written by the server
 * when a vote closes; a participant who writes them, on an existing note or on a note they add,
 * would fake the count.
 */
function resultChange(doc: Y.Doc, transaction: Y.Transaction): string | null {
	const { notes } = boardMaps(doc) as { notes: Y.Map<unknown> };
	for (const [changed, keys] of transaction.changed) {
		if ((changed as unknown) === notes) {
			for (const id of keys) {
				if (id === null) continue;
				const note = notes.get(id);
				if (note instanceof Y.Map && [...RESULT_KEYS].some((key) => note.has(key))) {
					return `note ${id} was added with vote results`;
				}
			}
		} else if (changed instanceof Y.Map && changed._item?.parent === notes && [...keys].some((key) => key !== null && RESULT_KEYS.has(key))) {
			return `vote results of note ${changed._item.parentSub} changed`;
		}
	}
	return null;
}

/** The entry of `notes` or `figures` that `type` lives in, or null for anything else in the doc. */
function ownerEntry(
	type: Y.AbstractType<unknown>,
	notes: Y.Map<unknown>,
	figures: Y.Map<unknown>
): { parent: Y.AbstractType<unknown>; key: string | null } | null {
	let current = type;
	// Notes and figures are two levels deep at most (note → text); the bound guards a hostile doc.
	for (let depth = 0; depth < 32; depth++) {
		const item = current._item;
		if (!item || !(item.parent instanceof Y.AbstractType)) return null;
		if (item.parent === notes || item.parent === figures) return { parent: item.parent, key: item.parentSub };
		current = item.parent;
	}
	return null;
}
