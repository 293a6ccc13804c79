/**
 * The PostgreSQL schema of the scale-out store (pg-store.ts): numbered migrations tracked in the
 * table verkstad_schema, and how a starting instance brings a schema to the current version.
 *
 * The tables mirror the SQLite store's (sqlite-schema.ts), with two differences:
 * - Names compare byte by byte (COLLATE "C"): a workshop's rooms are the range [`code/`,
 *   `code0`), as in SQLite, and the database's own collation could sort '/' and '0' otherwise.
 * - History snapshots, phase ends and pictures refer to their workshop (a foreign key, deleted with it).
 *   An insert for a workshop being deleted by another connection then either waits for the
 *   delete and fails, or holds the delete back until it is committed and is deleted with it: no
 *   row can outlive its workshop, which the EXISTS test alone did not promise under concurrency.
 */
import type { Pool, PoolClient } from 'pg';

/** Migration N takes the schema from version N-1 to N; all of them run in one transaction. */
export const PG_MIGRATIONS: readonly string[] = [
	// 1: the SQLite store's four migrations at once.
	`CREATE TABLE workshops (
		code TEXT COLLATE "C" PRIMARY KEY,
		title TEXT NOT NULL,
		template TEXT NOT NULL,
		group_count INTEGER NOT NULL,
		facilitator_key_hash TEXT NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE INDEX workshops_created_at ON workshops (created_at);
	-- The id orders a room's log; a lower id may commit after a higher one, so compaction
	-- deletes the ids it read, never a range.
	CREATE TABLE doc_updates (
		id BIGSERIAL PRIMARY KEY,
		room TEXT COLLATE "C" NOT NULL,
		data BYTEA NOT NULL
	);
	CREATE INDEX doc_updates_room ON doc_updates (room, id);
	CREATE TABLE doc_snapshots (
		room TEXT COLLATE "C" PRIMARY KEY,
		data BYTEA NOT NULL,
		updated_at BIGINT NOT NULL
	);
	CREATE TABLE settings (
		key TEXT COLLATE "C" PRIMARY KEY,
		value TEXT NOT NULL
	);
	CREATE TABLE own_templates (
		id TEXT COLLATE "C" PRIMARY KEY,
		name TEXT NOT NULL,
		description TEXT NOT NULL,
		content TEXT NOT NULL,
		source_code TEXT COLLATE "C",
		created_at BIGINT NOT NULL
	);
	CREATE TABLE board_history (
		id BIGSERIAL PRIMARY KEY,
		code TEXT COLLATE "C" NOT NULL REFERENCES workshops (code) ON DELETE CASCADE,
		room TEXT COLLATE "C" NOT NULL,
		taken_at BIGINT NOT NULL,
		reason TEXT NOT NULL,
		data BYTEA NOT NULL
	);
	CREATE INDEX board_history_room ON board_history (room, taken_at);
	CREATE INDEX board_history_code ON board_history (code);
	CREATE TABLE phase_ends (
		code TEXT COLLATE "C" PRIMARY KEY REFERENCES workshops (code) ON DELETE CASCADE,
		run INTEGER NOT NULL,
		ends_at BIGINT NOT NULL
	);
	CREATE TABLE history_due (
		room TEXT COLLATE "C" PRIMARY KEY
	);`,
	// 2: pictures behind image figures, which every instance must see (SQLite keeps them as files).
	`CREATE TABLE pictures (
		code TEXT COLLATE "C" NOT NULL REFERENCES workshops (code) ON DELETE CASCADE,
		id TEXT COLLATE "C" NOT NULL,
		ext TEXT NOT NULL,
		data BYTEA NOT NULL,
		PRIMARY KEY (code, id)
	);`
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;

/** Schema names go into SQL and into the connection's search_path unquoted, so only plain ones. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Any two-int advisory lock key of ours starts with this, so that it collides with no one else's. */
export const LOCK_SPACE = 0x766b7374; // 'vkst'

/**
 * Brings `schema` to PG_SCHEMA_VERSION in one transaction; refuses a schema written by a newer
 * server. Instances starting together queue on an advisory lock, so one migrates and the others
 * find the work done.
 */
export async function migrateSchema(pool: Pool, schema: string): Promise<number[]> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		const applied = await migrateLocked(client, schema);
		await client.query('COMMIT');
		return applied;
	} catch (err) {
		await client.query('ROLLBACK').catch(() => {});
		throw err;
	} finally {
		client.release();
	}
}

async function migrateLocked(client: PoolClient, schema: string): Promise<number[]> {
	await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, `migrate:${schema}`]);
	// No DDL unless something is missing: a schema that is up to date opens with the right to
	// read and write its tables alone, and on a read-only database (where writes then fail as such).
	const table = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [`${schema}.verkstad_schema`]);
	if (table.rows[0]?.found === null) {
		const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
		if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${schema}`);
		await client.query(`CREATE TABLE ${schema}.verkstad_schema (version INTEGER NOT NULL)`);
		await client.query(`INSERT INTO ${schema}.verkstad_schema (version) VALUES (0)`);
	}
	const current = (await client.query<{ version: number }>(`SELECT version FROM ${schema}.verkstad_schema`)).rows[0]!.version;
	if (current > PG_SCHEMA_VERSION) {
		throw new Error(`database schema version ${current} is newer than this server (${PG_SCHEMA_VERSION}); upgrade the server`);
	}
	const applied: number[] = [];
	for (let version = current + 1; version <= PG_SCHEMA_VERSION; version++) {
		await client.query(`SET LOCAL search_path TO ${schema}`);
		await client.query(PG_MIGRATIONS[version - 1]!);
		await client.query(`UPDATE ${schema}.verkstad_schema SET version = $1`, [version]);
		applied.push(version);
	}
	return applied;
}
