/**
 * leaveOutOfUpdates (src/lib/sync/unencoded-updates.ts): the listeners miss exactly the
 * transactions that need no update, Yjs does not encode those, and nothing else is missed.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, readNotes } from '../../src/lib/board';
import { leaveOutOfUpdates, type UpdateListener } from '../../src/lib/sync/unencoded-updates';

const SERVER = { name: 'server' };
const AUTHOR = { id: 'p1', name: 'Anna Berg', organisation: 'Region Skåne' };

/** A board of `n` notes as the server would send it. */
function serverBoard(n: number): Uint8Array {
	const doc = new Y.Doc();
	for (let i = 0; i < n; i++) addNote(doc, { x: i, y: 0, text: `Lapp ${i}`, figureId: null }, AUTHOR);
	return Y.encodeStateAsUpdate(doc);
}

function watched() {
	const doc = new Y.Doc();
	const heard: unknown[] = [];
	const listener: UpdateListener = (_update, origin) => heard.push(origin);
	doc.on('update', listener);
	let leftOut = 0;
	let unneeded = true;
	leaveOutOfUpdates(
		doc,
		(t) => unneeded && t.origin === SERVER,
		() => [listener],
		() => leftOut++
	);
	return { doc, heard, leftOut: () => leftOut, needed: () => (unneeded = false) };
}

describe('leaveOutOfUpdates', () => {
	it('keeps the listener out of the transactions that need no update, and tells of each', () => {
		const { doc, heard, leftOut } = watched();
		Y.applyUpdate(doc, serverBoard(3), SERVER);
		expect(readNotes(doc)).toHaveLength(3);
		expect(heard).toEqual([]);
		expect(leftOut()).toBe(1);
	});

	it('gives the listener every other transaction, also right after one it missed', () => {
		const { doc, heard, leftOut, needed } = watched();
		Y.applyUpdate(doc, serverBoard(2), SERVER);
		addNote(doc, { x: 0, y: 0, text: 'Egen lapp', figureId: null }, AUTHOR, 'local');
		expect(heard).toEqual(['local']);
		Y.applyUpdate(doc, serverBoard(1), SERVER);
		expect(heard).toEqual(['local']);
		needed();
		const other = new Y.Doc();
		addNote(other, { x: 0, y: 0, text: 'Från servern efter synken', figureId: null }, AUTHOR);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), SERVER);
		expect(heard).toEqual(['local', SERVER]);
		expect(leftOut()).toBe(2);
	});

	it('leaves alone, and does not tell of, a transaction that wrote nothing', () => {
		const { doc, heard, leftOut } = watched();
		const board = serverBoard(2);
		Y.applyUpdate(doc, board, SERVER);
		// The same board again, as a sync answer after a reconnect: nothing new in it.
		Y.applyUpdate(doc, board, SERVER);
		expect(leftOut()).toBe(1);
		addNote(doc, { x: 0, y: 0, text: 'Egen lapp', figureId: null }, AUTHOR, 'local');
		expect(heard).toEqual(['local']);
	});

	it('spares the encoding: a left-out transaction is not written for the listeners', () => {
		// Yjs encodes only while someone listens; a second, unmanaged listener would see it.
		const { doc } = watched();
		let encoded = 0;
		doc.on('afterTransactionCleanup', () => {
			if (doc._observers.has('update')) encoded++;
		});
		Y.applyUpdate(doc, serverBoard(5), SERVER);
		expect(encoded).toBe(0);
		addNote(doc, { x: 0, y: 0, text: 'Egen lapp', figureId: null }, AUTHOR, 'local');
		expect(encoded).toBe(1);
	});
});
