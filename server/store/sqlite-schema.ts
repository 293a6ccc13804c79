/**
 * The SQLite schema of the default store (sqlite-store.ts): numbered migrations tracked in
 * PRAGMA user_version, the rows as they come back, and every prepared statement, so that the
 * store itself holds only its behaviour (batching, checkpoints, faults).
 */
import type Database from 'better-sqlite3';
import type { HistoryRow, TemplateRow, WorkshopRow } from './rows';

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
	);`,
	// 2: facilitators' own templates (server/templates), shared by every workshop on this server.
	`CREATE TABLE own_templates (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		description TEXT NOT NULL,
		content TEXT NOT NULL,
		source_code TEXT,
		created_at INTEGER NOT NULL
	);`,
	// 3: board history (server/history) and the retention sweep's lookup by age.
	`CREATE TABLE board_history (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		code TEXT NOT NULL,
		room TEXT NOT NULL,
		taken_at INTEGER NOT NULL,
		reason TEXT NOT NULL,
		data BLOB NOT NULL
	);
	CREATE INDEX board_history_room ON board_history (room, taken_at);
	CREATE INDEX board_history_code ON board_history (code);
	CREATE INDEX workshops_created_at ON workshops (created_at);`,
	// 4: what a restart must not forget (server/workshops/phases.ts, server/history/service.ts):
	// the end of each workshop's running phase, and the boards changed since their last snapshot.
	`CREATE TABLE phase_ends (
		code TEXT PRIMARY KEY,
		run INTEGER NOT NULL,
		ends_at INTEGER NOT NULL
	);
	CREATE TABLE history_due (
		room TEXT PRIMARY KEY
	);`
];

export const SQL_SCHEMA_VERSION = SQL_MIGRATIONS.length;

/**
 * The rooms of workshop `code` are `code` itself and every name in [`code/`, `code0`): '0' is
 * the character after '/', so the range is exactly the names that start with `code/` and the
 * primary-key and room indexes serve it (LIKE would not, and would treat _ and % specially).
 */
const WORKSHOP_ROOMS = `(room = @code OR (room >= @code || '/' AND room < @code || '0'))`;

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

export function prepare(db: Database.Database) {
	return {
		snapshot: db.prepare<[string], { data: Buffer }>('SELECT data FROM doc_snapshots WHERE room = ?'),
		log: db.prepare<[string], { data: Buffer }>('SELECT data FROM doc_updates WHERE room = ? ORDER BY id'),
		logWithIds: db.prepare<[string], { id: number; data: Buffer }>('SELECT id, data FROM doc_updates WHERE room = ? ORDER BY id'),
		deleteUpdate: db.prepare<[number]>('DELETE FROM doc_updates WHERE id = ?'),
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
		setGroupCount: db.prepare<[{ code: string; group_count: number }]>(
			'UPDATE workshops SET group_count = @group_count WHERE code = @code'
		),
		insertTemplate: db.prepare<[TemplateRow]>(
			`INSERT INTO own_templates (id, name, description, content, source_code, created_at)
			 VALUES (@id, @name, @description, @content, @source_code, @created_at)`
		),
		getTemplate: db.prepare<[string], TemplateRow>('SELECT * FROM own_templates WHERE id = ?'),
		listTemplates: db.prepare<[], Omit<TemplateRow, 'content'>>(
			'SELECT id, name, description, source_code, created_at FROM own_templates ORDER BY created_at, id'
		),
		deleteTemplate: db.prepare<[string]>('DELETE FROM own_templates WHERE id = ?'),
		untieWorkshopTemplates: db.prepare<[{ code: string }]>('UPDATE own_templates SET source_code = NULL WHERE source_code = @code'),
		workshopsCreatedBefore: db.prepare<[number], { code: string }>(
			'SELECT code FROM workshops WHERE created_at < ? ORDER BY created_at, code'
		),
		deleteWorkshop: db.prepare<[{ code: string }]>('DELETE FROM workshops WHERE code = @code'),
		deleteWorkshopLogs: db.prepare<[{ code: string }]>(`DELETE FROM doc_updates WHERE ${WORKSHOP_ROOMS}`),
		deleteWorkshopSnapshots: db.prepare<[{ code: string }]>(`DELETE FROM doc_snapshots WHERE ${WORKSHOP_ROOMS}`),
		deleteWorkshopHistory: db.prepare<[{ code: string }]>('DELETE FROM board_history WHERE code = @code'),
		deleteWorkshopPhaseEnd: db.prepare<[{ code: string }]>('DELETE FROM phase_ends WHERE code = @code'),
		deleteWorkshopHistoryDue: db.prepare<[{ code: string }]>(`DELETE FROM history_due WHERE ${WORKSHOP_ROOMS}`),
		setPhaseEnd: db.prepare<[{ code: string; run: number; ends_at: number }]>(
			`INSERT INTO phase_ends (code, run, ends_at)
			 SELECT @code, @run, @ends_at WHERE EXISTS (SELECT 1 FROM workshops WHERE code = @code)
			 ON CONFLICT (code) DO UPDATE SET run = excluded.run, ends_at = excluded.ends_at WHERE excluded.run >= phase_ends.run`
		),
		clearPhaseEnd: db.prepare<[{ code: string; run: number }]>('DELETE FROM phase_ends WHERE code = @code AND run <= @run'),
		listPhaseEnds: db.prepare<[], { code: string; run: number; ends_at: number }>('SELECT code, run, ends_at FROM phase_ends ORDER BY ends_at, code'),
		markHistoryDue: db.prepare<[string]>('INSERT INTO history_due (room) VALUES (?) ON CONFLICT (room) DO NOTHING'),
		clearHistoryDue: db.prepare<[string]>('DELETE FROM history_due WHERE room = ?'),
		listHistoryDue: db.prepare<[], { room: string }>('SELECT room FROM history_due ORDER BY room'),
		addSnapshot: db.prepare<[{ code: string; room: string; taken_at: number; reason: string; data: Uint8Array }]>(
			`INSERT INTO board_history (code, room, taken_at, reason, data)
			 SELECT @code, @room, @taken_at, @reason, @data WHERE EXISTS (SELECT 1 FROM workshops WHERE code = @code)`
		),
		listSnapshots: db.prepare<[string], HistoryRow>(
			`SELECT id, room, taken_at, reason, length(data) AS bytes FROM board_history
			 WHERE room = ? ORDER BY taken_at DESC, id DESC`
		),
		getSnapshot: db.prepare<[string, number], HistoryRow & { data: Buffer }>(
			'SELECT id, room, taken_at, reason, length(data) AS bytes, data FROM board_history WHERE room = ? AND id = ?'
		),
		deleteHistoryEntry: db.prepare<[number]>('DELETE FROM board_history WHERE id = ?'),
		getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
		insertSettingIfAbsent: db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
		ping: db.prepare<[], { ok: number }>('SELECT 1 AS ok')
	};
}
