/**
 * The default DocStore: one SQLite file (better-sqlite3) under DATA_DIR.
 *
 * Durability: journal_mode = WAL with synchronous = NORMAL. A write transaction is complete once
 * its frames are written into the -wal file with write(2), which happens before the statement
 * returns, so before appendUpdate resolves. A killed process (SIGKILL, OOM, crash) cannot lose data
 * that is already in the kernel's page cache: the next open replays the WAL. What NORMAL gives up
 * compared with FULL is the fsync per commit, so a power cut or kernel crash may lose the last
 * few commits (never corrupt the file). That trade is right for a whiteboard: FULL would cost one
 * fsync per keystroke batch.
 *
 * better-sqlite3 is synchronous; the methods are async to honour the DocStore contract shared
 * with the PostgreSQL backend, and each one completes its SQL before it returns its promise.
 *
 * Schema changes are numbered migrations, tracked in PRAGMA user_version.
 */
import Database from 'better-sqlite3';
import type { DocStore, StoredDoc, WorkshopRecord } from './doc-store';

/** Migration N takes the schema from user_version N-1 to N; each runs in one transaction. */
export const SQL_MIGRATIONS: readonly string[] = [
	// 1: the first schema.
	`CREATE TABLE workshops (
		code TEXT PRIMARY KEY,
		title TEXT NOT NULL,
		template TEXT NOT NULL,
		group_count INTEGER NOT NULL,
		facilitator_key_hash TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE TABLE doc_updates (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		room TEXT NOT NULL,
		data BLOB NOT NULL
	);
	-- loadDoc and compact read one room's log in id order.
	CREATE INDEX doc_updates_room ON doc_updates (room, id);
	CREATE TABLE doc_snapshots (
		room TEXT PRIMARY KEY,
		data BLOB NOT NULL,
		updated_at INTEGER NOT NULL
	);
	CREATE TABLE settings (
		key TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);`
];

export const SQL_SCHEMA_VERSION = SQL_MIGRATIONS.length;

interface WorkshopRow {
	code: string;
	title: string;
	template: string;
	group_count: number;
	facilitator_key_hash: string;
	created_at: number;
}

/** Brings a database to SQL_SCHEMA_VERSION; refuses a file written by a newer server. */
export function migrateSchema(db: Database.Database): number[] {
	const current = db.pragma('user_version', { simple: true }) as number;
	if (current > SQL_SCHEMA_VERSION) {
		throw new Error(`database schema version ${current} is newer than this server (${SQL_SCHEMA_VERSION}); upgrade the server`);
	}
	const applied: number[] = [];
	for (let version = current + 1; version <= SQL_SCHEMA_VERSION; version++) {
		db.transaction(() => {
			db.exec(SQL_MIGRATIONS[version - 1]!);
			// PRAGMA cannot take a bound parameter; `version` is a loop integer, not input.
			db.pragma(`user_version = ${version}`);
		})();
		applied.push(version);
	}
	return applied;
}

function prepare(db: Database.Database) {
	return {
		snapshot: db.prepare<[string], { data: Buffer }>('SELECT data FROM doc_snapshots WHERE room = ?'),
		log: db.prepare<[string], { data: Buffer }>('SELECT data FROM doc_updates WHERE room = ? ORDER BY id'),
		append: db.prepare<[string, Uint8Array]>('INSERT INTO doc_updates (room, data) VALUES (?, ?)'),
		putSnapshot: db.prepare<[string, Uint8Array, number]>(
			`INSERT INTO doc_snapshots (room, data, updated_at) VALUES (?, ?, ?)
			 ON CONFLICT (room) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`
		),
		deleteLog: db.prepare<[string]>('DELETE FROM doc_updates WHERE room = ?'),
		deleteSnapshot: db.prepare<[string]>('DELETE FROM doc_snapshots WHERE room = ?'),
		insertWorkshop: db.prepare<[WorkshopRow]>(
			`INSERT INTO workshops (code, title, template, group_count, facilitator_key_hash, created_at)
			 VALUES (@code, @title, @template, @group_count, @facilitator_key_hash, @created_at)`
		),
		getWorkshop: db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE code = ?'),
		getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
		setSetting: db.prepare<[string, string]>(
			'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
		),
		ping: db.prepare<[], { ok: number }>('SELECT 1 AS ok')
	};
}

/** Copies out of better-sqlite3's Buffer so that callers never hold a view on a pooled buffer. */
const bytes = (blob: Buffer): Uint8Array => new Uint8Array(blob);

export class SqliteStore implements DocStore {
	readonly #db: Database.Database;
	readonly #sql: ReturnType<typeof prepare>;
	readonly #compactTx: (room: string, state: Uint8Array) => void;
	readonly #deleteTx: (room: string) => void;
	#closed = false;

	constructor(filePath: string) {
		this.#db = new Database(filePath);
		this.#db.pragma('journal_mode = WAL');
		this.#db.pragma('synchronous = NORMAL');
		// Another process (a backup, the previous server still shutting down) may hold the write
		// lock for a moment; wait instead of failing the append.
		this.#db.pragma('busy_timeout = 5000');
		migrateSchema(this.#db);
		const db = this.#db;
		this.#sql = prepare(db);
		this.#compactTx = db.transaction((room: string, state: Uint8Array) => {
			this.#sql.putSnapshot.run(room, state, Date.now());
			this.#sql.deleteLog.run(room);
		});
		this.#deleteTx = db.transaction((room: string) => {
			this.#sql.deleteSnapshot.run(room);
			this.#sql.deleteLog.run(room);
		});
	}

	async loadDoc(room: string): Promise<StoredDoc> {
		// One read transaction, so that a compaction in another connection cannot interleave.
		return this.#db.transaction(() => {
			const snapshot = this.#sql.snapshot.get(room);
			const log = this.#sql.log.all(room).map((row) => bytes(row.data));
			return {
				updates: snapshot ? [bytes(snapshot.data), ...log] : log,
				logCount: log.length,
				logBytes: log.reduce((sum, u) => sum + u.byteLength, 0)
			};
		})();
	}

	async appendUpdate(room: string, update: Uint8Array): Promise<void> {
		this.#sql.append.run(room, update);
	}

	async compact(room: string, state: Uint8Array): Promise<void> {
		this.#compactTx(room, state);
	}

	async deleteDoc(room: string): Promise<void> {
		this.#deleteTx(room);
	}

	async createWorkshop(record: WorkshopRecord): Promise<void> {
		this.#sql.insertWorkshop.run({
			code: record.code,
			title: record.title,
			template: record.template,
			group_count: record.groupCount,
			facilitator_key_hash: record.facilitatorKeyHash,
			created_at: record.createdAt
		});
	}

	async getWorkshop(code: string): Promise<WorkshopRecord | null> {
		const row = this.#sql.getWorkshop.get(code);
		if (!row) return null;
		return {
			code: row.code,
			title: row.title,
			template: row.template,
			groupCount: row.group_count,
			facilitatorKeyHash: row.facilitator_key_hash,
			createdAt: row.created_at
		};
	}

	async getSetting(key: string): Promise<string | null> {
		return this.#sql.getSetting.get(key)?.value ?? null;
	}

	async setSetting(key: string, value: string): Promise<void> {
		this.#sql.setSetting.run(key, value);
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
		this.#db.close();
	}
}
