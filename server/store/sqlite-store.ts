/**
 * The default DocStore: one SQLite file (better-sqlite3) under DATA_DIR.
 *
 * Durability: journal_mode = WAL with synchronous = NORMAL. A write transaction is complete once
 * its frames are written into the -wal file with write(2), which happens before the transaction
 * returns, so before appendUpdate resolves. A killed process (SIGKILL, OOM, crash) cannot lose data
 * that is already in the kernel's page cache: the next open replays the WAL. What NORMAL gives up
 * compared with FULL is the fsync per commit, so a power cut or kernel crash may lose the last
 * few commits (never corrupt the file). That trade is right for a whiteboard: FULL would cost one
 * fsync per keystroke batch.
 *
 * Appends are committed in batches: every appendUpdate of one event-loop turn goes into one
 * transaction at the end of that turn (setImmediate), so the sync server reads and relays all the
 * frames that arrived together before it spends any time in SQLite, and a burst costs one commit
 * instead of one per update. An update is thus in the WAL within the turn that received it
 * (well under a millisecond on an idle server), and appendUpdate still resolves only after that
 * commit. Every other method first commits what is waiting, so the SQL runs in call order.
 *
 * Checkpoints (copying the WAL back into the database file, with an fsync) are the one slow step:
 * tens of milliseconds on a busy disk. SQLite's auto-checkpoint would run them inside whichever
 * commit crosses the threshold, that is on the event loop that relays every room's edits. A worker
 * thread with its own connection runs them instead (checkpointer.ts); should it die, the main
 * connection falls back to auto-checkpointing so that the WAL stays bounded.
 *
 * A full or failing disk never takes the process down. A write that SQLite refuses for the storage
 * itself (SQLITE_FULL, SQLITE_IOERR_*, SQLITE_READONLY_*, ...) rolls back whole and rejects that one
 * call with a StoreWriteError naming the code and the call; reads go on; the checkpointer reports
 * and retries on its interval. Nothing has to be reset: the next write after space returns simply
 * succeeds. writeFailures() says meanwhile what is failing, for /healthz; the start and the end of
 * a failure are also written to stderr as a Node warning (the store has no log of its own).
 *
 * An operator may cap the database file (`maxBytes`, config MAX_DB_MB) so that the store stops
 * before the disk fills: SQLite's max_page_count, past which a write fails exactly like on a full
 * disk (SQLITE_FULL) and the rest of the machine keeps its space.
 *
 * better-sqlite3 is synchronous; the methods are async to honour the DocStore contract shared
 * with the PostgreSQL backend.
 *
 * The schema (numbered migrations tracked in PRAGMA user_version) and the statements are in
 * sqlite-schema.ts.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { AppendBatcher, type AppendBatch } from './append-batch';
import { startCheckpointer, type Checkpointer, type CheckpointStatus } from './checkpointer';
import { compactedState } from './compaction';
import { PictureFiles } from './picture-files';
import {
	StoreWriteError,
	type DocStore,
	type HistoryEntry,
	type HistorySnapshot,
	type NewPicture,
	type PhaseEnd,
	type PictureInfo,
	type SnapshotReason,
	type StoredDoc,
	type StoredPicture,
	type StoreWriteFailure,
	type TemplateRecord,
	type WorkshopRecord
} from './doc-store';
import { bytes, historyEntry, storedDoc, templateInfo, templateRow, workshopRecord, workshopRow } from './rows';
import { migrateSchema, prepare } from './sqlite-schema';
import { WriteFaults } from './write-faults';

/** How long after a write the checkpointer copies the WAL back; also bounds how far the WAL grows between. */
const CHECKPOINT_INTERVAL_MS = 1000;
/** SQLite's own default threshold (pages), used only if the checkpointer is gone. */
const FALLBACK_AUTOCHECKPOINT_PAGES = 1000;

/**
 * SQLite's codes for a write that failed because of the storage, not the data: the disk (or the
 * operator's cap) is full, the disk or file system fails, the file became read-only, or another
 * process holds the lock past busy_timeout. Extended codes (SQLITE_IOERR_WRITE) match by prefix.
 */
const STORAGE_FAULTS = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_BUSY', 'SQLITE_NOMEM'];

function storageFaultCode(err: unknown): string | null {
	const code = (err as { code?: unknown } | null)?.code;
	if (typeof code !== 'string') return null;
	return STORAGE_FAULTS.some((fault) => code === fault || code.startsWith(`${fault}_`)) ? code : null;
}

export class SqliteStore implements DocStore {
	readonly #db: Database.Database;
	readonly #sql: ReturnType<typeof prepare>;
	readonly #appendTx: (rows: AppendBatch['rows']) => void;
	readonly #compactTx: Database.Transaction<(room: string, state: Uint8Array) => void>;
	readonly #deleteTx: (room: string) => void;
	readonly #deleteWorkshopTx: (code: string) => void;
	readonly #deleteSnapshotsTx: (ids: readonly number[]) => void;
	readonly #setSettingIfAbsentTx: Database.Transaction<(key: string, value: string) => string>;
	readonly #checkpointer: Checkpointer | null = null;
	readonly #pictures: PictureFiles | null;
	/** SQLite's own max_page_count, restored when the operator's cap is lifted. */
	readonly #uncappedPages: number;
	readonly #appends = new AppendBatcher((batch) => this.#commitAppends(batch));
	#closed = false;
	readonly #faults = new WriteFaults('SQLite store');

	/**
	 * `maxBytes` caps the database file (null: no cap); see setMaxBytes. Pictures are files in
	 * `pictures/` beside the database file (DATA_DIR/pictures); an in-memory database keeps none.
	 */
	constructor(filePath: string, opts: { maxBytes?: number | null } = {}) {
		this.#pictures = filePath === ':memory:' ? null : new PictureFiles(path.join(path.dirname(filePath), 'pictures'));
		this.#db = new Database(filePath);
		this.#db.pragma('journal_mode = WAL');
		this.#db.pragma('synchronous = NORMAL');
		// Another process (a backup, the previous server still shutting down) may hold the write
		// lock for a moment; wait instead of failing the append.
		this.#db.pragma('busy_timeout = 5000');
		migrateSchema(this.#db);
		const db = this.#db;
		this.#uncappedPages = db.pragma('max_page_count', { simple: true }) as number;
		this.setMaxBytes(opts.maxBytes ?? null);
		this.#sql = prepare(db);
		this.#appendTx = db.transaction((rows: AppendBatch['rows']) => {
			for (const [room, update] of rows) this.#sql.append.run(room, update);
		});
		// Run IMMEDIATE (compact below): it reads and then writes, and a deferred transaction
		// whose read another connection's commit made stale could not take the write lock.
		this.#compactTx = db.transaction((room: string, state: Uint8Array) => {
			const snapshot = this.#sql.snapshot.get(room);
			const log = this.#sql.logWithIds.all(room);
			const merged = compactedState(state, snapshot ? snapshot.data : null, log.map((row) => row.data));
			this.#sql.putSnapshot.run(room, merged, Date.now());
			for (const row of log) this.#sql.deleteUpdate.run(row.id);
		});
		this.#deleteTx = db.transaction((room: string) => {
			this.#sql.deleteSnapshot.run(room);
			this.#sql.deleteLog.run(room);
		});
		this.#deleteWorkshopTx = db.transaction((code: string) => {
			this.#sql.deleteWorkshop.run({ code });
			this.#sql.deleteWorkshopLogs.run({ code });
			this.#sql.deleteWorkshopSnapshots.run({ code });
			this.#sql.deleteWorkshopHistory.run({ code });
			this.#sql.deleteWorkshopPhaseEnd.run({ code });
			this.#sql.deleteWorkshopHistoryDue.run({ code });
			this.#sql.untieWorkshopTemplates.run({ code });
		});
		this.#deleteSnapshotsTx = db.transaction((ids: readonly number[]) => {
			for (const id of ids) this.#sql.deleteHistoryEntry.run(id);
		});
		this.#setSettingIfAbsentTx = db.transaction((key: string, value: string) => {
			this.#sql.insertSettingIfAbsent.run(key, value);
			return this.#sql.getSetting.get(key)!.value;
		});
		// An in-memory database has no WAL to checkpoint.
		if (db.pragma('journal_mode', { simple: true }) === 'wal') {
			db.pragma('wal_autocheckpoint = 0');
			this.#checkpointer = startCheckpointer(filePath, {
				intervalMs: CHECKPOINT_INTERVAL_MS,
				onStatus: (status) => this.#checkpointed(status)
			});
			void this.#checkpointer.exited.then(() => this.#checkpointerEnded(filePath));
		}
	}

	/**
	 * Caps the database file at about `maxBytes` (whole pages), or lifts the cap (null). Past it
	 * every write that needs a new page fails with SQLITE_FULL, as on a full disk. A cap below the
	 * current size holds the file at its current size. Takes effect at once, on a live store.
	 */
	setMaxBytes(maxBytes: number | null): void {
		const pageSize = this.#db.pragma('page_size', { simple: true }) as number;
		const pages = maxBytes === null ? this.#uncappedPages : Math.max(1, Math.floor(maxBytes / pageSize));
		// PRAGMA cannot take a bound parameter; `pages` is an integer computed here, not input.
		this.#db.pragma(`max_page_count = ${pages}`);
	}

	writeFailures(): StoreWriteFailure[] {
		return this.#faults.list();
	}

	async loadDoc(room: string): Promise<StoredDoc> {
		this.#appends.commitWaiting();
		// One read transaction, so that a compaction in another connection cannot interleave.
		return this.#db.transaction(() => {
			const snapshot = this.#sql.snapshot.get(room);
			return storedDoc(snapshot?.data ?? null, this.#sql.log.all(room));
		})();
	}

	appendUpdate(room: string, update: Uint8Array): Promise<void> {
		if (this.#closed) return Promise.reject(new StoreWriteError('STORE_CLOSED', 'appendUpdate'));
		return this.#appends.add(room, update);
	}

	async compact(room: string, state: Uint8Array): Promise<void> {
		return this.#write('compact', () => {
			this.#appends.commitWaiting();
			this.#compactTx.immediate(room, state);
		});
	}

	async deleteDoc(room: string): Promise<void> {
		return this.#write('deleteDoc', () => {
			this.#appends.commitWaiting();
			this.#deleteTx(room);
		});
	}

	async addSnapshot(room: string, snapshot: { takenAt: number; reason: SnapshotReason; state: Uint8Array }): Promise<number | null> {
		return this.#write('addSnapshot', () => {
			const result = this.#sql.addSnapshot.run({
				code: room.split('/')[0]!,
				room,
				taken_at: snapshot.takenAt,
				reason: snapshot.reason,
				data: snapshot.state
			});
			return result.changes === 1 ? Number(result.lastInsertRowid) : null;
		});
	}

	async listSnapshots(room: string): Promise<HistoryEntry[]> {
		return this.#sql.listSnapshots.all(room).map(historyEntry);
	}

	async getSnapshot(room: string, id: number): Promise<HistorySnapshot | null> {
		const row = this.#sql.getSnapshot.get(room, id);
		return row ? { ...historyEntry(row), state: bytes(row.data) } : null;
	}

	async deleteSnapshots(ids: readonly number[]): Promise<void> {
		return this.#write('deleteSnapshots', () => {
			this.#deleteSnapshotsTx(ids);
		});
	}

	async deleteWorkshop(code: string): Promise<void> {
		this.#write('deleteWorkshop', () => {
			// Appends still waiting for this turn's commit go in first, so that none outlives the delete.
			this.#appends.commitWaiting();
			this.#deleteWorkshopTx(code);
		});
		await this.#pictures?.deleteWorkshop(code);
	}

	async putPictures(code: string, pictures: readonly NewPicture[]): Promise<boolean> {
		if (!this.#sql.getWorkshop.get(code)) return false;
		await this.#picturesDir().put(code, pictures);
		return true;
	}

	async getPicture(code: string, id: string): Promise<StoredPicture | null> {
		return this.#pictures ? this.#pictures.get(code, id) : null;
	}

	async listPictures(code: string): Promise<PictureInfo[]> {
		return this.#pictures ? this.#pictures.list(code) : [];
	}

	async setPhaseEnd(code: string, end: { run: number; endsAt: number }): Promise<void> {
		return this.#write('setPhaseEnd', () => {
			this.#sql.setPhaseEnd.run({ code, run: end.run, ends_at: end.endsAt });
		});
	}

	async clearPhaseEnd(code: string, upToRun: number): Promise<void> {
		return this.#write('clearPhaseEnd', () => {
			this.#sql.clearPhaseEnd.run({ code, run: upToRun });
		});
	}

	async listPhaseEnds(): Promise<PhaseEnd[]> {
		return this.#sql.listPhaseEnds.all().map((row) => ({ code: row.code, run: row.run, endsAt: row.ends_at }));
	}

	async markHistoryDue(room: string): Promise<void> {
		return this.#write('markHistoryDue', () => {
			this.#sql.markHistoryDue.run(room);
		});
	}

	async clearHistoryDue(room: string): Promise<void> {
		return this.#write('clearHistoryDue', () => {
			this.#sql.clearHistoryDue.run(room);
		});
	}

	async listHistoryDue(): Promise<string[]> {
		return this.#sql.listHistoryDue.all().map((row) => row.room);
	}

	async workshopsCreatedBefore(time: number): Promise<string[]> {
		return this.#sql.workshopsCreatedBefore.all(time).map((row) => row.code);
	}

	async createWorkshop(record: WorkshopRecord): Promise<void> {
		return this.#write('createWorkshop', () => {
			this.#sql.insertWorkshop.run(workshopRow(record));
		});
	}

	async getWorkshop(code: string): Promise<WorkshopRecord | null> {
		const row = this.#sql.getWorkshop.get(code);
		return row ? workshopRecord(row) : null;
	}

	async setGroupCount(code: string, groupCount: number): Promise<void> {
		return this.#write('setGroupCount', () => {
			this.#sql.setGroupCount.run({ code, group_count: groupCount });
		});
	}

	async saveTemplate(record: TemplateRecord): Promise<void> {
		return this.#write('saveTemplate', () => {
			this.#sql.insertTemplate.run(templateRow(record));
		});
	}

	async getTemplate(id: string): Promise<TemplateRecord | null> {
		const row = this.#sql.getTemplate.get(id);
		return row ? { ...templateInfo(row), content: row.content } : null;
	}

	async listTemplates(): Promise<Omit<TemplateRecord, 'content'>[]> {
		return this.#sql.listTemplates.all().map(templateInfo);
	}

	async deleteTemplate(id: string): Promise<boolean> {
		return this.#write('deleteTemplate', () => {
			return this.#sql.deleteTemplate.run(id).changes > 0;
		});
	}

	async getSetting(key: string): Promise<string | null> {
		return this.#sql.getSetting.get(key)?.value ?? null;
	}

	async setSettingIfAbsent(key: string, value: string): Promise<string> {
		return this.#write('setSettingIfAbsent', () => this.#setSettingIfAbsentTx.immediate(key, value));
	}

	async ping(): Promise<boolean> {
		try {
			return this.#sql.ping.get()?.ok === 1;
		} catch {
			return false;
		}
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		this.#appends.commitWaiting();
		await this.#checkpointer?.stop();
		// The last connection to close checkpoints the rest and removes the WAL.
		this.#db.close();
	}

	#picturesDir(): PictureFiles {
		if (!this.#pictures) throw new Error('an in-memory SQLite store keeps no pictures');
		return this.#pictures;
	}

	#commitAppends(batch: AppendBatch): void {
		try {
			this.#write('appendUpdate', () => this.#appendTx(batch.rows));
			batch.resolve();
		} catch (err) {
			// Nothing of the batch was written; every caller learns it (the rooms repair by compacting).
			batch.reject(err);
		}
	}

	/**
	 * Runs one write and keeps the store's fault state: a storage fault is recorded and thrown as
	 * a StoreWriteError; a success clears that step's fault. Any other error passes through as is.
	 */
	#write<T>(step: string, run: () => T): T {
		try {
			const result = run();
			this.#checkpointer?.wrote();
			this.#faults.clear(step);
			return result;
		} catch (err) {
			const code = storageFaultCode(err);
			if (code === null) throw err;
			throw this.#faults.refuse(step, code, err);
		}
	}

	#checkpointed(status: CheckpointStatus): void {
		if (status.ok) this.#faults.clear('checkpoint');
		else this.#faults.set('checkpoint', status.code, status.message);
	}

	/** The thread ended without close(): the main connection checkpoints from now on, so that the WAL stays bounded. */
	#checkpointerEnded(file: string): void {
		if (this.#closed) return;
		try {
			this.#db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
			this.#faults.clear('checkpoint');
			process.emitWarning(`SQLite checkpointer thread ended; checkpointing on the main thread from now on (${file})`);
		} catch (err) {
			process.emitWarning(`SQLite checkpointer thread ended and the fallback failed (${file}): ${err instanceof Error ? err.message : String(err)}`);
		}
	}
}
