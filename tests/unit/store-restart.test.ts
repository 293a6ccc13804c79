/** SqliteStore: what a restart must not forget, pending phase ends and boards due a history snapshot (migration 4). */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkshopRecord } from '../../server/store/doc-store';
import { SQL_MIGRATIONS } from '../../server/store/sqlite-schema';
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

function record(code: string): WorkshopRecord {
	return { code, title: 'T', template: 'blank', groupCount: 1, facilitatorKeyHash: 'h', createdAt: 1000 };
}

describe('pending phase ends', () => {
	it('keeps one end per workshop, replaced by the next and removed when cleared, listed soonest first', async () => {
		const store = open();
		await store.createWorkshop(record('ABC234'));
		await store.createWorkshop(record('DEF234'));
		await store.setPhaseEnd('ABC234', { run: 1, endsAt: 5000 });
		await store.setPhaseEnd('DEF234', { run: 3, endsAt: 4000 });
		await store.setPhaseEnd('ABC234', { run: 2, endsAt: 9000 });
		expect(await store.listPhaseEnds()).toEqual([
			{ code: 'DEF234', run: 3, endsAt: 4000 },
			{ code: 'ABC234', run: 2, endsAt: 9000 }
		]);
		await store.clearPhaseEnd('DEF234');
		await store.clearPhaseEnd('NOT234');
		expect(await store.listPhaseEnds()).toEqual([{ code: 'ABC234', run: 2, endsAt: 9000 }]);
	});

	it('keeps nothing for a workshop that does not exist', async () => {
		const store = open();
		await store.setPhaseEnd('ZZZ999', { run: 1, endsAt: 1 });
		expect(await store.listPhaseEnds()).toEqual([]);
	});
});

describe('boards due a history snapshot', () => {
	it('marks a room once however often, and unmarks it', async () => {
		const store = open();
		await store.markHistoryDue('ABC234/board/g2');
		await store.markHistoryDue('ABC234/board/g1');
		await store.markHistoryDue('ABC234/board/g1');
		expect(await store.listHistoryDue()).toEqual(['ABC234/board/g1', 'ABC234/board/g2']);
		await store.clearHistoryDue('ABC234/board/g1');
		expect(await store.listHistoryDue()).toEqual(['ABC234/board/g2']);
	});
});

describe('deleting a workshop', () => {
	it('removes its phase end and marks, and nothing of another workshop', async () => {
		const store = open();
		await store.createWorkshop(record('ABC234'));
		await store.createWorkshop(record('ABC235'));
		await store.setPhaseEnd('ABC234', { run: 1, endsAt: 10 });
		await store.setPhaseEnd('ABC235', { run: 1, endsAt: 20 });
		for (const room of ['ABC234/board/g1', 'ABC235/board/g1', 'ABC2340/board/g1']) await store.markHistoryDue(room);
		await store.deleteWorkshop('ABC234');
		expect(await store.listPhaseEnds()).toEqual([{ code: 'ABC235', run: 1, endsAt: 20 }]);
		expect(await store.listHistoryDue()).toEqual(['ABC2340/board/g1', 'ABC235/board/g1']);
	});
});

describe('migration 4', () => {
	it('adds the tables to a database of schema 3 and keeps its data', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-store-'));
		dirs.push(dir);
		const file = path.join(dir, 'verkstad.db');
		const old = new Database(file);
		for (const sql of SQL_MIGRATIONS.slice(0, 3)) old.exec(sql);
		old.pragma('user_version = 3');
		old.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
		old.close();
		const store = open(file);
		expect(await store.getSetting('k')).toBe('v');
		await store.createWorkshop(record('ABC234'));
		await store.setPhaseEnd('ABC234', { run: 1, endsAt: 10 });
		await store.markHistoryDue('ABC234/board/g1');
		expect(await store.listPhaseEnds()).toHaveLength(1);
		expect(await store.listHistoryDue()).toEqual(['ABC234/board/g1']);
	});
});
