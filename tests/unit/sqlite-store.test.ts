/**
 * What only the SQLite store has: the background WAL checkpoints, the size cap (MAX_DB_MB) and
 * SQLITE_FULL, the file's WAL mode and schema version, and its migrations. The behaviour every
 * store shares is in tests/integration/store-contract-*.test.ts.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { TemplateRecord, WorkshopRecord } from '../../server/store/doc-store';
import { SQL_MIGRATIONS, SQL_SCHEMA_VERSION } from '../../server/store/sqlite-schema';
import { SqliteStore } from '../../server/store/sqlite-store';

const stores: SqliteStore[] = [];
const dirs: string[] = [];
afterEach(async () => {
	await Promise.all(stores.splice(0).map((s) => s.close()));
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function open(file: string): SqliteStore {
	const store = new SqliteStore(file);
	stores.push(store);
	return store;
}
function tempFile(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-store-'));
	dirs.push(dir);
	return path.join(dir, 'verkstad.db');
}

/** An update that sets key=value in map `m` of a fresh doc. */
function change(key: string, value: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('m').set(key, value);
	return Y.encodeStateAsUpdate(doc);
}
function rebuild(updates: Uint8Array[]): Record<string, unknown> {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc.getMap('m').toJSON();
}

describe('background checkpoints', () => {
	it('copies the WAL back into the database file while the store is open', async () => {
		const file = tempFile();
		const store = open(file);
		const before = fs.statSync(file).size;
		// ~100 KB: far below SQLite's auto-checkpoint threshold, so only the checkpointer moves it.
		for (let i = 0; i < 50; i++) await store.appendUpdate('R1', change(`k${i}`, 'x'.repeat(2000)));
		await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(before + 50_000), { timeout: 5000, interval: 50 });
	});
});

describe('a full disk (the size cap)', () => {
	const bigTemplate = (id: string): TemplateRecord => ({
		id,
		name: id,
		description: '',
		content: 'x'.repeat(100_000),
		sourceCode: null,
		createdAt: 1_700_000_000_000
	});

	it('refuses writes past the cap with a coded SQLITE_FULL, keeps reading, and writes again once the cap is lifted, without a reopen', async () => {
		const store = open(tempFile());
		const kept = change('kept', 'before the disk filled');
		await store.appendUpdate('R1', kept);
		store.setMaxBytes(1); // below the current size: the file stays as it is

		const big = change('big', 'x'.repeat(100_000));
		await expect(store.appendUpdate('R1', big)).rejects.toMatchObject({ name: 'StoreWriteError', code: 'SQLITE_FULL', step: 'appendUpdate' });
		await expect(store.saveTemplate(bigTemplate('t1'))).rejects.toMatchObject({ name: 'StoreWriteError', code: 'SQLITE_FULL', step: 'saveTemplate' });
		expect(store.writeFailures()).toEqual([
			{ code: 'SQLITE_FULL', step: 'appendUpdate', since: expect.any(Number) },
			{ code: 'SQLITE_FULL', step: 'saveTemplate', since: expect.any(Number) }
		]);
		expect((await store.loadDoc('R1')).updates).toEqual([kept]);
		expect(await store.ping()).toBe(true);

		store.setMaxBytes(null);
		const after = change('after', 'space is back');
		await store.appendUpdate('R1', after);
		await store.saveTemplate(bigTemplate('t1'));
		expect(store.writeFailures()).toEqual([]);
		expect(rebuild((await store.loadDoc('R1')).updates)).toEqual({ kept: 'before the disk filled', after: 'space is back' });
	});

	it('takes its cap from the start (MAX_DB_MB): a file already at the cap opens, reads and refuses to grow', async () => {
		const file = tempFile();
		const first = new SqliteStore(file);
		await first.appendUpdate('R1', change('a', '1'));
		await first.close();
		const store = new SqliteStore(file, { maxBytes: 1 });
		stores.push(store);
		expect((await store.loadDoc('R1')).logCount).toBe(1);
		await expect(store.appendUpdate('R1', change('big', 'x'.repeat(100_000)))).rejects.toMatchObject({ code: 'SQLITE_FULL' });
	});
});

describe('the SQL schema', () => {
	it('creates a new file at the current schema version, in WAL mode with synchronous NORMAL', async () => {
		const file = tempFile();
		await new SqliteStore(file).close();
		const db = new Database(file, { readonly: true });
		try {
			expect(db.pragma('user_version', { simple: true })).toBe(SQL_SCHEMA_VERSION);
			expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
			const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
			expect(tables).toEqual(expect.arrayContaining(['doc_snapshots', 'doc_updates', 'settings', 'workshops']));
		} finally {
			db.close();
		}
	});

	it('refuses a file written by a newer server', () => {
		const file = tempFile();
		const db = new Database(file);
		db.pragma(`user_version = ${SQL_SCHEMA_VERSION + 1}`);
		db.close();
		expect(() => new SqliteStore(file)).toThrow(/newer than this server/);
	});
});

describe('migration 4', () => {
	it('adds the tables to a database of schema 3 and keeps its data', async () => {
		const file = tempFile();
		const old = new Database(file);
		for (const sql of SQL_MIGRATIONS.slice(0, 3)) old.exec(sql);
		old.pragma('user_version = 3');
		old.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
		old.close();
		const store = open(file);
		expect(await store.getSetting('k')).toBe('v');
		await store.createWorkshop(workshop('ABC234'));
		await store.setPhaseEnd('ABC234', { run: 1, endsAt: 10 });
		await store.markHistoryDue('ABC234/board/g1');
		expect(await store.listPhaseEnds()).toHaveLength(1);
		expect(await store.listHistoryDue()).toEqual(['ABC234/board/g1']);
	});
});

function workshop(code: string): WorkshopRecord {
	return { code, title: 'T', template: 'blank', groupCount: 1, facilitatorKeyHash: 'h', createdAt: 1000 };
}
