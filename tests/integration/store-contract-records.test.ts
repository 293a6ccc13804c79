/**
 * The DocStore contract, everything beside the documents: workshops and retention, board history,
 * what a restart must not forget (phase ends, history marks), own templates and settings, on
 * every store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore, NewPicture, TemplateRecord, WorkshopRecord } from '../../server/store/doc-store';
import { backends, workshop, type TestDatabase } from './fixtures/store-backends';

function state(key: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('m').set(key, key);
	return Y.encodeStateAsUpdate(doc);
}

/** Three bytes that name the picture: the stores keep bytes, they do not check pictures. */
const pictureBytes = (id: string): Uint8Array => new TextEncoder().encode(id.padEnd(3, '.'));
const picture = (id: string, ext = 'png'): NewPicture => ({ id, ext, bytes: () => pictureBytes(id) });

const template = (id: string, sourceCode: string | null): TemplateRecord => ({
	id,
	name: `Mall ${id}`,
	description: '',
	content: '{}',
	sourceCode,
	createdAt: 1_700_000_000_000
});

describe.each(backends)('$name store: records', (backend) => {
	let db: TestDatabase;
	let store: DocStore;
	beforeEach(async () => {
		db = await backend.create();
		store = await db.open();
	});
	afterEach(async () => {
		await db.dispose();
	});

	describe('workshops', () => {
		const record: WorkshopRecord = {
			code: 'ABC234',
			title: 'Lärlabb',
			template: 'larlabb',
			groupCount: 4,
			facilitatorKeyHash: 'ab'.repeat(32),
			createdAt: 1_700_000_000_000
		};

		it('stores and finds a workshop record; an unknown code is null', async () => {
			await store.createWorkshop(record);
			expect(await store.getWorkshop('ABC234')).toEqual(record);
			expect(await store.getWorkshop('ZZZZZZ')).toBeNull();
		});

		it('refuses a second workshop with the same code', async () => {
			await store.createWorkshop(record);
			await expect(store.createWorkshop({ ...record, title: 'Kopia' })).rejects.toThrow();
			expect((await store.getWorkshop('ABC234'))?.title).toBe('Lärlabb');
		});

		it('passes an error about the data through as it is, as no fault of the storage', async () => {
			await store.createWorkshop(record);
			await expect(store.createWorkshop(record)).rejects.toMatchObject({ code: backend.duplicateKeyCode });
			await expect(store.createWorkshop(record)).rejects.not.toMatchObject({ name: 'StoreWriteError' });
			expect(store.writeFailures()).toEqual([]);
		});

		it('changes the group count', async () => {
			await store.createWorkshop(record);
			await store.setGroupCount('ABC234', 6);
			expect((await store.getWorkshop('ABC234'))?.groupCount).toBe(6);
		});

		it('finds the workshops created before a time, oldest first', async () => {
			await store.createWorkshop(workshop('NEW234', 5000));
			await store.createWorkshop(workshop('OLD234', 1000));
			await store.createWorkshop(workshop('MID234', 3000));
			expect(await store.workshopsCreatedBefore(3000)).toEqual(['OLD234']);
			expect(await store.workshopsCreatedBefore(3001)).toEqual(['OLD234', 'MID234']);
		});
	});

	describe('retention', () => {
		it('deletes a workshop with every room, log, snapshot and history entry, and nothing of another workshop', async () => {
			await store.createWorkshop(workshop('ABC234'));
			await store.createWorkshop(workshop('ABC235'));
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
			await store.createWorkshop(workshop('ABC234'));
			const pending = store.appendUpdate('ABC234/board/g1', state('late'));
			await store.deleteWorkshop('ABC234');
			await pending;
			expect((await store.loadDoc('ABC234/board/g1')).updates).toEqual([]);
		});

		it('removes its phase end and marks, and nothing of another workshop', async () => {
			await store.createWorkshop(workshop('ABC234'));
			await store.createWorkshop(workshop('ABC235'));
			await store.setPhaseEnd('ABC234', { run: 1, endsAt: 10 });
			await store.setPhaseEnd('ABC235', { run: 1, endsAt: 20 });
			for (const room of ['ABC234/board/g1', 'ABC235/board/g1', 'ABC2340/board/g1']) await store.markHistoryDue(room);
			await store.deleteWorkshop('ABC234');
			expect(await store.listPhaseEnds()).toEqual([{ code: 'ABC235', run: 1, endsAt: 20 }]);
			expect(await store.listHistoryDue()).toEqual(['ABC2340/board/g1', 'ABC235/board/g1']);
		});

		it('keeps no snapshot, phase end or picture that another instance wrote while the workshop was being deleted', async () => {
			const other = await db.open();
			for (let i = 0; i < 5; i++) {
				const code = `RAC${i}34`;
				await store.createWorkshop(workshop(code));
				await Promise.all([
					store.deleteWorkshop(code),
					other.addSnapshot(`${code}/board/g1`, { takenAt: 1, reason: 'interval', state: state('s') }),
					other.setPhaseEnd(code, { run: 1, endsAt: 10 }),
					other.putPictures(code, [picture('p1')])
				]);
				expect(await store.listSnapshots(`${code}/board/g1`)).toEqual([]);
				expect(await store.listPictures(code)).toEqual([]);
			}
			expect(await store.listPhaseEnds()).toEqual([]);
		});
	});

	describe('board history', () => {
		it('keeps snapshots per room, lists them newest first and gives one back with its bytes', async () => {
			await store.createWorkshop(workshop('ABC234'));
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
			await store.createWorkshop(workshop('ABC234'));
			const id = await store.addSnapshot('ABC234/board/g1', { takenAt: 1, reason: 'interval', state: state('a') });
			expect(await store.getSnapshot('ABC234/board/g2', id!)).toBeNull();
		});

		it('stores nothing for a workshop that does not exist (a snapshot racing a deletion)', async () => {
			expect(await store.addSnapshot('ZZZ999/board/g1', { takenAt: 1, reason: 'interval', state: state('a') })).toBeNull();
			expect(await store.listSnapshots('ZZZ999/board/g1')).toEqual([]);
		});

		it('deletes chosen snapshots only', async () => {
			await store.createWorkshop(workshop('ABC234'));
			const ids = [];
			for (let i = 0; i < 3; i++) ids.push(await store.addSnapshot('ABC234/board/g1', { takenAt: i, reason: 'interval', state: state(`s${i}`) }));
			await store.deleteSnapshots([ids[0]!, ids[2]!]);
			expect((await store.listSnapshots('ABC234/board/g1')).map((e) => e.id)).toEqual([ids[1]]);
		});
	});

	describe('what a restart must not forget', () => {
		it('keeps one phase end per workshop, replaced by the next and removed when cleared, listed soonest first', async () => {
			await store.createWorkshop(workshop('ABC234'));
			await store.createWorkshop(workshop('DEF234'));
			await store.setPhaseEnd('ABC234', { run: 1, endsAt: 5000 });
			await store.setPhaseEnd('DEF234', { run: 3, endsAt: 4000 });
			await store.setPhaseEnd('ABC234', { run: 2, endsAt: 9000 });
			expect(await store.listPhaseEnds()).toEqual([
				{ code: 'DEF234', run: 3, endsAt: 4000 },
				{ code: 'ABC234', run: 2, endsAt: 9000 }
			]);
			await store.clearPhaseEnd('DEF234', 3);
			await store.clearPhaseEnd('NOT234', 1);
			expect(await store.listPhaseEnds()).toEqual([{ code: 'ABC234', run: 2, endsAt: 9000 }]);
		});

		it('never takes a phase end back to an earlier run, nor clears a later run than it is told', async () => {
			await store.createWorkshop(workshop('ABC234'));
			await store.setPhaseEnd('ABC234', { run: 3, endsAt: 9000 });
			// A slow write from an instance that saw the doc before the phase moved on.
			await store.setPhaseEnd('ABC234', { run: 2, endsAt: 5000 });
			await store.clearPhaseEnd('ABC234', 2);
			expect(await store.listPhaseEnds()).toEqual([{ code: 'ABC234', run: 3, endsAt: 9000 }]);
			// The same run may move (a pause, +1 min), and a clear at or past the run removes it.
			await store.setPhaseEnd('ABC234', { run: 3, endsAt: 12000 });
			expect(await store.listPhaseEnds()).toEqual([{ code: 'ABC234', run: 3, endsAt: 12000 }]);
			await store.clearPhaseEnd('ABC234', 3);
			expect(await store.listPhaseEnds()).toEqual([]);
		});

		it('keeps no phase end for a workshop that does not exist', async () => {
			await store.setPhaseEnd('ZZZ999', { run: 1, endsAt: 1 });
			expect(await store.listPhaseEnds()).toEqual([]);
		});

		it('marks a room due a history snapshot once however often, and unmarks it', async () => {
			await store.markHistoryDue('ABC234/board/g2');
			await store.markHistoryDue('ABC234/board/g1');
			await store.markHistoryDue('ABC234/board/g1');
			expect(await store.listHistoryDue()).toEqual(['ABC234/board/g1', 'ABC234/board/g2']);
			await store.clearHistoryDue('ABC234/board/g1');
			expect(await store.listHistoryDue()).toEqual(['ABC234/board/g2']);
		});
	});

	describe('pictures', () => {
		it('keeps a workshop\'s pictures where every instance finds them, listed by id without their bytes', async () => {
			await store.createWorkshop(workshop('ABC234'));
			await store.createWorkshop(workshop('ABC235'));
			expect(await store.putPictures('ABC234', [picture('p2', 'jpg'), picture('p1')])).toBe(true);
			const other = await db.open();
			expect(await other.listPictures('ABC234')).toEqual([
				{ id: 'p1', ext: 'png', size: 3 },
				{ id: 'p2', ext: 'jpg', size: 3 }
			]);
			expect(await other.getPicture('ABC234', 'p2')).toEqual({ id: 'p2', ext: 'jpg', data: pictureBytes('p2') });
			expect(await other.getPicture('ABC234', 'p3')).toBeNull();
			expect(await other.getPicture('ABC235', 'p1')).toBeNull();
			expect(await other.listPictures('ABC235')).toEqual([]);
		});

		it('stores nothing for a workshop that does not exist', async () => {
			expect(await store.putPictures('ZZZ999', [picture('p1')])).toBe(false);
			expect(await store.listPictures('ZZZ999')).toEqual([]);
		});

		it('stores all pictures of a call or none', async () => {
			await store.createWorkshop(workshop('ABC234'));
			const unreadable = { id: 'p2', ext: 'png', bytes: () => { throw new Error('the file could not be decoded'); } };
			await expect(store.putPictures('ABC234', [picture('p1'), unreadable])).rejects.toThrow('could not be decoded');
			expect(await store.listPictures('ABC234')).toEqual([]);
			expect(await store.getPicture('ABC234', 'p1')).toBeNull();
		});

		it('deletes a workshop\'s pictures with it, and no other workshop\'s', async () => {
			await store.createWorkshop(workshop('ABC234'));
			await store.createWorkshop(workshop('ABC2340'));
			await store.putPictures('ABC234', [picture('p1')]);
			await store.putPictures('ABC2340', [picture('p1')]);
			await store.deleteWorkshop('ABC234');
			expect(await store.listPictures('ABC234')).toEqual([]);
			expect(await store.getPicture('ABC234', 'p1')).toBeNull();
			expect(await store.listPictures('ABC2340')).toHaveLength(1);
		});
	});

	describe('own templates', () => {
		it('deletes one template by id and says whether there was one', async () => {
			await store.saveTemplate(template('egen-aaaaaaaaaa', 'ABC234'));
			await store.saveTemplate(template('egen-bbbbbbbbbb', null));
			expect(await store.deleteTemplate('egen-aaaaaaaaaa')).toBe(true);
			expect(await store.getTemplate('egen-aaaaaaaaaa')).toBeNull();
			expect((await store.listTemplates()).map((t) => t.id)).toEqual(['egen-bbbbbbbbbb']);
			expect(await store.deleteTemplate('egen-aaaaaaaaaa')).toBe(false);
		});

		it('keeps the templates of a deleted workshop, no longer tied to its code', async () => {
			await store.createWorkshop(workshop('ABC234'));
			await store.saveTemplate(template('egen-aaaaaaaaaa', 'ABC234'));
			await store.saveTemplate(template('egen-bbbbbbbbbb', 'XYZ789'));
			await store.deleteWorkshop('ABC234');
			expect(await store.getTemplate('egen-aaaaaaaaaa')).toMatchObject({ sourceCode: null, content: '{}' });
			expect((await store.getTemplate('egen-bbbbbbbbbb'))?.sourceCode).toBe('XYZ789');
		});
	});

	describe('settings', () => {
		it('stores a setting once: the first value stays and every later caller gets it back', async () => {
			expect(await store.getSetting('token-secret')).toBeNull();
			expect(await store.setSettingIfAbsent('token-secret', 'one')).toBe('one');
			expect(await store.setSettingIfAbsent('token-secret', 'two')).toBe('one');
			expect(await store.getSetting('token-secret')).toBe('one');
		});

		it('gives two instances setting one key at once the same value', async () => {
			const other = await db.open();
			for (let i = 0; i < 10; i++) {
				const [mine, theirs] = await Promise.all([store.setSettingIfAbsent(`k${i}`, 'mine'), other.setSettingIfAbsent(`k${i}`, 'theirs')]);
				expect(mine).toBe(theirs);
				expect(await other.getSetting(`k${i}`)).toBe(mine);
			}
		});

		it('keeps settings across a reopen', async () => {
			await store.setSettingIfAbsent('k', 'v');
			await store.close();
			expect(await (await db.open()).getSetting('k')).toBe('v');
		});

		it('answers ping while open, and not once closed', async () => {
			expect(await store.ping()).toBe(true);
			await store.close();
			expect(await store.ping()).toBe(false);
		});
	});
});
