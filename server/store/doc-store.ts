/**
 * The storage contract. One implementation per backend: SQLite (sqlite-store.ts, the default) and
 * PostgreSQL (pg-store.ts, at scale); open-store.ts picks one. One contract suite
 * (tests/integration/store-contract.test.ts) runs against both.
 *
 * Documents are stored as an append-only log of Yjs updates per room plus, after compaction, one
 * snapshot (a merged update). Loading a room = applying the snapshot and then the log in order.
 * Several instances may write one store at once: appends need no coordination (Yjs updates
 * commute), and compaction deletes only what it merged.
 */

export interface WorkshopRecord {
	code: string;
	title: string;
	template: string;
	groupCount: number;
	/** sha256 of the facilitator key, hex; the key itself is never stored. */
	facilitatorKeyHash: string;
	createdAt: number;
}

/** A facilitator's own template (server/templates): its content is a template file's `template`, as JSON. */
export interface TemplateRecord {
	id: string;
	name: string;
	description: string;
	/** JSON of the template content (src/lib/board/template-file.ts), validated before it is stored. */
	content: string;
	/** The workshop whose board it was saved from; null when it was imported from a file. */
	sourceCode: string | null;
	createdAt: number;
}

/** Why a board snapshot was kept: the timer, the end of a run-sheet phase, or just before a restore. */
export type SnapshotReason = 'interval' | 'phase' | 'restore';

/** One kept snapshot of a room (board history, server/history), without its bytes. */
export interface HistoryEntry {
	id: number;
	room: string;
	takenAt: number;
	reason: SnapshotReason;
	/** Size of the stored state. */
	bytes: number;
}

export interface HistorySnapshot extends HistoryEntry {
	/** The whole doc as one update (Y.encodeStateAsUpdate). */
	state: Uint8Array;
}

/** The end of a workshop's running run-sheet phase, by the server's clock (server/workshops/phases.ts). */
export interface PhaseEnd {
	code: string;
	/** The run-sheet's run number of the phase. */
	run: number;
	endsAt: number;
}

/**
 * A picture behind an image figure (server/pictures), checked before it is stored. `ext` names
 * its format ('png', 'jpg', 'webp'). The bytes are asked for when they are written, one picture
 * at a time, so that an import of many need not hold them all decoded at once.
 */
export interface NewPicture {
	id: string;
	ext: string;
	bytes(): Uint8Array;
}

export interface StoredPicture {
	id: string;
	ext: string;
	data: Uint8Array;
}

export interface PictureInfo {
	id: string;
	ext: string;
	size: number;
}

export interface StoredDoc {
	/** The snapshot first (if any), then every update appended after it, oldest first. */
	updates: Uint8Array[];
	/** Entries in the log after the snapshot, and their total size: inputs to compaction. */
	logCount: number;
	logBytes: number;
}

export interface StoreWriteFailure {
	/** The backend's error code, e.g. SQLite's 'SQLITE_FULL', PostgreSQL's '53100' or 'ECONNREFUSED'. */
	code: string;
	/** The store call (or 'checkpoint') that failed. */
	step: string;
	/** When the failure began (ms since epoch). */
	since: number;
}

/**
 * What a write refused because of the storage itself rejects with: a full disk (or the operator's
 * size cap), a failing disk, a read-only or locked file. Nothing of that call was written, and the
 * store is still usable: reads go on, and writes succeed again once the cause is gone. Errors
 * about the data (a duplicate key) are not wrapped: they are the caller's to handle.
 */
export class StoreWriteError extends Error {
	constructor(
		/** The backend's error code, e.g. 'SQLITE_FULL', 'SQLITE_IOERR_WRITE', or 'STORE_CLOSED'. */
		readonly code: string,
		/** The store call that failed, e.g. 'appendUpdate'. */
		readonly step: string,
		options?: { cause?: unknown }
	) {
		super(`store cannot write (${code} in ${step})`, options);
		this.name = 'StoreWriteError';
	}
}

export function isStoreWriteError(e: unknown): e is StoreWriteError {
	return e instanceof Error && e.name === 'StoreWriteError' && typeof (e as { code?: unknown }).code === 'string';
}

export interface DocStore {
	/** Everything stored for a room; an unknown room gives an empty list. */
	loadDoc(room: string): Promise<StoredDoc>;
	/** Appends one update durably before resolving. */
	appendUpdate(room: string, update: Uint8Array): Promise<void>;
	/**
	 * Folds the log into the snapshot, in one transaction: the new snapshot is `state` (the
	 * caller's doc as one update) merged with the old snapshot and every log entry the
	 * transaction read, and exactly those entries are deleted. An update appended meanwhile (by
	 * another instance) stays in the log, and one the caller's state lacks is kept: compaction
	 * never deletes an update it did not merge, whatever the caller has seen.
	 */
	compact(room: string, state: Uint8Array): Promise<void>;
	/** Removes a room's snapshot and log (retention). */
	deleteDoc(room: string): Promise<void>;

	/**
	 * Keeps a snapshot of a room for the board history. The workshop is the room name's first
	 * segment (src/lib/board/rooms.ts); when that workshop is gone nothing is stored and the answer
	 * is null, so that a snapshot racing a deletion cannot outlive it.
	 */
	addSnapshot(room: string, snapshot: { takenAt: number; reason: SnapshotReason; state: Uint8Array }): Promise<number | null>;
	/** A room's snapshots, newest first. */
	listSnapshots(room: string): Promise<HistoryEntry[]>;
	/** One snapshot of this room; null when the id is unknown or belongs to another room. */
	getSnapshot(room: string, id: number): Promise<HistorySnapshot | null>;
	deleteSnapshots(ids: readonly number[]): Promise<void>;

	/**
	 * What a restart must not forget; both are hints that the services check against the docs.
	 * The pending end of a workshop's running phase, one per workshop: set replaces it, and nothing
	 * is kept for a workshop that does not exist (as addSnapshot). Never back to an earlier run:
	 * instances write as they see the doc, and a slow write of an old run must not hide a newer
	 * one (a phase moved on elsewhere). Clear removes the end only if its run is at most `upToRun`.
	 */
	setPhaseEnd(code: string, end: { run: number; endsAt: number }): Promise<void>;
	clearPhaseEnd(code: string, upToRun: number): Promise<void>;
	/** Every pending phase end, soonest first. */
	listPhaseEnds(): Promise<PhaseEnd[]>;
	/** Marks a board room as changed since its last history snapshot (idempotent), and unmarks it. */
	markHistoryDue(room: string): Promise<void>;
	clearHistoryDue(room: string): Promise<void>;
	/** Every marked room, in name order. */
	listHistoryDue(): Promise<string[]>;

	/**
	 * Pictures, kept where every instance sees them (in the database, or beside the SQLite file).
	 * Stores all of `pictures` or none. Nothing is stored for a workshop that does not exist, and
	 * the answer is false (as addSnapshot); deleteWorkshop removes a workshop's pictures.
	 */
	putPictures(code: string, pictures: readonly NewPicture[]): Promise<boolean>;
	/** One picture of a workshop with its bytes; null when the workshop has none of that id. */
	getPicture(code: string, id: string): Promise<StoredPicture | null>;
	/** A workshop's pictures without their bytes, in id order. */
	listPictures(code: string): Promise<PictureInfo[]>;

	createWorkshop(record: WorkshopRecord): Promise<void>;
	getWorkshop(code: string): Promise<WorkshopRecord | null>;
	/** A group was added during the workshop: boards g1..g<count> exist from now on. */
	setGroupCount(code: string, groupCount: number): Promise<void>;
	/**
	 * Retention: removes, atomically, the workshop record, every room of the workshop (`<code>`
	 * and `<code>/…`: workshop, boards, private docs, plenary), their history, its pending phase
	 * end and its history marks; and its pictures (in the same transaction in PostgreSQL, right
	 * after it from SQLite's picture directory). Own templates saved from it stay, no longer tied
	 * to it (`sourceCode` becomes null), so that a later workshop of the same code cannot claim them.
	 */
	deleteWorkshop(code: string): Promise<void>;
	/** Codes of the workshops created before `time` (ms since epoch), oldest first. */
	workshopsCreatedBefore(time: number): Promise<string[]>;

	saveTemplate(record: TemplateRecord): Promise<void>;
	getTemplate(id: string): Promise<TemplateRecord | null>;
	/** Every own template without its content, oldest first. */
	listTemplates(): Promise<Omit<TemplateRecord, 'content'>[]>;
	/** Removes an own template; false when there was none of that id. */
	deleteTemplate(id: string): Promise<boolean>;

	getSetting(key: string): Promise<string | null>;
	/**
	 * Stores `value` unless the key has one, and answers the value stored: the first writer wins,
	 * so that instances starting together agree (on the token secret).
	 */
	setSettingIfAbsent(key: string, value: string): Promise<string>;

	/** True when the backend answers; used by /healthz. */
	ping(): Promise<boolean>;
	/**
	 * Why the store cannot write, oldest first; empty while it can. One entry per failing step (a
	 * store call, or the background 'checkpoint'), each a storage fault (a full or failing disk)
	 * that no later success of that step has cleared. Used by /healthz; the store recovers by
	 * itself, without a restart.
	 */
	writeFailures(): StoreWriteFailure[];
	close(): Promise<void>;
}
