import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ALL_GROUPS,
	currentPhaseTimer,
	endPhase,
	findTemplate,
	isBoardLocked,
	nextPhase,
	pauseTimer,
	pendingPhaseEnd,
	readRunSheet,
	readTimer,
	setAutoAdvance,
	setPhases,
	startPhase,
	startTimer,
	type Phase
} from '../../src/lib/board';

const PHASES: Phase[] = [
	{ label: 'Individuellt', minutes: 5 },
	{ label: 'Diskutera', minutes: 25 },
	{ label: 'Sammanfatta', minutes: 10, lockAtEnd: true }
];
const T0 = 1_000_000;
const MIN = 60_000;

function sheet(phases: Phase[] = PHASES): Y.Doc {
	const doc = new Y.Doc();
	setPhases(doc, phases);
	return doc;
}

describe('the run-sheet', () => {
	it('reads the phases before any start, and drops what is not a phase', () => {
		const doc = sheet([...PHASES, { label: 'Noll', minutes: 0 }, { label: 3 } as unknown as Phase]);
		expect(readRunSheet(doc)).toEqual({ phases: PHASES, index: -1, auto: false, run: 0, ended: 0 });
		expect(readRunSheet(new Y.Doc()).phases).toEqual([]);
	});

	it("Lärlabb's template has the seed's phases; the blank one has one", () => {
		expect(findTemplate('larlabb')?.runSheet.map((p) => `${p.label} ${p.minutes}`)).toEqual([
			'Individuellt 5',
			'Diskutera 25',
			'Sammanfatta 10'
		]);
		expect(findTemplate('blank')?.runSheet).toEqual([{ label: 'Arbeta', minutes: 15 }]);
	});

	it("starts a phase as the all-groups timer with the phase's label and time", () => {
		const doc = sheet();
		expect(startPhase(doc, 1, T0)).toBe(true);
		expect(readTimer(doc, ALL_GROUPS)).toMatchObject({ label: 'Diskutera', durationMs: 25 * MIN, startedAt: T0 });
		expect(readRunSheet(doc)).toMatchObject({ index: 1, run: 1 });
		expect(currentPhaseTimer(doc)).toMatchObject({ index: 1, run: 1, phase: PHASES[1] });
		expect(startPhase(doc, 3, T0)).toBe(false);
	});

	it('"Nästa fas" starts the first phase, then each next, and stops after the last', () => {
		const doc = sheet();
		const labels: string[] = [];
		while (nextPhase(doc, T0)) labels.push(readTimer(doc, ALL_GROUPS)!.label);
		expect(labels).toEqual(['Individuellt', 'Diskutera', 'Sammanfatta']);
		expect(readRunSheet(doc).index).toBe(2);
	});

	it('is no longer the phase when the facilitator starts another timer or stops it', () => {
		const doc = sheet();
		startPhase(doc, 0, T0);
		startTimer(doc, ALL_GROUPS, 5 * MIN, '5 minuter', T0);
		expect(currentPhaseTimer(doc)).toBeNull();
		expect(pendingPhaseEnd(doc, T0)).toBeNull();
	});

	it('is due at the end of a running phase, not while paused', () => {
		const doc = sheet();
		startPhase(doc, 0, T0);
		expect(pendingPhaseEnd(doc, T0 + MIN)).toEqual({ run: 1, inMs: 4 * MIN });
		pauseTimer(doc, ALL_GROUPS, T0 + MIN);
		expect(pendingPhaseEnd(doc, T0 + 2 * MIN)).toBeNull();
	});
});

describe('the end of a phase', () => {
	it('does nothing before the time is up, or for another run', () => {
		const doc = sheet();
		setAutoAdvance(doc, true);
		startPhase(doc, 0, T0);
		expect(endPhase(doc, 1, T0 + 4 * MIN)).toBe(false);
		expect(endPhase(doc, 2, T0 + 5 * MIN)).toBe(false);
		expect(readRunSheet(doc).index).toBe(0);
	});

	it('locks every board at the end of a lockAtEnd phase, once', () => {
		const doc = sheet();
		startPhase(doc, 2, T0);
		expect(endPhase(doc, 1, T0 + 10 * MIN)).toBe(true);
		expect(isBoardLocked(doc, 'g1')).toBe(true);
		expect(pendingPhaseEnd(doc, T0 + 10 * MIN)).toBeNull();
		// An unlock by hand afterwards stays: the end is handled.
		doc.getMap('locks').delete(ALL_GROUPS);
		expect(endPhase(doc, 1, T0 + 11 * MIN)).toBe(false);
		expect(isBoardLocked(doc, 'g1')).toBe(false);
	});

	it('starts the next phase by itself when auto is on, and not otherwise', () => {
		const manual = sheet();
		startPhase(manual, 0, T0);
		expect(endPhase(manual, 1, T0 + 5 * MIN)).toBe(true);
		expect(readRunSheet(manual).index).toBe(0);
		expect(isBoardLocked(manual, 'g1')).toBe(false);

		const auto = sheet();
		setAutoAdvance(auto, true);
		startPhase(auto, 0, T0);
		expect(endPhase(auto, 1, T0 + 5 * MIN)).toBe(true);
		expect(readRunSheet(auto)).toMatchObject({ index: 1, run: 2, ended: 1 });
		expect(readTimer(auto, ALL_GROUPS)).toMatchObject({ label: 'Diskutera', startedAt: T0 + 5 * MIN });
		expect(pendingPhaseEnd(auto, T0 + 5 * MIN)).toEqual({ run: 2, inMs: 25 * MIN });
	});
});
