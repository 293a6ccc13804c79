/**
 * A server restart does not lose work that was due: the whole server (createVerkstad, as
 * server/index.ts builds it) is closed cleanly and a new one opened on the same DATA_DIR, and
 * nobody connects to the new one. Everything is read from the new server's store, never through
 * its rooms: loading a workshop would itself schedule its phase end and hide the bug.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addDraft,
	addNote,
	boardRoom,
	isBoardLocked,
	nextPhaseStep,
	privateRoom,
	readDrafts,
	readIndividual,
	readNotes,
	readRunSheet,
	setAutoAdvance,
	setPhases,
	startPhase,
	WHOLE_BOARD,
	workshopRoom
} from '../../src/lib/board';
import { createVerkstad, type Verkstad } from '../../server/app';
import type { DocStore } from '../../server/store/doc-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import { tempDir, testConfig, waitFor } from './helpers';

const author = { id: 'pA', name: 'Anna', organisation: 'Region Test' };
const servers: Verkstad[] = [];
const dirs: string[] = [];

afterEach(async () => {
	for (const server of servers.splice(0)) await server.close();
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(dataDir: string, snapshotIntervalMs: number): Promise<Verkstad> {
	const config = testConfig({ dataDir, snapshotIntervalMs });
	const server = await createVerkstad(config);
	servers.push(server);
	return server;
}

async function restart(server: Verkstad, snapshotIntervalMs: number): Promise<Verkstad> {
	await server.close();
	return open(server.config.dataDir, snapshotIntervalMs);
}

/** The doc as stored, read without loading its room. */
async function stored(store: DocStore, room: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	for (const update of (await store.loadDoc(room)).updates) Y.applyUpdate(doc, update);
	return doc;
}

async function newServer(snapshotIntervalMs: number) {
	const dataDir = tempDir();
	dirs.push(dataDir);
	const server = await open(dataDir, snapshotIntervalMs);
	const { code } = await server.workshops.create({ title: 'Omstart', template: 'blank', groups: 2 });
	return { server, code };
}

const HOUR_MS = 60 * 60_000;

describe('after a restart, with nobody connected', () => {
	it('ends a phase that was running: the boards lock, the next phase starts and a phase snapshot is kept', async () => {
		const { server: before, code } = await newServer(HOUR_MS);
		const sheet = [
			// Long enough to outlast the clean close below, short enough to wait for.
			{ label: 'Individuellt', minutes: 3 / 60, lockAtEnd: true },
			{ label: 'Diskutera', minutes: 25 }
		];
		await before.rooms.update(workshopRoom(code), (doc) => {
			setPhases(doc, sheet);
			setAutoAdvance(doc, true);
			startPhase(doc, 0, Date.now());
		});
		const after = await restart(before, HOUR_MS);
		const atRestart = await stored(after.store, workshopRoom(code));
		const run = readRunSheet(atRestart).run;
		// The test means something only if the old server did not end the phase itself.
		expect(readRunSheet(atRestart).ended).not.toBe(run);
		expect(isBoardLocked(atRestart, 'g1')).toBe(false);

		const phaseSnapshots = async (group: string) =>
			(await after.store.listSnapshots(boardRoom(code, group))).filter((s) => s.reason === 'phase').length;
		await waitFor(
			async () => {
				const doc = await stored(after.store, workshopRoom(code));
				return readRunSheet(doc).ended === run && (await phaseSnapshots('g1')) === 1 && (await phaseSnapshots('g2')) === 1;
			},
			{ timeout: 15_000, interval: 100, message: 'the phase end and its snapshots on the restarted server' }
		);
		const doc = await stored(after.store, workshopRoom(code));
		expect(isBoardLocked(doc, 'g1')).toBe(true);
		expect(isBoardLocked(doc, 'g2')).toBe(true);
		expect(readRunSheet(doc).index).toBe(1);
		// The next phase's end is what is pending now.
		expect(await after.store.listPhaseEnds()).toEqual([expect.objectContaining({ code, run: readRunSheet(doc).run })]);
	});

	it('ends at once a phase that ran out while the server was down', async () => {
		const { server: before, code } = await newServer(HOUR_MS);
		await before.close();
		// Written as a server stopped in the middle of a 5-minute phase, ten minutes ago, left it.
		const store = new SqliteStore(path.join(before.config.dataDir, 'verkstad.db'));
		const doc = await stored(store, workshopRoom(code));
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		const startedAt = Date.now() - 10 * 60_000;
		setPhases(doc, [{ label: 'Individuellt', minutes: 5, lockAtEnd: true }]);
		startPhase(doc, 0, startedAt);
		for (const update of updates) await store.appendUpdate(workshopRoom(code), update);
		const run = readRunSheet(doc).run;
		await store.setPhaseEnd(code, { run, endsAt: startedAt + 5 * 60_000 });
		await store.close();

		const after = await open(before.config.dataDir, HOUR_MS);
		await waitFor(async () => readRunSheet(await stored(after.store, workshopRoom(code))).ended === run, {
			timeout: 10_000,
			interval: 50,
			message: 'the overdue phase ended'
		});
		expect(isBoardLocked(await stored(after.store, workshopRoom(code)), 'g1')).toBe(true);
		await waitFor(async () => (await after.store.listPhaseEnds()).length === 0, { message: 'nothing left pending' });
	});

	it('carries out a phase’s end actions once: the draft revealed, the start not repeated', async () => {
		const { server: before, code } = await newServer(HOUR_MS);
		const { participantId } = await before.workshops.join(code, { name: 'Anna', organisation: 'Region Test', groupId: 'g1' });
		await before.rooms.update(privateRoom(code, participantId), (doc) => {
			addDraft(doc, { figureTitle: 'Vad vill ni diskutera?', x: 20, y: 100, text: 'Tänkt före omstarten' });
		});
		await before.rooms.update(workshopRoom(code), (doc) => {
			setPhases(doc, [
				// Long enough to outlast the clean close below, short enough to wait for.
				{ label: 'Individuellt', minutes: 3 / 60, individual: { scope: WHOLE_BOARD, anonymous: false }, revealAtEnd: true },
				{ label: 'Diskutera', minutes: 25 }
			]);
			setAutoAdvance(doc, true);
			startPhase(doc, 0, Date.now());
		});
		await waitFor(() => before.rooms.read(workshopRoom(code), (doc) => readIndividual(doc)?.active === true), {
			message: 'think-first started before the restart'
		});
		const after = await restart(before, HOUR_MS);
		const startedAt = readIndividual(await stored(after.store, workshopRoom(code)))!.startedAt;
		expect(readNotes(await stored(after.store, boardRoom(code, 'g1')))).toEqual([]);

		await waitFor(
			async () => {
				const doc = await stored(after.store, workshopRoom(code));
				return readRunSheet(doc).index === 1 && nextPhaseStep(doc) === null;
			},
			{ timeout: 15_000, interval: 100, message: 'the end actions and the next start on the restarted server' }
		);
		expect(readNotes(await stored(after.store, boardRoom(code, 'g1'))).map((n) => n.text)).toEqual(['Tänkt före omstarten']);
		expect(readDrafts(await stored(after.store, privateRoom(code, participantId)))).toEqual([]);
		// Loading the workshop again did not start think-first again: it is the same phase, ended.
		expect(readIndividual(await stored(after.store, workshopRoom(code)))).toMatchObject({ active: false, startedAt });
	});

	it('snapshots a board edited just before the restart on the first interval after it, and only that board', async () => {
		const { server: before, code } = await newServer(HOUR_MS);
		const g1 = boardRoom(code, 'g1');
		const g2 = boardRoom(code, 'g2');
		// Both boards were filled at creation: snapshot them, so that only the edit below is new.
		expect((await before.history.snapshotChanged()).sort()).toEqual([g1, g2].sort());
		await before.rooms.update(g1, (doc) => void addNote(doc, { x: 10, y: 10, text: 'Före omstarten' }, author));

		const after = await restart(before, 100);
		const hasNote = async () => {
			const latest = (await after.store.listSnapshots(g1))[0]!;
			const snapshot = await after.store.getSnapshot(g1, latest.id);
			const doc = new Y.Doc();
			Y.applyUpdate(doc, snapshot!.state);
			return readNotes(doc).some((n) => n.text === 'Före omstarten');
		};
		expect(await hasNote()).toBe(false);
		await waitFor(hasNote, { timeout: 10_000, interval: 50, message: 'an interval snapshot with the note' });
		// The snapshot unmarked the board; a later close leaves nothing due and g2 was not copied again.
		const file = after.config.dataDir;
		await after.close();
		const reopened = await open(file, HOUR_MS);
		expect(await reopened.store.listSnapshots(g2)).toHaveLength(1);
		expect((await reopened.store.listSnapshots(g1)).map((s) => s.reason)).toEqual(['interval', 'interval']);
		expect(await reopened.store.listHistoryDue()).toEqual([]);
	});
});
