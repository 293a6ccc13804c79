/** SqliteStore: board history snapshots and retention (deleting a workshop, finding expired ones). */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WorkshopRecord } from '../../server/store/doc-store';
import { SqliteStore } from '../../server/store/sqlite-store';

const stores: SqliteStore[] = [];
afterEach(async () => {
	await Promise.all(stores.splice(0).map((s) => s.close()));
});

function open(): SqliteStore {
	const store = new SqliteStore(':memory:');
	stores.push(store);
	return store;
}

function record(code: string, createdAt = 1000): WorkshopRecord {
	return { code, title: 'T', template: 'blank', groupCount: 1, facilitatorKeyHash: 'h', createdAt };
}

function state(key: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('m').set(key, key);
	return Y.encodeStateAsUpdate(doc);
}

describe('board history', () => {
	it('keeps snapshots per room, lists them newest first and gives one back with its bytes', async () => {
		const store = open();
		await store.createWorkshop(record('ABC234'));
		const a = state('a');
		const b = state('b');
		const first = await store.addSnapshot('ABC234/board/g1', { takenAt: 100, reason: 'interval', state: a });
		const second = await store.addSnapshot('ABC234/board/g1', { takenAt: 200, reason: 'phase', state: b });
		await store.addSnapshot('ABC234/board/g2', { takenAt: 300, reason: 'interval', state: state('c') });
		expect(first).not.toBeNull();
		const list = await store.listSnapshots('ABC234/board/g1');
		expect(list.map((e) => [e.id, e.takenAt, e.reason])).toEqual([
			[second, 200, 'phase'],
			[first, 100, 'interval']
		]);
		expect(list[0]!.bytes).toBe(b.byteLength);
		const got = await store.getSnapshot('ABC234/board/g1', first!);
		expect(got?.state).toEqual(a);
	});

	it('does not hand out a snapshot under another room', async () => {
		const store = open();
		await store.createWorkshop(record('ABC234'));
		const id = await store.addSnapshot('ABC234/board/g1', { takenAt: 1, reason: 'interval', state: state('a') });
		expect(await store.getSnapshot('ABC234/board/g2', id!)).toBeNull();
	});

	it('stores nothing for a workshop that does not exist (a snapshot racing a deletion)', async () => {
		const store = open();
		expect(await store.addSnapshot('ZZZ999/board/g1', { takenAt: 1, reason: 'interval', state: state('a') })).toBeNull();
		expect(await store.listSnapshots('ZZZ999/board/g1')).toEqual([]);
	});

	it('deletes chosen snapshots only', async () => {
		const store = open();
		await store.createWorkshop(record('ABC234'));
		const ids = [];
		for (let i = 0; i < 3; i++) ids.push(await store.addSnapshot('ABC234/board/g1', { takenAt: i, reason: 'interval', state: state(`s${i}`) }));
		await store.deleteSnapshots([ids[0]!, ids[2]!]);
		expect((await store.listSnapshots('ABC234/board/g1')).map((e) => e.id)).toEqual([ids[1]]);
	});
});

describe('retention', () => {
	it('deletes a workshop with every room, log, snapshot and history entry, and nothing of another workshop', async () => {
		const store = open();
		await store.createWorkshop(record('ABC234'));
		await store.createWorkshop(record('ABC235'));
		// ABC2340 sorts between "ABC234/" and "ABC2340"'s neighbours: it must survive (not a room of ABC234).
		const rooms = ['ABC234', 'ABC234/board/g1', 'ABC234/board/plenary', 'ABC234/private/p1'];
		const others = ['ABC235', 'ABC235/board/g1', 'ABC2340'];
		for (const room of [...rooms, ...others]) {
			await store.appendUpdate(room, state(room));
			await store.compact(room, state(room));
			await store.appendUpdate(room, state(`${room}-later`));
			await store.addSnapshot(room, { takenAt: 1, reason: 'phase', state: state(room) });
		}
		await store.deleteWorkshop('ABC234');
		expect(await store.getWorkshop('ABC234')).toBeNull();
		for (const room of rooms) {
			expect((await store.loadDoc(room)).updates).toEqual([]);
			expect(await store.listSnapshots(room)).toEqual([]);
		}
		expect(await store.getWorkshop('ABC235')).not.toBeNull();
		for (const room of ['ABC235', 'ABC235/board/g1', 'ABC2340']) expect((await store.loadDoc(room)).updates).toHaveLength(2);
		expect(await store.listSnapshots('ABC235/board/g1')).toHaveLength(1);
	});

	it('also deletes appends that were still waiting for their commit', async () => {
		const store = open();
		await store.createWorkshop(record('ABC234'));
		const pending = store.appendUpdate('ABC234/board/g1', state('late'));
		await store.deleteWorkshop('ABC234');
		await pending;
		expect((await store.loadDoc('ABC234/board/g1')).updates).toEqual([]);
	});

	it('finds the workshops created before a time, oldest first', async () => {
		const store = open();
		await store.createWorkshop(record('NEW234', 5000));
		await store.createWorkshop(record('OLD234', 1000));
		await store.createWorkshop(record('MID234', 3000));
		expect(await store.workshopsCreatedBefore(3000)).toEqual(['OLD234']);
		expect(await store.workshopsCreatedBefore(3001)).toEqual(['OLD234', 'MID234']);
	});
});
