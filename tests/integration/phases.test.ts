/**
 * Run-sheet phases end on the server (issue 3 §3, §6): with nobody connected but an observer, a
 * phase with lockAtEnd locks every board when its time is up and, with "Gå vidare automatiskt",
 * the next phase starts. Phases here are under a second (fractional minutes, see runsheet.ts).
 * A timer the run-sheet did not start never locks: tests/unit/runsheet.test.ts covers that.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
	adjustTimer,
	ALL_GROUPS,
	isBoardLocked,
	pauseTimer,
	readRunSheet,
	readTimer,
	setAutoAdvance,
	setPhases,
	startPhase,
	workshopRoom,
	type Phase
} from '../../src/lib/board';
import { PhaseService } from '../../server/workshops/phases';
import { connectClient, createWorkshop, startServer, waitFor, type TestServer, type TestWorkshop } from './helpers';

const SHORT = 0.8 / 60; // 800 ms in minutes
let server: TestServer;
let phases: PhaseService;
let w: TestWorkshop;

beforeEach(async () => {
	server = await startServer();
	phases = new PhaseService({ store: server.store, rooms: server.rooms, log: server.log });
	w = await createWorkshop(server, 2);
});
afterEach(async () => {
	await phases.close();
	await server.close();
});

/** The facilitator sets the run-sheet and starts its first phase, then goes offline. */
async function runOffline(sheet: Phase[], auto: boolean, start: (doc: Y.Doc) => void): Promise<void> {
	const facilitator = connectClient(server, workshopRoom(w.code), w.facilitatorToken);
	await facilitator.synced;
	setPhases(facilitator.doc, sheet);
	setAutoAdvance(facilitator.doc, auto);
	start(facilitator.doc);
	const run = readRunSheet(facilitator.doc).run;
	await waitFor(() => server.rooms.read(w.code, (doc) => readRunSheet(doc).run === run), { message: 'the start on the server' });
	facilitator.destroy();
}

async function observe() {
	const { token } = await w.participant('g1', 'Observatör');
	const observer = connectClient(server, workshopRoom(w.code), token);
	await observer.synced;
	return observer.doc;
}

describe('the end of a phase', () => {
	it('locks the boards and starts the next phase with the facilitator offline', async () => {
		const sheet = [
			{ label: 'Individuellt', minutes: SHORT, lockAtEnd: true },
			{ label: 'Diskutera', minutes: 25 }
		];
		await runOffline(sheet, true, (doc) => startPhase(doc, 0, Date.now()));
		const doc = await observe();
		expect(isBoardLocked(doc, 'g1')).toBe(false);
		await waitFor(() => readRunSheet(doc).index === 1, { timeout: 10_000, message: 'the next phase' });
		expect(isBoardLocked(doc, 'g1')).toBe(true);
		expect(isBoardLocked(doc, 'g2')).toBe(true);
		expect(readTimer(doc, ALL_GROUPS)).toMatchObject({ label: 'Diskutera', durationMs: 25 * 60_000 });
	});

	it('also ends a phase whose workshop room unloaded meanwhile, without advancing when auto is off', async () => {
		const sheet = [
			{ label: 'Sammanfatta', minutes: SHORT, lockAtEnd: true },
			{ label: 'Extra', minutes: 5 }
		];
		await runOffline(sheet, false, (doc) => startPhase(doc, 0, Date.now()));
		// Nobody is connected: each read loads the room and unloads it right after (unloadDelayMs 0).
		await waitFor(() => server.rooms.read(w.code, (doc) => isBoardLocked(doc, 'g1')), {
			timeout: 10_000,
			interval: 100,
			message: 'the lock'
		});
		expect(await server.rooms.read(w.code, (doc) => readRunSheet(doc).index)).toBe(0);
	});
});

describe('the stored phase end (what a restart resumes, tests/integration/restart.test.ts)', () => {
	it('follows the running phase: stored when it starts, moved by +1 min, removed by a pause', async () => {
		const facilitator = connectClient(server, workshopRoom(w.code), w.facilitatorToken);
		await facilitator.synced;
		setPhases(facilitator.doc, [{ label: 'Diskutera', minutes: 25 }]);
		startPhase(facilitator.doc, 0, Date.now());
		const run = readRunSheet(facilitator.doc).run;
		const endsAt = async () => (await server.store.listPhaseEnds()).find((e) => e.code === w.code && e.run === run)?.endsAt;
		await waitFor(async () => (await endsAt()) !== undefined, { message: 'the stored end' });
		const first = (await endsAt())!;
		adjustTimer(facilitator.doc, ALL_GROUPS, 60_000, Date.now());
		await waitFor(async () => (await endsAt()) === first + 60_000, { message: 'the end moved by a minute' });
		pauseTimer(facilitator.doc, ALL_GROUPS, Date.now());
		await waitFor(async () => (await server.store.listPhaseEnds()).length === 0, { message: 'no stored end while paused' });
	});
});
