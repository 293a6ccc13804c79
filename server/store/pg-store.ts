/**
 * The PostgreSQL DocStore, for several instances on one database (DATABASE_URL; open-store.ts).
 * The same contract and semantics as the SQLite store, through a `pg` Pool.
 *
 * - Every table lives in one schema (`schema`, default public), set as each connection's
 *   search_path, so that tests and side-by-side deployments each have their own. migrate() creates
 *   what is missing (pg-schema.ts), safely when instances start together.
 * - The appends of one event-loop turn go in as one INSERT, in order. A call that must see them
 *   (a load, a compaction, a deletion) waits for the appends this store has taken so far.
 * - A load reads the snapshot and the log in one REPEATABLE READ transaction, so a compaction
 *   committing in between cannot hide the rows it folded. Compactions of one room queue on an
 *   advisory lock; each deletes the log rows it read and merged, by id (compaction.ts).
 * - A write that fails because of the database rather than the data (the connection is lost or
 *   refused, the disk is full (53100), the database is read-only (25006) or shutting down)
 *   rejects with a StoreWriteError, and writeFailures() says so until that step succeeds again;
 *   the pool reconnects by itself. A duplicate key and the like pass through as they are.
 */
import pg from 'pg';
import { AppendBatcher, type AppendBatch } from './append-batch';
import { compactedState } from './compaction';
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
import { storageFaultCode } from './pg-faults';
import { LOCK_SPACE, migrateSchema, SCHEMA_NAME } from './pg-schema';
import {
	bytes,
	historyEntry,
	storedDoc,
	templateInfo,
	templateRow,
	workshopRecord,
	workshopRow,
	type HistoryRow,
	type TemplateRow,
	type WorkshopRow
} from './rows';
import { WriteFaults } from './write-faults';

/** How long a call waits for a connection before it fails: a database that does not answer is down. */
const CONNECT_TIMEOUT_MS = 5_000;
const POOL_SIZE = 10;

/** A workshop's rooms: `code` itself and the names in [`code/`, `code0`), byte order (pg-schema.ts). */
const WORKSHOP_ROOMS = `(room = $1 OR (room >= $1 || '/' AND room < $1 || '0'))`;

/** BIGINT columns hold ms timestamps and ids, all far below 2^53: numbers, not strings. */
const types = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
};

export interface PgStoreOptions {
	/** postgres://user@host:port/database */
	connectionString: string;
	/** The schema holding the tables (created when missing); default public. */
	schema?: string;
}

export class PgStore implements DocStore {
	readonly #pool: pg.Pool;
	/** The schema holding the tables. */
	readonly schema: string;
	readonly #faults = new WriteFaults('PostgreSQL store');
	readonly #appends = new AppendBatcher((batch) => this.#commitAppends(batch));
	/** Appends sent to the database and not yet settled. */
	readonly #inFlight = new Set<Promise<void>>();
	#closed = false;

	/** Connects lazily: call migrate() before anything else (open-store.ts does). */
	constructor(opts: PgStoreOptions) {
		const schema = opts.schema ?? 'public';
		if (!SCHEMA_NAME.test(schema)) throw new Error(`PostgreSQL schema name must be lower-case letters, digits and _, not "${schema}"`);
		this.schema = schema;
		this.#pool = new pg.Pool({
			connectionString: opts.connectionString,
			options: `-c search_path=${schema}`,
			connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
			// A server gone without a word (a cut network) is noticed instead of waited on forever.
			keepAlive: true,
			max: POOL_SIZE,
			application_name: 'verkstad',
			types
		});
		// An idle connection the server dropped: the pool discards it and opens another when needed.
		this.#pool.on('error', (err) => process.emitWarning(`PostgreSQL store: an idle connection failed (${err.message})`));
	}

	/**
	 * Connects once and brings the schema to this server's version; answers the migrations it
	 * applied (none when another instance did, or the schema was up to date). Throws what the
	 * connection threw.
	 */
	async migrate(): Promise<number[]> {
		return migrateSchema(this.#pool, this.schema);
	}

	writeFailures(): StoreWriteFailure[] {
		return this.#faults.list();
	}

	async loadDoc(room: string): Promise<StoredDoc> {
		await this.#appendsSettled();
		return this.#transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
			const snapshot = await client.query<{ data: Buffer }>('SELECT data FROM doc_snapshots WHERE room = $1', [room]);
			const log = await client.query<{ data: Buffer }>('SELECT data FROM doc_updates WHERE room = $1 ORDER BY id', [room]);
			return storedDoc(snapshot.rows[0]?.data ?? null, log.rows);
		});
	}

	appendUpdate(room: string, update: Uint8Array): Promise<void> {
		if (this.#closed) return Promise.reject(new StoreWriteError('STORE_CLOSED', 'appendUpdate'));
		return this.#appends.add(room, update);
	}

	async compact(room: string, state: Uint8Array): Promise<void> {
		await this.#appendsSettled();
		return this.#write('compact', () =>
			this.#transaction('BEGIN', async (client) => {
				await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, `compact:${room}`]);
				const snapshot = await client.query<{ data: Buffer }>('SELECT data FROM doc_snapshots WHERE room = $1', [room]);
				const log = await client.query<{ id: number; data: Buffer }>('SELECT id, data FROM doc_updates WHERE room = $1 ORDER BY id', [room]);
				const merged = compactedState(state, snapshot.rows[0]?.data ?? null, log.rows.map((row) => row.data));
				await client.query(
					`INSERT INTO doc_snapshots (room, data, updated_at) VALUES ($1, $2, $3)
					 ON CONFLICT (room) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
					[room, merged, Date.now()]
				);
				await client.query('DELETE FROM doc_updates WHERE id = ANY($1::bigint[])', [log.rows.map((row) => row.id)]);
			})
		);
	}

	async deleteDoc(room: string): Promise<void> {
		await this.#appendsSettled();
		return this.#write('deleteDoc', () =>
			this.#transaction('BEGIN', async (client) => {
				await client.query('DELETE FROM doc_snapshots WHERE room = $1', [room]);
				await client.query('DELETE FROM doc_updates WHERE room = $1', [room]);
			})
		);
	}

	async addSnapshot(room: string, snapshot: { takenAt: number; reason: SnapshotReason; state: Uint8Array }): Promise<number | null> {
		return this.#write('addSnapshot', async () => {
			const rows = await this.#forExistingWorkshop(
				`INSERT INTO board_history (code, room, taken_at, reason, data)
				 SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM workshops WHERE code = $1)
				 RETURNING id`,
				[room.split('/')[0]!, room, snapshot.takenAt, snapshot.reason, snapshot.state]
			);
			return (rows[0] as { id: number } | undefined)?.id ?? null;
		});
	}

	async listSnapshots(room: string): Promise<HistoryEntry[]> {
		const result = await this.#pool.query<HistoryRow>(
			`SELECT id, room, taken_at, reason, octet_length(data) AS bytes FROM board_history
			 WHERE room = $1 ORDER BY taken_at DESC, id DESC`,
			[room]
		);
		return result.rows.map(historyEntry);
	}

	async getSnapshot(room: string, id: number): Promise<HistorySnapshot | null> {
		const result = await this.#pool.query<HistoryRow & { data: Buffer }>(
			'SELECT id, room, taken_at, reason, octet_length(data) AS bytes, data FROM board_history WHERE room = $1 AND id = $2',
			[room, id]
		);
		const row = result.rows[0];
		return row ? { ...historyEntry(row), state: bytes(row.data) } : null;
	}

	async deleteSnapshots(ids: readonly number[]): Promise<void> {
		await this.#write('deleteSnapshots', () => this.#pool.query('DELETE FROM board_history WHERE id = ANY($1::bigint[])', [ids]));
	}

	async setPhaseEnd(code: string, end: { run: number; endsAt: number }): Promise<void> {
		await this.#write('setPhaseEnd', () =>
			this.#forExistingWorkshop(
				`INSERT INTO phase_ends (code, run, ends_at)
				 SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM workshops WHERE code = $1)
				 ON CONFLICT (code) DO UPDATE SET run = excluded.run, ends_at = excluded.ends_at WHERE excluded.run >= phase_ends.run`,
				[code, end.run, end.endsAt]
			)
		);
	}

	async clearPhaseEnd(code: string, upToRun: number): Promise<void> {
		await this.#write('clearPhaseEnd', () => this.#pool.query('DELETE FROM phase_ends WHERE code = $1 AND run <= $2', [code, upToRun]));
	}

	async listPhaseEnds(): Promise<PhaseEnd[]> {
		const result = await this.#pool.query<{ code: string; run: number; ends_at: number }>('SELECT code, run, ends_at FROM phase_ends ORDER BY ends_at, code');
		return result.rows.map((row) => ({ code: row.code, run: row.run, endsAt: row.ends_at }));
	}

	async markHistoryDue(room: string): Promise<void> {
		await this.#write('markHistoryDue', () => this.#pool.query('INSERT INTO history_due (room) VALUES ($1) ON CONFLICT (room) DO NOTHING', [room]));
	}

	async clearHistoryDue(room: string): Promise<void> {
		await this.#write('clearHistoryDue', () => this.#pool.query('DELETE FROM history_due WHERE room = $1', [room]));
	}

	async listHistoryDue(): Promise<string[]> {
		return (await this.#pool.query<{ room: string }>('SELECT room FROM history_due ORDER BY room')).rows.map((row) => row.room);
	}

	async createWorkshop(record: WorkshopRecord): Promise<void> {
		const row = workshopRow(record);
		await this.#write('createWorkshop', () =>
			this.#pool.query(
				`INSERT INTO workshops (code, title, template, group_count, facilitator_key_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
				[row.code, row.title, row.template, row.group_count, row.facilitator_key_hash, row.created_at]
			)
		);
	}

	async getWorkshop(code: string): Promise<WorkshopRecord | null> {
		const row = (await this.#pool.query<WorkshopRow>('SELECT * FROM workshops WHERE code = $1', [code])).rows[0];
		return row ? workshopRecord(row) : null;
	}

	async setGroupCount(code: string, groupCount: number): Promise<void> {
		await this.#write('setGroupCount', () => this.#pool.query('UPDATE workshops SET group_count = $2 WHERE code = $1', [code, groupCount]));
	}

	async deleteWorkshop(code: string): Promise<void> {
		// Appends this store has taken go in first, so that none outlives the delete.
		await this.#appendsSettled();
		return this.#write('deleteWorkshop', () =>
			this.#transaction('BEGIN', async (client) => {
				// Its history, phase end and pictures go with it (ON DELETE CASCADE).
				await client.query('DELETE FROM workshops WHERE code = $1', [code]);
				await client.query(`DELETE FROM doc_updates WHERE ${WORKSHOP_ROOMS}`, [code]);
				await client.query(`DELETE FROM doc_snapshots WHERE ${WORKSHOP_ROOMS}`, [code]);
				await client.query(`DELETE FROM history_due WHERE ${WORKSHOP_ROOMS}`, [code]);
				await client.query('UPDATE own_templates SET source_code = NULL WHERE source_code = $1', [code]);
			})
		);
	}

	async putPictures(code: string, pictures: readonly NewPicture[]): Promise<boolean> {
		return this.#write('putPictures', () =>
			this.#transaction('BEGIN', async (client) => {
				// Held until the commit, so that a deletion of the workshop waits for the pictures and takes them along.
				const workshop = await client.query('SELECT 1 FROM workshops WHERE code = $1 FOR KEY SHARE', [code]);
				if (workshop.rowCount === 0) return false;
				// One picture's bytes at a time.
				for (const picture of pictures) {
					await client.query('INSERT INTO pictures (code, id, ext, data) VALUES ($1, $2, $3, $4)', [code, picture.id, picture.ext, picture.bytes()]);
				}
				return true;
			})
		);
	}

	async getPicture(code: string, id: string): Promise<StoredPicture | null> {
		const row = (await this.#pool.query<{ ext: string; data: Buffer }>('SELECT ext, data FROM pictures WHERE code = $1 AND id = $2', [code, id])).rows[0];
		return row ? { id, ext: row.ext, data: bytes(row.data) } : null;
	}

	async listPictures(code: string): Promise<PictureInfo[]> {
		const result = await this.#pool.query<PictureInfo>('SELECT id, ext, octet_length(data) AS size FROM pictures WHERE code = $1 ORDER BY id', [code]);
		return result.rows;
	}

	async workshopsCreatedBefore(time: number): Promise<string[]> {
		const result = await this.#pool.query<{ code: string }>('SELECT code FROM workshops WHERE created_at < $1 ORDER BY created_at, code', [time]);
		return result.rows.map((row) => row.code);
	}

	async saveTemplate(record: TemplateRecord): Promise<void> {
		const row = templateRow(record);
		await this.#write('saveTemplate', () =>
			this.#pool.query(
				`INSERT INTO own_templates (id, name, description, content, source_code, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
				[row.id, row.name, row.description, row.content, row.source_code, row.created_at]
			)
		);
	}

	async getTemplate(id: string): Promise<TemplateRecord | null> {
		const row = (await this.#pool.query<TemplateRow>('SELECT * FROM own_templates WHERE id = $1', [id])).rows[0];
		return row ? { ...templateInfo(row), content: row.content } : null;
	}

	async listTemplates(): Promise<Omit<TemplateRecord, 'content'>[]> {
		const result = await this.#pool.query<Omit<TemplateRow, 'content'>>(
			'SELECT id, name, description, source_code, created_at FROM own_templates ORDER BY created_at, id'
		);
		return result.rows.map(templateInfo);
	}

	async deleteTemplate(id: string): Promise<boolean> {
		const result = await this.#write('deleteTemplate', () => this.#pool.query('DELETE FROM own_templates WHERE id = $1', [id]));
		return (result.rowCount ?? 0) > 0;
	}

	async getSetting(key: string): Promise<string | null> {
		return (await this.#pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key])).rows[0]?.value ?? null;
	}

	async setSettingIfAbsent(key: string, value: string): Promise<string> {
		return this.#write('setSettingIfAbsent', async () => {
			// A concurrent insert of the key makes this one wait for it and then do nothing; the
			// SELECT after it (a new snapshot under READ COMMITTED) then sees the winner.
			const inserted = await this.#pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
			if (inserted.rowCount === 1) return value;
			return (await this.#pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key])).rows[0]!.value;
		});
	}

	async ping(): Promise<boolean> {
		try {
			return (await this.#pool.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]?.ok === 1;
		} catch {
			return false;
		}
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await this.#appendsSettled();
		await this.#pool.end();
	}

	/** Sends a batch of appends as one INSERT, in order. */
	#commitAppends(batch: AppendBatch): void {
		const rooms = batch.rows.map(([room]) => room);
		const updates = batch.rows.map(([, update]) => Buffer.from(update.buffer, update.byteOffset, update.byteLength));
		const insert = this.#write('appendUpdate', () =>
			this.#pool.query(
				`INSERT INTO doc_updates (room, data)
				 SELECT room, data FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS batch (room, data, n) ORDER BY n`,
				[rooms, updates]
			)
		).then(
			() => batch.resolve(),
			// Nothing of the batch was written; every caller learns it (the rooms repair by compacting).
			(err: unknown) => batch.reject(err)
		);
		this.#inFlight.add(insert);
		void insert.finally(() => this.#inFlight.delete(insert));
	}

	/** Resolves once every append taken so far has committed or failed. */
	async #appendsSettled(): Promise<void> {
		this.#appends.commitWaiting();
		await Promise.all(this.#inFlight);
	}

	/**
	 * Runs `sql` (an insert of a row that refers to a workshop) and gives its rows; a workshop
	 * deleted meanwhile by another connection makes it a no-op, as a workshop that was never there.
	 */
	async #forExistingWorkshop(sql: string, params: unknown[]): Promise<unknown[]> {
		try {
			return (await this.#pool.query(sql, params)).rows;
		} catch (err) {
			if ((err as { code?: unknown }).code === '23503') return [];
			throw err;
		}
	}

	/** Runs `work` in one transaction on one connection, opened with `begin`. */
	async #transaction<T>(begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
		const client = await this.#pool.connect();
		let broken: Error | undefined;
		try {
			await client.query(begin);
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (err) {
			await client.query('ROLLBACK').catch((rollbackErr: Error) => {
				// A connection that cannot even roll back is not given back to the pool.
				broken = rollbackErr;
			});
			throw err;
		} finally {
			client.release(broken);
		}
	}

	/**
	 * Runs one write and keeps the store's fault state: a storage fault is recorded and thrown as
	 * a StoreWriteError; a success clears that step's fault. Any other error passes through as is.
	 */
	async #write<T>(step: string, run: () => Promise<T>): Promise<T> {
		try {
			const result = await run();
			this.#faults.clear(step);
			return result;
		} catch (err) {
			const code = storageFaultCode(err);
			if (code === null) throw err;
			throw this.#faults.refuse(step, code, err);
		}
	}
}
