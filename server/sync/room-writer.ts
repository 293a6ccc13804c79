/**
 * The store side of one room (room.ts): its updates go to the DocStore in order, the log is
 * compacted into a snapshot by count or bytes, relays wait for the commit that holds them, and a
 * store that cannot write puts the room into a failing state until a whole-doc snapshot succeeds.
 *
 * Order: store writes run one at a time through a queue, so a compaction starts after every
 * append queued before it. It need not capture them all: the store merges whatever log it deletes
 * (DocStore.compact), which is what keeps another instance's appends to the same room. Updates that arrive while an append task waits in the queue join that task, so a
 * burst in one room is handed to the store together (SqliteStore commits it as one transaction).
 *
 * Durable before visible: `relay(update, except)` sends an update to the room's peers only once
 * the append task that holds the updates queued with it has committed.
 *
 * Failing: on a failed append, `onFailing` is called once (the room closes its peers with 4507),
 * and a snapshot of the whole doc is retried from 1 s, doubling to 30 s. Appends are not retried one
 * by one: a later append that succeeded after a failed one would leave a gap in the log that a
 * reload could not apply. While failing, queued appends are dropped (the snapshot holds them) and
 * so are relays (nobody is connected to relay to).
 */
import * as Y from 'yjs';
import type { Log } from '../log';
import type { SyncMetrics } from '../metrics';
import type { DocStore } from '../store/doc-store';

/** First retry after a failed write, doubling up to the max: a full disk is not freed in a second. */
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export interface RoomWriterLimits {
	compactEveryUpdates: number;
	compactEveryBytes: number;
}

export class RoomWriter {
	readonly #name: string;
	readonly #doc: Y.Doc;
	readonly #store: DocStore;
	readonly #log: Log;
	readonly #limits: RoomWriterLimits;
	readonly #metrics: SyncMetrics;
	readonly #send: (update: Uint8Array, except: unknown) => void;
	readonly #onFailing: () => void;
	readonly #committed: ((updates: Uint8Array[]) => void) | null;
	/** The tail of the write queue; it never rejects (failures are logged and handled). */
	#writes: Promise<void> = Promise.resolve();
	/** Updates not yet handed to the store; non-empty means an append task is queued for them. */
	#unsaved: Uint8Array[] = [];
	/** Updates to relay once the appends queued with them are committed, with when they were admitted (performance.now()). */
	#unrelayed: { update: Uint8Array; except: unknown; at: number }[] = [];
	#logCount = 0;
	#logBytes = 0;
	#compactQueued = false;
	/**
	 * An upper bound on the encoded doc size: the stored bytes plus every update since. Cheap to
	 * keep; the exact size (a full encode) is only computed when the estimate nears a limit.
	 */
	#approxBytes = 0;
	#failing = false;
	#error: unknown = null;
	#retry: NodeJS.Timeout | null = null;
	#retryDelayMs = RETRY_MIN_MS;
	#destroyed = false;

	constructor(opts: {
		name: string;
		doc: Y.Doc;
		store: DocStore;
		log: Log;
		limits: RoomWriterLimits;
		metrics: SyncMetrics;
		/** Sends an update to every peer of the room but `except`. */
		send: (update: Uint8Array, except: unknown) => void;
		onFailing: () => void;
		/** Told of what each store write committed, in order (the fan-out publishes it); null on a lone instance. */
		committed: ((updates: Uint8Array[]) => void) | null;
	}) {
		this.#name = opts.name;
		this.#doc = opts.doc;
		this.#store = opts.store;
		this.#log = opts.log;
		this.#limits = opts.limits;
		this.#metrics = opts.metrics;
		this.#send = opts.send;
		this.#onFailing = opts.onFailing;
		this.#committed = opts.committed;
	}

	/** What the load found in the store: the thresholds and the size estimate start from it. */
	loaded(stored: { logCount: number; logBytes: number; updates: Uint8Array[] }): void {
		this.#logCount = stored.logCount;
		this.#logBytes = stored.logBytes;
		this.#approxBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
		this.#maybeCompact();
	}

	/** Queues an update of the doc for the store. */
	save(update: Uint8Array): void {
		this.#approxBytes += update.byteLength;
		if (this.#unsaved.push(update) === 1) this.#enqueue('append', () => this.#saveUnsaved());
	}

	/** Counts a change that another instance saved (fan-out) into the size estimate. */
	grew(bytes: number): void {
		this.#approxBytes += bytes;
	}

	/** Relays an update once everything saved before it, and it, is committed. */
	relay(update: Uint8Array, except: unknown): void {
		this.#unrelayed.push({ update, except, at: performance.now() });
	}

	/** True while the store cannot write: the doc holds changes that are not saved. */
	get failing(): boolean {
		return this.#failing;
	}

	/** The store's error while failing (a StoreWriteError from the store, with its code), else null. */
	get error(): unknown {
		return this.#failing ? this.#error : null;
	}

	/** Whether `incoming` more bytes would take the doc past `maxBytes`. */
	wouldExceed(maxBytes: number, incoming: number): boolean {
		if (this.#approxBytes + incoming <= maxBytes) return false;
		// Near the limit: measure exactly (deletes and GC shrink docs; the estimate only grows).
		this.#approxBytes = Y.encodeStateAsUpdate(this.#doc).byteLength;
		return this.#approxBytes + incoming > maxBytes;
	}

	/** Resolves when every store write queued so far (and any compaction they caused) is done. */
	async flush(): Promise<void> {
		let tail: Promise<void>;
		do {
			tail = this.#writes;
			await tail;
		} while (tail !== this.#writes);
	}

	destroy(): void {
		this.#destroyed = true;
		if (this.#retry) clearTimeout(this.#retry);
		if (this.#failing) this.#log.error('room destroyed with unsaved changes', { room: this.#name, step: 'destroy' });
	}

	async #saveUnsaved(): Promise<void> {
		const updates = this.#unsaved;
		const relays = this.#unrelayed;
		this.#unsaved = [];
		this.#unrelayed = [];
		if (this.#failing) return;
		const handedOver = performance.now();
		try {
			// Handed over in order without waiting in between, so that the store can commit them together.
			await Promise.all(updates.map((update) => this.#store.appendUpdate(this.#name, update)));
		} catch (err) {
			this.#failed(err);
			return;
		}
		this.#metrics.commitSeconds.observe((performance.now() - handedOver) / 1000);
		this.#logCount += updates.length;
		this.#logBytes += updates.reduce((sum, u) => sum + u.byteLength, 0);
		for (const { update, except, at } of relays) {
			this.#send(update, except);
			this.#metrics.relaySeconds.observe((performance.now() - at) / 1000);
		}
		this.#committed?.(updates);
		this.#maybeCompact();
	}

	#failed(err: unknown): void {
		if (this.#destroyed) return;
		this.#error = err;
		if (!this.#failing) {
			this.#failing = true;
			this.#log.error('store cannot save; refusing writes until it can', { room: this.#name, step: 'append', error: String(err) });
			this.#onFailing();
		}
		this.#retry = setTimeout(() => {
			this.#retry = null;
			this.#enqueue('recover', () => this.#recover());
		}, this.#retryDelayMs);
		this.#retryDelayMs = Math.min(this.#retryDelayMs * 2, RETRY_MAX_MS);
	}

	async #recover(): Promise<void> {
		if (this.#destroyed) return;
		let state: Uint8Array;
		try {
			state = await this.#snapshot();
		} catch (err) {
			this.#failed(err);
			return;
		}
		// The dropped appends are in the snapshot only: the other instances get them from it.
		this.#committed?.([state]);
		this.#failing = false;
		this.#retryDelayMs = RETRY_MIN_MS;
		this.#log.info('store saves again', { room: this.#name, step: 'recover' });
	}

	/**
	 * Folds whatever log there is into the snapshot; the registry calls it before an unload, so
	 * that the next cold load reads one snapshot instead of replaying up to compactEveryUpdates
	 * small updates (and can answer its first joiner with the stored bytes; room.ts).
	 */
	compactLog(): void {
		if (this.#logCount > 0 && !this.#failing) this.#queueCompact();
	}

	#maybeCompact(): void {
		if (this.#logCount < this.#limits.compactEveryUpdates && this.#logBytes < this.#limits.compactEveryBytes) return;
		this.#queueCompact();
	}

	#queueCompact(): void {
		if (this.#compactQueued) return;
		this.#compactQueued = true;
		this.#enqueue('compact', async () => {
			this.#compactQueued = false;
			if (!this.#destroyed) await this.#snapshot();
		});
	}

	/** Folds the log into a snapshot of the doc as it is now; the store merges the log rows it deletes. */
	async #snapshot(): Promise<Uint8Array> {
		const state = Y.encodeStateAsUpdate(this.#doc);
		await this.#store.compact(this.#name, state);
		this.#logCount = 0;
		this.#logBytes = 0;
		this.#approxBytes = state.byteLength;
		return state;
	}

	#enqueue(step: string, task: () => Promise<void>): void {
		this.#writes = this.#writes.then(task).catch((err: unknown) => {
			// Appends handle their own failure; a failed compaction loses nothing (the log still
			// holds every update) and the next append brings the thresholds round again.
			this.#log.error('store write failed', { room: this.#name, step, error: String(err) });
		});
	}
}
