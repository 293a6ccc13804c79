import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	endPhase,
	findTemplate,
	markPhaseEnded,
	markPhaseStarted,
	nextPhase,
	nextPhaseStep,
	phaseActionWords,
	readRunSheet,
	setAutoAdvance,
	setPhases,
	startPhase,
	WHOLE_BOARD,
	type Phase,
	type PhaseStep
} from '../../src/lib/board';

const T0 = 1_000_000;
const MIN = 60_000;
const THINK: Phase = { label: 'Individuellt', minutes: 5, individual: { scope: WHOLE_BOARD, anonymous: false }, revealAtEnd: true };
const VOTE: Phase = { label: 'Välj', minutes: 10, vote: { figures: [{ title: 'Fallgropar', label: '3 fallgropar', quota: 3 }] }, lockAtEnd: true };

function sheet(phases: Phase[]): Y.Doc {
	const doc = new Y.Doc();
	setPhases(doc, phases);
	return doc;
}

/** What the server does for a step, without the work itself: records it done. */
function settle(doc: Y.Doc, step: PhaseStep | null): void {
	if (step?.kind === 'start') markPhaseStarted(doc, step, null);
	else if (step?.kind === 'end') markPhaseEnded(doc, step);
}

describe('phase actions in the doc', () => {
	it('keeps what parses of each action and drops the rest, phase by phase', () => {
		const doc = new Y.Doc();
		doc.getMap('runsheet').set('phases', [
			{ label: 'A', minutes: 1, individual: { scope: '', anonymous: false }, vote: { figures: [] }, revealAtEnd: 1 },
			{ label: 'B', minutes: 1, vote: { figures: [{ title: 'X', label: 'x', quota: 3 }, { title: 'X', label: 'y', quota: 2 }] } },
			{ label: 'C', minutes: 1, vote: { figures: [{ title: 'X', label: 'x', quota: 11 }] }, lockAtEnd: 'ja' },
			{ ...THINK, individual: { ...THINK.individual, extra: '<script>' } }
		]);
		expect(readRunSheet(doc).phases).toEqual([
			{ label: 'A', minutes: 1 },
			{ label: 'B', minutes: 1 },
			{ label: 'C', minutes: 1 },
			THINK
		]);
	});

	it('says the actions in words, in the order they happen', () => {
		expect(phaseActionWords(THINK)).toEqual(['Fundera själv först, visar lapparna vid slutet']);
		expect(phaseActionWords(VOTE)).toEqual(['Röstning 3 prickar', 'Låser tavlorna']);
		expect(phaseActionWords({ individual: { scope: 'Fallgropar', anonymous: true } })).toEqual(['Fundera själv först i ”Fallgropar”, anonymt']);
		expect(phaseActionWords({ vote: { figures: [{ title: 'A', label: 'a', quota: 3 }, { title: 'B', label: 'b', quota: 1 }] } })).toEqual([
			'Röstning 3 + 1 prickar'
		]);
		expect(phaseActionWords({ label: 'Diskutera', minutes: 25 } as Phase)).toEqual([]);
	});

	it('the Lärlabb and Tre framgångsfaktorer templates run think-first, a vote and the lock by themselves', () => {
		expect(findTemplate('larlabb')!.runSheet.map(phaseActionWords)).toEqual([
			['Fundera själv först, visar lapparna vid slutet'],
			[],
			['Låser tavlorna']
		]);
		expect(findTemplate('framgangsfaktorer')!.runSheet.map(phaseActionWords)).toEqual([
			['Fundera själv först, visar lapparna vid slutet'],
			[],
			['Röstning 3 prickar'],
			['Låser tavlorna']
		]);
	});
});

describe('what the server has still to do (nextPhaseStep)', () => {
	it('starts a phase once, ends it once when moving on by hand, locking then since no timer did', () => {
		const doc = sheet([VOTE, THINK]);
		expect(nextPhaseStep(doc)).toBeNull();
		startPhase(doc, 0, T0);
		const start = nextPhaseStep(doc);
		expect(start).toEqual({ kind: 'start', run: 1, actions: { vote: VOTE.vote, lockAtEnd: true } });
		settle(doc, start);
		expect(nextPhaseStep(doc)).toBeNull();

		nextPhase(doc, T0 + MIN);
		const end = nextPhaseStep(doc);
		expect(end).toMatchObject({ kind: 'end', run: 1, lock: true });
		settle(doc, end);
		expect(nextPhaseStep(doc)).toMatchObject({ kind: 'start', run: 2 });
		settle(doc, nextPhaseStep(doc));
		expect(nextPhaseStep(doc)).toBeNull();
	});

	it('ends a phase whose time ran out, without locking again what the timer end locked', () => {
		const doc = sheet([VOTE]);
		startPhase(doc, 0, T0);
		settle(doc, nextPhaseStep(doc));
		expect(endPhase(doc, 1, T0 + 10 * MIN)).toBe(true);
		expect(nextPhaseStep(doc)).toMatchObject({ kind: 'end', run: 1, lock: false });
		settle(doc, nextPhaseStep(doc));
		expect(nextPhaseStep(doc)).toBeNull();
	});

	it('with "Gå vidare automatiskt" ends the phase before it starts the next', () => {
		const doc = sheet([THINK, VOTE]);
		setAutoAdvance(doc, true);
		startPhase(doc, 0, T0);
		settle(doc, nextPhaseStep(doc));
		endPhase(doc, 1, T0 + 5 * MIN);
		expect(nextPhaseStep(doc)).toMatchObject({ kind: 'end', run: 1, actions: { revealAtEnd: true } });
		settle(doc, nextPhaseStep(doc));
		expect(nextPhaseStep(doc)).toMatchObject({ kind: 'start', run: 2, actions: { vote: VOTE.vote } });
	});

	it('starts nothing for a phase that ended before the server ever acted on it (a workshop from before actions)', () => {
		const doc = sheet([{ ...THINK, minutes: 1 }]);
		startPhase(doc, 0, T0);
		endPhase(doc, 1, T0 + MIN);
		expect(nextPhaseStep(doc)).toBeNull();
	});
});
