/**
 * The live plenary summary (issue 3 §7), kept by the server so that it runs while the
 * facilitator is offline. The layout and the diff are pure (src/lib/board/plenary.ts); this file
 * decides WHEN to refresh and reads the sources.
 *
 * Trigger: Rooms.onChange tells us when a group board room loads; from then on a SummaryWatch
 * (summary-watch.ts) on its doc says when the summary figures or a note in them changed. Only
 * then is the group marked dirty; the workshop's refresh runs REFRESH_MS after the first mark (a
 * window, not a debounce that restarts: a group typing without pause must still reach the
 * plenary). If the board room unloads before that, the watch keeps what it last read; the
 * refresh never loads a group board itself, so a refresh cannot cause another one.
 *
 * Cost: a change outside every summary figure does no plenary work at all. Per workshop at most
 * one plenary transaction per REFRESH_MS, re-reading only the summary notes that changed and
 * diffing the dirty groups' mirrors; an unchanged summary writes nothing.
 *
 * At scale (several instances) only the holder of the workshop's lease (server/scale/leases.ts)
 * writes the mirror, so that it is written once. An instance that sees a summary change of a
 * workshop it does not hold signals it (a Redis message, at most once a refresh window per
 * group); the holder then reads that board, which loads it on the fan-out and so brings it the
 * change, and refreshes. A holder that takes a workshop over refreshes every group (follow).
 *
 * The copy ("Kopiera till plenum") is the facilitator's: a participant's token gets 403.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import {
	boardMaps,
	boardRoom,
	copyToPlenary,
	parseRoom,
	PLENARY_BOARD,
	readGroups,
	readNote,
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
import { soleLeases, type Leases } from '../scale/leases';
import type { Signals } from '../scale/signals';
import type { Rooms } from '../sync/rooms';
import { claimedWorkshop } from './member';
import { SummaryWatch } from './summary-watch';

export const copyInput = z.object({ boardId: z.string(), noteId: z.string() });

const REFRESH_MS = 200;
/** The signal topic: `<code> <groupId>` has a summary change the holder has not seen. */
const PLENARY_DUE = 'plenary-due';


export class PlenaryService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #log: Log;
	readonly #refreshMs: number;
	/** Group board docs seen loading, with the watch that follows their summary. */
	readonly #watches = new WeakMap<Y.Doc, SummaryWatch>();
	/** The same, by room name, while the board is loaded: what a take-over refreshes. */
	readonly #loadedBoards = new Map<string, { ref: { code: string; boardId: string }; watch: SummaryWatch }>();
	/** code → groupId → the watch of a group whose summary changed since the last refresh. */
	readonly #dirty = new Map<string, Map<string, SummaryWatch>>();
	readonly #timers = new Map<string, NodeJS.Timeout>();
	readonly #running = new Set<Promise<void>>();
	readonly #unsubscribe: () => void;
	readonly #leases: Leases;
	readonly #signals: Signals | null;
	/** `code group` signalled to the holder in the current refresh window. */
	readonly #signalled = new Set<string>();
	#stopHearing: () => void = () => {};
	#closed = false;

	constructor(deps: { store: DocStore; rooms: Rooms; log: Log; refreshMs?: number; leases?: Leases; signals?: Signals | null }) {
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#log = deps.log;
		this.#refreshMs = deps.refreshMs ?? REFRESH_MS;
		this.#leases = deps.leases ?? soleLeases;
		this.#signals = deps.signals ?? null;
		if (this.#signals) this.#stopHearing = this.#signals.onSignal(PLENARY_DUE, (body) => this.#due(body));
		this.#unsubscribe = this.#rooms.onChange((name, doc) => this.#changed(name, doc));
	}

	/** "Kopiera till plenum": copies one note of a group board into "Från grupperna"; answers the copy's id. */
	async copy(rawCode: string, claims: Claims, input: unknown): Promise<{ id: string }> {
		const code = await claimedWorkshop(this.#store, rawCode, claims);
		if (claims.role !== 'facilitator') throw new UserError(403, 'error_plenary_facilitator_only');
		const parsed = copyInput.safeParse(input);
		if (!parsed.success) throw new UserError(400, 'error_plenary_copy_fields');
		const { boardId, noteId } = parsed.data;
		const groups = (await this.#rooms.read(workshopRoom(code), readWorkshop)).groups;
		if (!groups.some((g) => g.id === boardId)) throw new UserError(404, 'error_plenary_board_unknown');
		const note = await this.#rooms.read(boardRoom(code, boardId), (doc) => {
			const map = boardMaps(doc).notes.get(noteId);
			return map instanceof Y.Map ? readNote(noteId, map) : undefined;
		});
		if (!note) throw new UserError(404, 'error_plenary_note_gone');
		let id = '';
		// A plenary made by this copy is titled in the workshop's language, as the mirror's.
		const { language } = await this.#rooms.read(workshopRoom(code), readWorkshop);
		await this.#rooms.update(boardRoom(code, PLENARY_BOARD), (doc) => {
			id = copyToPlenary(doc, boardId, note, language);
		});
		this.#log.debug('note copied to plenary', { code, boardId, noteId, id, step: 'plenary' });
		return { id };
	}

	/**
	 * A renamed group's mirror takes the new name now, not at the group's next edit. Called by the
	 * rename itself (groups.ts), never by a refresh, so loading the board here cannot loop.
	 */
	async groupRenamed(code: string, groupId: string): Promise<void> {
		const { groups, language } = await this.#rooms.read(workshopRoom(code), readWorkshop);
		const group = groups.find((g) => g.id === groupId);
		if (!group) return;
		const source = await this.#rooms.read(boardRoom(code, groupId), (doc) => readSummarySource(doc, group));
		if (!source.figureTitle) return;
		await this.#rooms.update(boardRoom(code, PLENARY_BOARD), (doc) => syncGroupMirror(doc, source, language));
	}

	/**
	 * After each lease pass (lease-work.ts): a workshop just taken over refreshes the groups whose
	 * boards are loaded here, since their summaries may have changed while the signals went to an
	 * instance that is gone. (A board loaded on neither is unchanged; one on a third instance is
	 * mirrored at its next change.)
	 */
	follow(taken: readonly string[]): void {
		if (this.#closed) return;
		for (const code of taken) {
			for (const { ref, watch } of this.#loadedBoards.values()) {
				if (ref.code !== code) continue;
				// The instance that held it wrote the mirror meanwhile: compare every note, not a delta.
				watch.resync();
				this.#mark(code, ref.boardId, watch);
			}
		}
	}

	/** Reads the board, which loads it if need be (and its load marks it), and marks it. */
	async #markBoard(code: string, groupId: string): Promise<void> {
		const watch = await this.#rooms.read(boardRoom(code, groupId), (doc) => this.#watches.get(doc));
		if (watch) this.#mark(code, groupId, watch);
	}

	/** Another instance saw a summary change of a workshop this one may hold. */
	#due(body: string): void {
		const [code, groupId] = body.split(' ');
		if (!code || !groupId || this.#closed || !this.#leases.holds(code)) return;
		this.#markBoard(code, groupId).catch((err: unknown) =>
			this.#log.warn('plenary could not read a signalled board', { code, groupId, step: 'plenary', error: String(err) })
		);
	}

	/** Stops the timers and waits for a refresh under way; call before closing the rooms. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#unsubscribe();
		this.#stopHearing();
		for (const timer of this.#timers.values()) clearTimeout(timer);
		this.#timers.clear();
		this.#dirty.clear();
		await Promise.allSettled([...this.#running]);
	}

	/** Runs on every change of every room: past the first sight of a board doc, one WeakMap lookup. */
	#changed(name: string, doc: Y.Doc): void {
		if (this.#watches.has(doc)) return;
		const ref = parseRoom(name);
		// A room destroyed during its load (shutdown) has an empty doc: mirroring it would wipe the group.
		if (ref?.kind !== 'board' || ref.boardId === PLENARY_BOARD || doc.isDestroyed) return;
		const watch = new SummaryWatch(doc, () => this.#mark(ref.code, ref.boardId, watch));
		this.#watches.set(doc, watch);
		const loaded = { ref, watch };
		this.#loadedBoards.set(name, loaded);
		doc.once('destroy', () => {
			if (this.#loadedBoards.get(name) === loaded) this.#loadedBoards.delete(name);
		});
		// A board just loaded may have changed while no server had it (an import, a restore).
		this.#mark(ref.code, ref.boardId, watch);
	}

	#mark(code: string, groupId: string, watch: SummaryWatch): void {
		// Another instance holds the workshop and writes its plenary: tell it, once a window. This
		// watch's changes would never be used (a take-over resyncs), so it stops collecting them.
		if (!this.#leases.holds(code)) {
			watch.resync();
			return this.#signalHolder(code, groupId);
		}
		let groups = this.#dirty.get(code);
		if (!groups) this.#dirty.set(code, (groups = new Map()));
		groups.set(groupId, watch);
		if (this.#timers.has(code)) return;
		const timer = setTimeout(() => {
			this.#timers.delete(code);
			const run = this.#refresh(code).finally(() => this.#running.delete(run));
			this.#running.add(run);
		}, this.#refreshMs);
		timer.unref();
		this.#timers.set(code, timer);
	}

	#signalHolder(code: string, groupId: string): void {
		const key = `${code} ${groupId}`;
		if (!this.#signals || this.#signalled.has(key)) return;
		this.#signalled.add(key);
		// After the window the holder has loaded the board, and follows its changes by itself.
		setTimeout(() => this.#signalled.delete(key), this.#refreshMs).unref();
		this.#signals.signal(PLENARY_DUE, key);
	}

	async #refresh(code: string): Promise<void> {
		const pending = this.#dirty.get(code);
		this.#dirty.delete(code);
		if (!pending?.size) return;
		try {
			const { groups, language } = await this.#rooms.read(workshopRoom(code), readGroups);
			const sources: SummarySource[] = [];
			for (const group of groups) {
				const watch = pending.get(group.id);
				if (watch) sources.push(watch.source(group));
			}
			if (!sources.length) return;
			await this.#rooms.update(boardRoom(code, PLENARY_BOARD), (doc) => {
				for (const source of sources) syncGroupMirror(doc, source, language);
			});
		} catch (err) {
			// The next change of the group refreshes again, comparing every note: the changes this
			// refresh took may not have reached the plenary. A closed server simply stops here.
			for (const watch of pending.values()) watch.resync();
			this.#log.warn('plenary refresh failed', { code, step: 'plenary', error: String(err) });
		}
	}
}
