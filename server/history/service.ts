/**
 * Board history (issue 4 §5): snapshots of every group board, and restoring what was lost.
 *
 * When: `intervalMs` after a board's first change since the last round, for every board changed
 * meanwhile (the timer is armed by a change, so an idle server has none); at the end of
 * each run-sheet phase for every group board of that workshop (phases.ts calls snapshotWorkshop);
 * and right before a restore. A snapshot is Y.encodeStateAsUpdate of the board as the server has
 * it (loaded from the store for the moment if nobody has it open). Old snapshots are thinned by
 * prune.ts after each new one.
 *
 * "Changed" is learnt from Rooms.onChange: its first call for a doc is the load, every later one
 * a change. The set lives in memory and, so that a restart does not forget it, as marks in the
 * store (DocStore.markHistoryDue): a board is marked by its first change after a snapshot (one
 * small write per board per interval at most, in the turn the change arrived) and unmarked after
 * its next snapshot unless it changed again meanwhile. start() reads the marks back, so an edit
 * made just before a restart is snapshotted by the first interval after it; no board is loaded
 * or compared to find out.
 *
 * Several instances (server/scale/leases.ts): every instance marks the boards it sees change, but
 * only the holder of a workshop's lease snapshots its boards; it takes the store's marks of its
 * workshops in (adopt) after each lease pass. Phase-end snapshots come from phases.ts, which tells
 * a phase end on the holder only. A restore, which a person asks for, snapshots where it runs.
 *
 * Restoring never rolls the doc back: restore.ts writes the chosen notes and figures back as new
 * maps with their old ids and content in one server transaction, which reaches every connected
 * client like any other change.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { boardRoom, parseRoom, PLENARY_BOARD, readWorkshop, workshopRoom } from '../../src/lib/board';
import type { BoardHistoryDiff, HistoryItem, Restored } from '../../src/lib/api-types';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import { soleLeases, type Leases } from '../scale/leases';
import type { DocStore, HistoryEntry, SnapshotReason } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';
import { normaliseCode } from '../workshops/codes';
import { compareBoards } from './compare';
import { snapshotsToPrune } from './prune';
import { restoreFromSnapshot } from './restore';

/** Enough for "Återställ alla" on a full board; bounds the work of one request. */
const RESTORE_IDS_MAX = 2000;

const restoreInput = z.object({
	notes: z.array(z.string().max(100)).max(RESTORE_IDS_MAX).optional(),
	figures: z.array(z.string().max(100)).max(RESTORE_IDS_MAX).optional()
});

export class HistoryService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #log: Log;
	readonly #intervalMs: number;
	readonly #leases: Leases;
	/** Group board rooms changed since their last snapshot. */
	readonly #changed = new Set<string>();
	/** Docs whose load we have seen: their next onChange calls are changes. */
	readonly #loaded = new WeakSet<Y.Doc>();
	readonly #running = new Set<Promise<unknown>>();
	readonly #unsubscribe: () => void;
	#timer: NodeJS.Timeout | null = null;
	#started = false;
	/** The timer's run under way; a slow one is not overlapped by the next (it would snapshot twice). */
	#intervalRun: Promise<unknown> | null = null;
	/** Reading back the marks of boards changed before a restart (start). */
	#marksRead: Promise<void> = Promise.resolve();

	constructor(deps: { store: DocStore; rooms: Rooms; log: Log; intervalMs: number; leases?: Leases }) {
		this.#leases = deps.leases ?? soleLeases;
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#log = deps.log;
		this.#intervalMs = deps.intervalMs;
		this.#unsubscribe = this.#rooms.onChange((name, doc) => this.#noticed(name, doc));
	}

	/** Starts the interval snapshots, first taking in the boards marked changed before a restart. */
	start(): void {
		this.#started = true;
		this.#marksRead = this.#track(
			this.#store
				.listHistoryDue()
				.then((rooms) => rooms.forEach((room) => this.#changed.add(room)))
				.catch((err: unknown) => this.#log.error('history marks not read', { step: 'history', error: String(err) }))
				.then(() => this.#arm())
		);
		this.#arm();
	}

	/** Stops the timer and waits for snapshots under way; call before closing the rooms. */
	async close(): Promise<void> {
		this.#unsubscribe();
		this.#started = false;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await Promise.allSettled([...this.#running]);
	}

	/** Snapshots every group board changed since its last snapshot; returns the rooms it snapshotted. */
	async snapshotChanged(now = Date.now()): Promise<string[]> {
		await this.#marksRead;
		const rooms = [...this.#changed];
		const done: string[] = [];
		for (const room of rooms) {
			// Another instance's to snapshot: its mark stays in the store for the holder.
			if (!this.#leases.holds(parseRoom(room)?.code ?? '')) this.#changed.delete(room);
			else if (await this.#snapshotLogged(room, 'interval', now)) done.push(room);
		}
		return done;
	}

	/** Takes in the store's marks of boards whose workshop this instance holds (after a lease pass). */
	adopt(rooms: readonly string[]): void {
		if (!this.#started) return;
		for (const room of rooms) if (this.#leases.holds(parseRoom(room)?.code ?? '')) this.#changed.add(room);
		this.#arm();
	}

	/** A run-sheet phase of workshop `code` ended: snapshot each of its group boards. */
	snapshotWorkshop(code: string, reason: SnapshotReason, now = Date.now()): Promise<void> {
		return this.#track(
			(async () => {
				const { groups } = await this.#rooms.read(workshopRoom(code), readWorkshop);
				for (const group of groups) await this.#snapshotLogged(boardRoom(code, group.id), reason, now);
			})().catch((err: unknown) => this.#log.warn('phase snapshot failed', { room: code, step: 'history', error: String(err) }))
		);
	}

	/** Retention: the workshop is going; nothing of it is pending any more. */
	forget(code: string): void {
		for (const room of this.#changed) if (parseRoom(room)?.code === code) this.#changed.delete(room);
	}

	async list(rawCode: string, boardId: string, claims: Claims): Promise<HistoryItem[]> {
		const room = await this.#board(rawCode, boardId, claims);
		return (await this.#store.listSnapshots(room)).map(item);
	}

	async diff(rawCode: string, boardId: string, rawId: string, claims: Claims): Promise<BoardHistoryDiff> {
		const room = await this.#board(rawCode, boardId, claims);
		const snapshot = await this.#snapshotOf(room, rawId);
		const then = docOf(snapshot.state);
		try {
			const changes = await this.#rooms.read(room, (now) => compareBoards(then, now));
			return { snapshot: item(snapshot), ...changes };
		} finally {
			then.destroy();
		}
	}

	async restore(rawCode: string, boardId: string, rawId: string, claims: Claims, input: unknown): Promise<Restored> {
		const room = await this.#board(rawCode, boardId, claims);
		const parsed = restoreInput.safeParse(input);
		if (!parsed.success) throw new UserError(400, 'error_restore_choose');
		const choice = { notes: parsed.data.notes ?? [], figures: parsed.data.figures ?? [] };
		if (!choice.notes.length && !choice.figures.length) throw new UserError(400, 'error_restore_none');
		const snapshot = await this.#snapshotOf(room, rawId);
		const then = docOf(snapshot.state);
		try {
			// The board as it was just before, so that a restore can itself be looked back on.
			await this.#snapshot(room, 'restore', Date.now());
			let restored: Restored = { notes: [], figures: [] };
			await this.#rooms.update(room, (live) => {
				restored = restoreFromSnapshot(live, then, choice);
			});
			this.#log.info('restored from history', { room, step: 'history', snapshot: snapshot.id, notes: restored.notes.length, figures: restored.figures.length });
			return restored;
		} finally {
			then.destroy();
		}
	}

	#noticed(name: string, doc: Y.Doc): void {
		const ref = parseRoom(name);
		if (ref?.kind !== 'board' || ref.boardId === PLENARY_BOARD) return;
		if (!this.#loaded.has(doc)) this.#loaded.add(doc);
		else this.#markChanged(name);
	}

	#markChanged(room: string): void {
		if (this.#changed.has(room)) return;
		this.#changed.add(room);
		void this.#store.markHistoryDue(room).catch((err: unknown) => this.#log.warn('history mark failed', { room, step: 'history', error: String(err) }));
		this.#arm();
	}

	/** One round `intervalMs` from now, if something changed; a round that left boards behind arms the next. */
	#arm(): void {
		if (!this.#started || this.#timer || !this.#changed.size) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#intervalRun ??= this.#track(this.snapshotChanged()).finally(() => {
				this.#intervalRun = null;
				this.#arm();
			});
		}, this.#intervalMs);
		this.#timer.unref();
	}

	/** Keeps one snapshot and thins the board's older ones; false when the workshop is gone. */
	async #snapshot(room: string, reason: SnapshotReason, now: number): Promise<boolean> {
		// Cleared before reading: a change from here on is newer than this snapshot.
		this.#changed.delete(room);
		const state = await this.#rooms.read(room, (doc) => Y.encodeStateAsUpdate(doc));
		const id = await this.#store.addSnapshot(room, { takenAt: now, reason, state });
		// A change since the read above is marked again and stays so.
		if (!this.#changed.has(room)) await this.#store.clearHistoryDue(room);
		if (id === null) return false;
		const stale = snapshotsToPrune(await this.#store.listSnapshots(room), now);
		if (stale.length) await this.#store.deleteSnapshots(stale);
		return true;
	}

	/** A failed snapshot of one board must not stop the others; the board stays due. */
	async #snapshotLogged(room: string, reason: SnapshotReason, now: number): Promise<boolean> {
		try {
			return await this.#snapshot(room, reason, now);
		} catch (err) {
			if (reason === 'interval') this.#markChanged(room);
			this.#log.warn('snapshot failed', { room, step: 'history', reason, error: String(err) });
			return false;
		}
	}

	/** The room of a group board the facilitator may look back on; refuses anyone else. */
	async #board(rawCode: string, boardId: string, claims: Claims): Promise<string> {
		const code = normaliseCode(rawCode);
		if (claims.role !== 'facilitator' || claims.code !== code) {
			throw new UserError(403, 'error_history_facilitator_only');
		}
		if (!(await this.#store.getWorkshop(code))) throw new UserError(404, 'error_workshop_gone');
		const { groups } = await this.#rooms.read(workshopRoom(code), readWorkshop);
		if (!groups.some((g) => g.id === boardId)) throw new UserError(404, 'error_history_group_unknown');
		return boardRoom(code, boardId);
	}

	async #snapshotOf(room: string, rawId: string) {
		const id = Number(rawId);
		const snapshot = Number.isSafeInteger(id) ? await this.#store.getSnapshot(room, id) : null;
		if (!snapshot) throw new UserError(404, 'error_history_snapshot_gone');
		return snapshot;
	}

	#track<T>(job: Promise<T>): Promise<T> {
		this.#running.add(job);
		void job.finally(() => this.#running.delete(job)).catch(() => {});
		return job;
	}
}

const item = (entry: HistoryEntry): HistoryItem => ({ id: entry.id, takenAt: entry.takenAt, reason: entry.reason });

function docOf(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return doc;
}
