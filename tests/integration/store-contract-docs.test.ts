/**
 * The DocStore contract, documents: the update log, snapshots and compaction, on every store, with
 * one instance and with two on the same database (two servers at scale).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/store/doc-store';
import { backends, change, rebuild, type TestDatabase } from './fixtures/store-backends';

describe.each(backends)('$name store: documents', (backend) => {
	let db: TestDatabase;
	let store: DocStore;
	beforeEach(async () => {
		db = await backend.create();
		store = await db.open();
	});
	afterEach(async () => {
		await db.dispose();
	});

	describe('the update log', () => {
		it('gives an empty list for an unknown room', async () => {
			expect(await store.loadDoc('ABC234')).toEqual({ updates: [], logCount: 0, logBytes: 0 });
		});

		it('returns appended updates in order, per room, with their count and size', async () => {
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

		it('commits the appends of one turn together, in order, before a later read', async () => {
			const updates = Array.from({ length: 5 }, (_, i) => change(`k${i}`, String(i)));
			const appended = updates.map((u) => store.appendUpdate('R1', u));
			// Not awaited yet: the read still comes after them.
			expect((await store.loadDoc('R1')).updates).toEqual(updates);
			await Promise.all(appended);
			expect((await store.loadDoc('R1')).logCount).toBe(5);
		});

		it('deletes a room completely', async () => {
			await store.appendUpdate('R1', change('a', '1'));
			await store.compact('R1', change('a', '1'));
			await store.appendUpdate('R1', change('b', '2'));
			await store.deleteDoc('R1');
			expect(await store.loadDoc('R1')).toEqual({ updates: [], logCount: 0, logBytes: 0 });
		});

		it('keeps appended updates across a reopen', async () => {
			await store.appendUpdate('R1', change('a', '1'));
			await store.close();
			expect(rebuild((await (await db.open()).loadDoc('R1')).updates)).toEqual({ a: '1' });
		});

		it('loses no update when two instances append to one room at once', async () => {
			const other = await db.open();
			const appends: Promise<void>[] = [];
			const expected: Record<string, string> = {};
			for (let i = 0; i < 40; i++) {
				appends.push(store.appendUpdate('R1', change(`a${i}`, 'A')), other.appendUpdate('R1', change(`b${i}`, 'B')));
				Object.assign(expected, { [`a${i}`]: 'A', [`b${i}`]: 'B' });
			}
			await Promise.all(appends);
			for (const reader of [store, other]) {
				const stored = await reader.loadDoc('R1');
				expect(stored.logCount).toBe(80);
				expect(rebuild(stored.updates)).toEqual(expected);
			}
		});
	});

	describe('compaction', () => {
		it('compacts a room into one snapshot that holds everything, and appends after it', async () => {
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

		it('never deletes an update it did not merge: an append from another instance survives a compaction with stale state', async () => {
			const other = await db.open();
			await store.appendUpdate('R1', change('first', 'A'));
			// A loads the room, then B appends to it, then A compacts with what it loaded.
			const loaded = new Y.Doc();
			for (const u of (await store.loadDoc('R1')).updates) Y.applyUpdate(loaded, u);
			await other.appendUpdate('R1', change('late', 'B'));
			await store.compact('R1', Y.encodeStateAsUpdate(loaded));
			for (const reader of [store, other]) {
				expect(rebuild((await reader.loadDoc('R1')).updates)).toEqual({ first: 'A', late: 'B' });
			}
		});

		it("keeps what another instance's compaction folded into the snapshot", async () => {
			const other = await db.open();
			await store.appendUpdate('R1', change('a', '1'));
			const stale = Y.encodeStateAsUpdate(loadedDoc(await store.loadDoc('R1')));
			await other.appendUpdate('R1', change('b', '2'));
			await other.compact('R1', Y.encodeStateAsUpdate(loadedDoc(await other.loadDoc('R1'))));
			await store.compact('R1', stale);
			expect(rebuild((await store.loadDoc('R1')).updates)).toEqual({ a: '1', b: '2' });
		});

		it('loses nothing when two instances append and compact one room at once', async () => {
			const other = await db.open();
			const expected: Record<string, string> = {};
			const work: Promise<void>[] = [];
			for (let i = 0; i < 30; i++) {
				work.push(store.appendUpdate('R1', change(`a${i}`, 'A')), other.appendUpdate('R1', change(`b${i}`, 'B')));
				Object.assign(expected, { [`a${i}`]: 'A', [`b${i}`]: 'B' });
				// Each compacts with only its own appends so far: stale about the other's.
				if (i % 10 === 9) work.push(store.compact('R1', change(`a${i}`, 'A')), other.compact('R1', change(`b${i}`, 'B')));
			}
			await Promise.all(work);
			expect(rebuild((await store.loadDoc('R1')).updates)).toEqual(expected);
		});

		it('does not grow the snapshot when a room is compacted again and again', async () => {
			const doc = new Y.Doc();
			doc.on('update', (u: Uint8Array) => void store.appendUpdate('R1', u));
			const text = doc.getText('t');
			text.insert(0, 'x'.repeat(5000));
			await store.compact('R1', Y.encodeStateAsUpdate(doc));
			const sizes: number[] = [];
			for (let round = 0; round < 5; round++) {
				// Typing and deleting: the doc's encoded size stays about the same.
				text.insert(0, 'abc');
				text.delete(0, 3);
				await store.compact('R1', Y.encodeStateAsUpdate(doc));
				const stored = await store.loadDoc('R1');
				expect(stored.updates).toHaveLength(1);
				sizes.push(stored.updates[0]!.byteLength);
			}
			expect(sizes[4]).toBeLessThanOrEqual(Y.encodeStateAsUpdate(doc).byteLength);
			expect(loadedDoc(await store.loadDoc('R1')).getText('t').toString()).toBe(text.toString());
		});
	});
});

function loadedDoc(stored: { updates: Uint8Array[] }): Y.Doc {
	const doc = new Y.Doc();
	for (const u of stored.updates) Y.applyUpdate(doc, u);
	return doc;
}
