/**
 * The live plenary summary (issue 3 §7), kept by the server so that it runs while the
 * facilitator is offline. The layout and the diff are pure (src/lib/board/plenary.ts); this file
 * decides WHEN to refresh and reads the sources.
 *
 * Trigger: Rooms.onChange tells us when a group board room loads and after every change to it,
 * whoever made it. The group is marked dirty and its live doc remembered; the workshop's refresh
 * runs REFRESH_MS after the first mark (a window, not a debounce that restarts: a group typing
 * without pause must still reach the plenary). If the board room unloads before that, its doc is
 * read on 'destroy', while its content is still there; the refresh never loads a group board
 * itself, so a refresh cannot cause another one.
 *
 * Cost: per workshop at most one plenary transaction per REFRESH_MS, reading the dirty groups'
 * notes (O(notes on those boards)) and diffing their mirrors; an unchanged summary writes nothing.
 *
 * The copy ("Kopiera till plenum") is the facilitator's: a participant's token gets 403.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import {
	boardRoom,
	copyToPlenary,
	parseRoom,
	PLENARY_BOARD,
	readNotes,
	readSummarySource,
	readWorkshop,
	syncGroupMirror,
	workshopRoom,
	type SummarySource
} from '../../src/lib/board';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import type { DocStore } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';
import { claimedWorkshop } from './member';

export const copyInput = z.object({ boardId: z.string(), noteId: z.string() });

const REFRESH_MS = 200;

/** A dirty group: its live board doc, or what that doc held when its room unloaded. */
type Pending = { doc: Y.Doc; snapshot: ((group: GroupRef) => SummarySource) | null; forget: () => void };
type GroupRef = { id: string; name: string; order: number };

export class PlenaryService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #log: Log;
	readonly #refreshMs: number;
	/** code → groupId → pending source. */
	readonly #dirty = new Map<string, Map<string, Pending>>();
	readonly #timers = new Map<string, NodeJS.Timeout>();
	readonly #running = new Set<Promise<void>>();
	readonly #unsubscribe: () => void;

	constructor(deps: { store: DocStore; rooms: Rooms; log: Log; refreshMs?: number }) {
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#log = deps.log;
		this.#refreshMs = deps.refreshMs ?? REFRESH_MS;
		this.#unsubscribe = this.#rooms.onChange((name, doc) => this.#changed(name, doc));
	}

	/** "Kopiera till plenum": copies one note of a group board into "Från grupperna"; answers the copy's id. */
	async copy(rawCode: string, claims: Claims, input: unknown): Promise<{ id: string }> {
		const code = await claimedWorkshop(this.#store, rawCode, claims);
		if (claims.role !== 'facilitator') throw new UserError(403, 'Bara workshopledaren kan kopiera lappar till plenum.');
		const parsed = copyInput.safeParse(input);
		if (!parsed.success) throw new UserError(400, 'Skicka vilken tavla och vilken lapp som ska kopieras.');
		const { boardId, noteId } = parsed.data;
		const groups = (await this.#rooms.read(workshopRoom(code), readWorkshop)).groups;
		if (!groups.some((g) => g.id === boardId)) throw new UserError(404, 'Gruppens tavla finns inte.');
		const note = await this.#rooms.read(boardRoom(code, boardId), (doc) => readNotes(doc).find((n) => n.id === noteId));
		if (!note) throw new UserError(404, 'Lappen finns inte längre på gruppens tavla.');
		let id = '';
		await this.#rooms.update(boardRoom(code, PLENARY_BOARD), (doc) => {
			id = copyToPlenary(doc, boardId, note);
		});
		this.#log.debug('note copied to plenary', { code, boardId, noteId, id, step: 'plenary' });
		return { id };
	}

	/**
	 * A renamed group's mirror takes the new name now, not at the group's next edit. Called by the
	 * rename itself (groups.ts), never by a refresh, so loading the board here cannot loop.
	 */
	async groupRenamed(code: string, groupId: string): Promise<void> {
		const group = (await this.#rooms.read(workshopRoom(code), readWorkshop)).groups.find((g) => g.id === groupId);
		if (!group) return;
		const source = await this.#rooms.read(boardRoom(code, groupId), (doc) => readSummarySource(doc, group));
		if (!source.figureTitle) return;
		await this.#rooms.update(boardRoom(code, PLENARY_BOARD), (doc) => syncGroupMirror(doc, source));
	}

	/** Stops the timers and waits for a refresh under way; call before closing the rooms. */
	async close(): Promise<void> {
		this.#unsubscribe();
		for (const timer of this.#timers.values()) clearTimeout(timer);
		this.#timers.clear();
		for (const groups of this.#dirty.values()) for (const p of groups.values()) p.forget();
		this.#dirty.clear();
		await Promise.allSettled([...this.#running]);
	}

	#changed(name: string, doc: Y.Doc): void {
		const ref = parseRoom(name);
		// A room destroyed during its load (shutdown) has an empty doc: mirroring it would wipe the group.
		if (ref?.kind !== 'board' || ref.boardId === PLENARY_BOARD || doc.isDestroyed) return;
		let groups = this.#dirty.get(ref.code);
		if (!groups) this.#dirty.set(ref.code, (groups = new Map()));
		if (groups.get(ref.boardId)?.doc !== doc) {
			const onDestroy = () => {
				const source = readSummarySource(doc, { id: ref.boardId, name: '', order: 0 });
				pending.snapshot = (group) => ({ ...source, groupName: group.name, order: group.order });
			};
			const pending: Pending = { doc, snapshot: null, forget: () => doc.off('destroy', onDestroy) };
			doc.on('destroy', onDestroy);
			groups.get(ref.boardId)?.forget();
			groups.set(ref.boardId, pending);
		}
		if (this.#timers.has(ref.code)) return;
		const timer = setTimeout(() => {
			this.#timers.delete(ref.code);
			const run = this.#refresh(ref.code).finally(() => this.#running.delete(run));
			this.#running.add(run);
		}, this.#refreshMs);
		timer.unref();
		this.#timers.set(ref.code, timer);
	}

	async #refresh(code: string): Promise<void> {
		const pending = this.#dirty.get(code);
		this.#dirty.delete(code);
		if (!pending?.size) return;
		try {
			const { groups } = await this.#rooms.read(workshopRoom(code), readWorkshop);
			const sources: SummarySource[] = [];
			for (const group of groups) {
				const p = pending.get(group.id);
				if (!p) continue;
				p.forget();
				sources.push(p.snapshot ? p.snapshot(group) : readSummarySource(p.doc, group));
			}
			if (!sources.length) return;
			await this.#rooms.update(boardRoom(code, PLENARY_BOARD), (doc) => {
				for (const source of sources) syncGroupMirror(doc, source);
			});
		} catch (err) {
			// The next change of the group refreshes again; a closed server simply stops here.
			this.#log.warn('plenary refresh failed', { code, step: 'plenary', error: String(err) });
		}
	}
}
