/** SqliteStore: the log, snapshots and compaction, workshops, settings, a full disk, and the SQL schema version. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { TemplateRecord, WorkshopRecord } from '../../server/store/doc-store';
import { SQL_SCHEMA_VERSION } from '../../server/store/sqlite-schema';
import { SqliteStore } from '../../server/store/sqlite-store';

const stores: SqliteStore[] = [];
const dirs: string[] = [];
afterEach(async () => {
	await Promise.all(stores.splice(0).map((s) => s.close()));
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function open(file = ':memory:'): SqliteStore {
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

describe('document log', () => {
	it('gives an empty list for an unknown room', async () => {
		expect(await open().loadDoc('ABC234')).toEqual({ updates: [], logCount: 0, logBytes: 0 });
	});

	it('returns appended updates in order, per room, with their count and size', async () => {
		const store = open();
		const a = change('a', '1');
		const b = change('b', '2');
		await store.appendUpdate('R1', a);
		await store.appendUpdate('R2', change('x', 'other room'));
		await store.appendUpdate('R1', b);
		const stored = await store.loadDoc('R1');
		expect(stored.updates).toEqual([a, b]);
		expect(stored.logCount).toBe(2);
		expect(stored.logBytes).toBe(a.byteLength + b.byteLength);
		expect(rebuild(stored.updates)).toEqual({ a: '1', b: '2' });
	});

	it('compacts a room into one snapshot that holds everything, and appends after it', async () => {
		const store = open();
		const doc = new Y.Doc();
		doc.on('update', (u: Uint8Array) => void store.appendUpdate('R1', u));
		for (let i = 0; i < 10; i++) doc.getMap('m').set(`k${i}`, String(i));
		await store.appendUpdate('R2', change('x', 'untouched'));
		await store.compact('R1', Y.encodeStateAsUpdate(doc));
		expect((await store.loadDoc('R1')).logCount).toBe(0);
		doc.getMap('m').set('after', 'yes');
		const stored = await store.loadDoc('R1');
		expect(stored.updates).toHaveLength(2);
		expect(stored.logCount).toBe(1);
		expect(rebuild(stored.updates)).toEqual(doc.getMap('m').toJSON());
		expect((await store.loadDoc('R2')).logCount).toBe(1);
	});

	it('deletes a room completely', async () => {
		const store = open();
		await store.appendUpdate('R1', change('a', '1'));
		await store.compact('R1', change('a', '1'));
		await store.appendUpdate('R1', change('b', '2'));
		await store.deleteDoc('R1');
		expect(await store.loadDoc('R1')).toEqual({ updates: [], logCount: 0, logBytes: 0 });
	});

	it('keeps appended updates in the file across a reopen', async () => {
		const file = tempFile();
		const first = new SqliteStore(file);
		await first.appendUpdate('R1', change('a', '1'));
		await first.close();
		expect(rebuild((await open(file).loadDoc('R1')).updates)).toEqual({ a: '1' });
	});
});

describe('batched appends and background checkpoints', () => {
	it('commits the appends of one turn together, in order, before a later read', async () => {
		const store = open(tempFile());
		const updates = Array.from({ length: 5 }, (_, i) => change(`k${i}`, String(i)));
		const appended = updates.map((u) => store.appendUpdate('R1', u));
		// Not awaited yet: the read still comes after them.
		expect((await store.loadDoc('R1')).updates).toEqual(updates);
		await Promise.all(appended);
		expect((await store.loadDoc('R1')).logCount).toBe(5);
	});

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

	it('passes an error about the data through as it is, as no fault of the disk', async () => {
		const store = open();
		const record: WorkshopRecord = { code: 'ABC234', title: 't', template: 'blank', groupCount: 1, facilitatorKeyHash: 'ab'.repeat(32), createdAt: 1 };
		await store.createWorkshop(record);
		await expect(store.createWorkshop(record)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
		await expect(store.createWorkshop(record)).rejects.not.toMatchObject({ name: 'StoreWriteError' });
		expect(store.writeFailures()).toEqual([]);
	});
});

describe('workshops and settings', () => {
	const record: WorkshopRecord = {
		code: 'ABC234',
		title: 'Lärlabb',
		template: 'larlabb',
		groupCount: 4,
		facilitatorKeyHash: 'ab'.repeat(32),
		createdAt: 1_700_000_000_000
	};

	it('stores and finds a workshop record; an unknown code is null', async () => {
		const store = open();
		await store.createWorkshop(record);
		expect(await store.getWorkshop('ABC234')).toEqual(record);
		expect(await store.getWorkshop('ZZZZZZ')).toBeNull();
	});

	it('refuses a second workshop with the same code', async () => {
		const store = open();
		await store.createWorkshop(record);
		await expect(store.createWorkshop({ ...record, title: 'Kopia' })).rejects.toThrow();
		expect((await store.getWorkshop('ABC234'))?.title).toBe('Lärlabb');
	});

	it('reads, writes and overwrites settings', async () => {
		const store = open();
		expect(await store.getSetting('token-secret')).toBeNull();
		await store.setSetting('token-secret', 'one');
		await store.setSetting('token-secret', 'two');
		expect(await store.getSetting('token-secret')).toBe('two');
	});

	it('answers ping while open', async () => {
		expect(await open().ping()).toBe(true);
	});
});

describe('own templates', () => {
	const template = (id: string, sourceCode: string | null): TemplateRecord => ({
		id,
		name: `Mall ${id}`,
		description: '',
		content: '{}',
		sourceCode,
		createdAt: 1_700_000_000_000
	});
	const workshop: WorkshopRecord = {
		code: 'ABC234',
		title: 'Lärlabb',
		template: 'larlabb',
		groupCount: 1,
		facilitatorKeyHash: 'ab'.repeat(32),
		createdAt: 1_700_000_000_000
	};

	it('deletes one template by id and says whether there was one', async () => {
		const store = open();
		await store.saveTemplate(template('egen-aaaaaaaaaa', 'ABC234'));
		await store.saveTemplate(template('egen-bbbbbbbbbb', null));
		expect(await store.deleteTemplate('egen-aaaaaaaaaa')).toBe(true);
		expect(await store.getTemplate('egen-aaaaaaaaaa')).toBeNull();
		expect((await store.listTemplates()).map((t) => t.id)).toEqual(['egen-bbbbbbbbbb']);
		expect(await store.deleteTemplate('egen-aaaaaaaaaa')).toBe(false);
	});

	it('keeps the templates of a deleted workshop, no longer tied to its code', async () => {
		const store = open();
		await store.createWorkshop(workshop);
		await store.saveTemplate(template('egen-aaaaaaaaaa', 'ABC234'));
		await store.saveTemplate(template('egen-bbbbbbbbbb', 'XYZ789'));
		await store.deleteWorkshop('ABC234');
		expect(await store.getTemplate('egen-aaaaaaaaaa')).toMatchObject({ sourceCode: null, content: '{}' });
		expect((await store.getTemplate('egen-bbbbbbbbbb'))?.sourceCode).toBe('XYZ789');
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

	it('reopens an existing file without migrating it again or losing data', async () => {
		const file = tempFile();
		const first = new SqliteStore(file);
		await first.setSetting('k', 'v');
		await first.close();
		const second = open(file);
		expect(await second.getSetting('k')).toBe('v');
	});

	it('refuses a file written by a newer server', () => {
		const file = tempFile();
		const db = new Database(file);
		db.pragma(`user_version = ${SQL_SCHEMA_VERSION + 1}`);
		db.close();
		expect(() => new SqliteStore(file)).toThrow(/newer than this server/);
	});
});
