/**
 * What only the PostgreSQL store has: its schema and migrations, the database refusing writes or
 * not answering, a log row committed in the middle of a compaction, and openStore's refusal of a
 * DATABASE_URL it cannot reach. The shared behaviour is in store-contract-*.test.ts.
 */
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createVerkstad, type Verkstad } from '../../server/app';
import type { Log } from '../../server/log';
import { openStore } from '../../server/store/open-store';
import { PG_SCHEMA_VERSION } from '../../server/store/pg-schema';
import { PgStore } from '../../server/store/pg-store';
import { admin, change, rebuild, TEST_DATABASE_URL, testSchema } from './fixtures/store-backends';
import { testConfig } from './helpers';

const stores: PgStore[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	await Promise.all(stores.splice(0).map((store) => store.close()));
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh schema, dropped after the test. */
function freshSchema(): string {
	const schema = testSchema();
	cleanups.push(() => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
	return schema;
}

function open(schema: string, connectionString = TEST_DATABASE_URL): PgStore {
	const store = new PgStore({ connectionString, schema });
	stores.push(store);
	return store;
}

const silent: Log = { debug() {}, info() {}, warn() {}, error() {} };

describe('the schema', () => {
	it('creates a missing schema at the current version, once, even when two instances start together', async () => {
		const schema = freshSchema();
		const applied = await Promise.all([open(schema).migrate(), open(schema).migrate()]);
		expect(applied.flat()).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
		expect((await admin(`SELECT version FROM ${schema}.verkstad_schema`)).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
		expect(await open(schema).migrate()).toEqual([]);
	});

	it('refuses a schema written by a newer server', async () => {
		const schema = freshSchema();
		await open(schema).migrate();
		await admin(`UPDATE ${schema}.verkstad_schema SET version = ${PG_SCHEMA_VERSION + 1}`);
		await expect(open(schema).migrate()).rejects.toThrow(/newer than this server/);
	});

	it('refuses a schema name that would need quoting', () => {
		expect(() => new PgStore({ connectionString: TEST_DATABASE_URL, schema: 'x; DROP TABLE y' })).toThrow(/schema name/);
	});
});

describe('compaction', () => {
	it('keeps a log row that another instance commits while the compaction is under way', async () => {
		const schema = freshSchema();
		const compactor = open(schema);
		const appender = open(schema);
		await compactor.migrate();
		await compactor.appendUpdate('R1', change('first', 'A'));
		await compactor.compact('R1', change('first', 'A'));
		await compactor.appendUpdate('R1', change('second', 'A'));

		// Hold the snapshot row, so that the compaction stops after reading the log and before
		// deleting what it read; an append commits meanwhile.
		const holder = await adminClient();
		const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
		await holder.query('BEGIN');
		await holder.query(`SELECT 1 FROM ${schema}.doc_snapshots WHERE room = 'R1' FOR UPDATE`);
		const compaction = compactor.compact('R1', change('first', 'A'));
		await vi.waitFor(
			async () => {
				const blocked = await admin('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [holderPid]);
				expect(blocked.rows[0].n).toBe(1);
			},
			{ timeout: 10_000, interval: 20 }
		);
		await appender.appendUpdate('R1', change('late', 'B'));
		await holder.query('COMMIT');
		await compaction;

		const stored = await appender.loadDoc('R1');
		expect(rebuild(stored.updates)).toEqual({ first: 'A', second: 'A', late: 'B' });
		expect(stored.logCount).toBe(1);
	});
});

describe('a database that refuses writes or does not answer', () => {
	it('refuses writes on a read-only database with 25006, keeps reading, and writes again once it is writable, without a reopen', async () => {
		const schema = freshSchema();
		const owner = open(schema);
		await owner.migrate();
		await owner.appendUpdate('R1', change('kept', 'before'));
		const role = `${schema}_writer`;
		await admin(`CREATE ROLE ${role} LOGIN`);
		cleanups.push(() => admin(`DROP ROLE IF EXISTS ${role}`));
		cleanups.push(() => admin(`DROP OWNED BY ${role}`));
		await admin(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
		await admin(`GRANT ALL ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
		await admin(`GRANT ALL ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
		await admin(`ALTER ROLE ${role} SET default_transaction_read_only = on`);

		const url = new URL(TEST_DATABASE_URL);
		url.username = role;
		const store = open(schema, url.toString());
		await store.migrate();
		await expect(store.appendUpdate('R1', change('refused', 'x'))).rejects.toMatchObject({ name: 'StoreWriteError', code: '25006', step: 'appendUpdate' });
		await expect(store.compact('R1', change('refused', 'x'))).rejects.toMatchObject({ name: 'StoreWriteError', code: '25006', step: 'compact' });
		expect(store.writeFailures()).toEqual([
			{ code: '25006', step: 'appendUpdate', since: expect.any(Number) },
			{ code: '25006', step: 'compact', since: expect.any(Number) }
		]);
		expect(rebuild((await store.loadDoc('R1')).updates)).toEqual({ kept: 'before' });
		expect(await store.ping()).toBe(true);

		// Writable again: the store's open connections are cut, and the pool reconnects by itself.
		await admin(`ALTER ROLE ${role} RESET default_transaction_read_only`);
		await admin('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
		await vi.waitFor(() => store.appendUpdate('R1', change('after', 'writable')), { timeout: 10_000, interval: 50 });
		await store.compact('R1', change('after', 'writable'));
		expect(store.writeFailures()).toEqual([]);
		expect(rebuild((await owner.loadDoc('R1')).updates)).toEqual({ kept: 'before', after: 'writable' });
	});

	it('answers ping false and refuses writes with the connection error when the server does not answer', async () => {
		const store = open('public', 'postgres://postgres@127.0.0.1:1/test');
		expect(await store.ping()).toBe(false);
		await expect(store.appendUpdate('R1', change('a', '1'))).rejects.toMatchObject({ name: 'StoreWriteError', code: 'ECONNREFUSED', step: 'appendUpdate' });
		await expect(store.createWorkshop({ code: 'ABC234', title: 't', template: 'blank', groupCount: 1, facilitatorKeyHash: 'h', createdAt: 1 })).rejects.toMatchObject({
			code: 'ECONNREFUSED',
			step: 'createWorkshop'
		});
		expect(store.writeFailures().map((f) => [f.code, f.step])).toEqual([
			['ECONNREFUSED', 'appendUpdate'],
			['ECONNREFUSED', 'createWorkshop']
		]);
	});
});

describe('openStore', () => {
	it('refuses to start on an unreachable DATABASE_URL with one line naming the server, never the password', async () => {
		const config = { dataDir: '/nonexistent', maxDbBytes: null, databaseUrl: 'postgres://verkstad:hemligt@127.0.0.1:1/verkstad' };
		const refused = openStore(config, silent);
		await expect(refused).rejects.toThrow(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/verkstad: .*ECONNREFUSED/);
		await expect(refused).rejects.not.toThrow(/hemligt/);
	});

	it('opens the schema DATABASE_URL names, where two servers starting together agree on one token secret', async () => {
		const schema = freshSchema();
		const url = new URL(TEST_DATABASE_URL);
		url.searchParams.set('schema', schema);
		const servers = await Promise.all([startServer(url.toString()), startServer(url.toString())]);
		const token = servers[0]!.tokens.sign({ role: 'facilitator', code: 'ABC234' });
		expect(servers[1]!.tokens.verify(token)).toMatchObject({ ok: true, claims: { code: 'ABC234' } });
		expect((await admin(`SELECT count(*)::int AS n FROM ${schema}.settings WHERE key = 'token-secret'`)).rows).toEqual([{ n: 1 }]);
	});

	it('refuses a database that does not exist, with the server\'s reason', async () => {
		const url = new URL(TEST_DATABASE_URL);
		url.pathname = '/verkstad_no_such_database';
		await expect(openStore({ dataDir: '/nonexistent', maxDbBytes: null, databaseUrl: url.toString() }, silent)).rejects.toThrow(
			`Cannot reach PostgreSQL at ${url.hostname}:${url.port || '5432'}/verkstad_no_such_database: database "verkstad_no_such_database" does not exist`
		);
	});
});

/** A whole server (createVerkstad) on the PostgreSQL store, closed after the test. */
async function startServer(databaseUrl: string): Promise<Verkstad> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-pg-'));
	const config = testConfig({ dataDir, snapshotIntervalMs: 60 * 60_000, databaseUrl });
	const server = await createVerkstad(config);
	cleanups.push(async () => {
		await server.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});
	return server;
}

/** A connection of the test's own, held open across steps (a transaction holding a lock). */
async function adminClient(): Promise<pg.Client> {
	const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
	await client.connect();
	cleanups.push(() => client.end());
	return client;
}
