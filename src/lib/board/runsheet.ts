/**
 * The run-sheet (issue 3 §3): the phases of an exercise, e.g. "Individuellt 5 min → Diskutera
 * 25 min → Sammanfatta 10 min", in the workshop doc's top-level map `runsheet`:
 *   phases  Phase[] as one plain value (copied from the template at creation, or replaced whole
 *           by the facilitator; a list this short gains nothing from per-item CRDT edits)
 *   index   the current phase, -1 before the first start
 *   auto    start the next phase by itself when the current one's time is up
 *   run     bumped on every phase start; the all-groups timer started for it carries the same
 *           number under its own key `run`. The timer is the phase's only while the numbers
 *           match: a preset started or the timer stopped by hand breaks the link, so the
 *           server never locks or advances on a timer the run-sheet did not start.
 *   ended   the run whose end the server has already handled, so that a later change to the
 *           doc (a chat message, an unlock by hand) never repeats the lock or the advance.
 *   acted   written by the server only: { run, actions, voteId, ended } of the last phase whose
 *           START actions it carried out (phase-actions.ts), and whether it has carried out that
 *           phase's END actions. Kept in the doc, so each happens once, also across a restart:
 *           nextPhaseStep compares it with `run` and `ended` to say what is still due.
 * Durations: `minutes` may be fractional (tests run phases of under a second).
 * The server (server/workshops/phases.ts) ends phases; these ops are pure and shared with the UI.
 */
import * as Y from 'yjs';
import { lockKey, setLock } from './locks';
import { parsePhaseActions, phaseActionsOf, type PhaseActions } from './phase-actions';
import { ALL_GROUPS, readTimer, remainingMs, startTimer, type Timer } from './timer';

/** A phase: its timer, and what happens at its start and end (phase-actions.ts). */
export interface Phase extends PhaseActions {
	label: string;
	minutes: number;
}

export interface RunSheet {
	phases: Phase[];
	/** The current phase; -1 before the first start. */
	index: number;
	auto: boolean;
	run: number;
	ended: number;
}

/** setTimeout may fire a moment before the server clock reaches the end; this much counts as ended. */
export const PHASE_END_SLACK_MS = 50;

const MINUTE_MS = 60_000;

function runsheetMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('runsheet');
}

function timerMap(doc: Y.Doc): Y.Map<unknown> | undefined {
	const t = (doc.getMap('timers') as Y.Map<unknown>).get(ALL_GROUPS);
	return t instanceof Y.Map ? t : undefined;
}

/** Drops what is not a phase: the doc is also written by hand-made clients. */
function parsePhases(value: unknown): Phase[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((p): Phase[] => {
		if (typeof p !== 'object' || p === null) return [];
		const { label, minutes } = p as Record<string, unknown>;
		if (typeof label !== 'string' || typeof minutes !== 'number' || !(minutes > 0)) return [];
		return [{ label, minutes, ...parsePhaseActions(p as Record<string, unknown>) }];
	});
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export function readRunSheet(doc: Y.Doc): RunSheet {
	const map = runsheetMap(doc);
	const phases = parsePhases(map.get('phases'));
	const index = num(map.get('index'), -1);
	return {
		phases,
		index: index >= 0 && index < phases.length ? index : -1,
		auto: map.get('auto') === true,
		run: num(map.get('run'), 0),
		ended: num(map.get('ended'), 0)
	};
}

/** Replaces the phases and starts over from before the first one (the timer is left alone). */
export function setPhases(doc: Y.Doc, phases: readonly Phase[], origin?: unknown): void {
	const map = runsheetMap(doc);
	doc.transact(() => {
		map.set('phases', parsePhases(phases.map((p) => ({ ...p }))));
		map.set('index', -1);
	}, origin);
}

export function setAutoAdvance(doc: Y.Doc, auto: boolean, origin?: unknown): void {
	doc.transact(() => runsheetMap(doc).set('auto', auto), origin);
}

/** Starts phase i: the all-groups timer with the phase's label and time, linked to this run. */
export function startPhase(doc: Y.Doc, index: number, serverNow: number, origin?: unknown): boolean {
	const sheet = readRunSheet(doc);
	const phase = sheet.phases[index];
	if (!phase) return false;
	const run = sheet.run + 1;
	doc.transact(() => {
		startTimer(doc, ALL_GROUPS, phase.minutes * MINUTE_MS, phase.label, serverNow, origin);
		timerMap(doc)?.set('run', run);
		const map = runsheetMap(doc);
		map.set('index', index);
		map.set('run', run);
	}, origin);
	return true;
}

/** "Nästa fas": the phase after the current one (the first before any); false after the last. */
export function nextPhase(doc: Y.Doc, serverNow: number, origin?: unknown): boolean {
	return startPhase(doc, readRunSheet(doc).index + 1, serverNow, origin);
}

/** The all-groups timer while it is the current phase's, with that phase; else null. */
export function currentPhaseTimer(doc: Y.Doc): { timer: Timer; phase: Phase; index: number; run: number } | null {
	const sheet = readRunSheet(doc);
	const timer = readTimer(doc, ALL_GROUPS);
	const phase = sheet.phases[sheet.index];
	if (!timer || !phase || sheet.run === 0 || timerMap(doc)?.get('run') !== sheet.run) return null;
	return { timer, phase, index: sheet.index, run: sheet.run };
}

/** When the server must look again: the running phase's run and time left; null if nothing is due. */
export function pendingPhaseEnd(doc: Y.Doc, serverNow: number): { run: number; inMs: number } | null {
	const current = currentPhaseTimer(doc);
	if (!current || current.timer.startedAt === null || readRunSheet(doc).ended === current.run) return null;
	return { run: current.run, inMs: remainingMs(current.timer, serverNow) };
}

/**
 * Ends the phase of `run` if its time is up and its end is not handled yet: locks every board when
 * the phase says so, then starts the next phase when `auto` is on. Returns whether it did.
 */
export function endPhase(doc: Y.Doc, run: number, serverNow: number, origin?: unknown): boolean {
	const current = currentPhaseTimer(doc);
	const sheet = readRunSheet(doc);
	if (!current || current.run !== run || sheet.ended === run) return false;
	if (current.timer.startedAt === null || remainingMs(current.timer, serverNow) > PHASE_END_SLACK_MS) return false;
	doc.transact(() => {
		runsheetMap(doc).set('ended', run);
		if (current.phase.lockAtEnd) setLock(doc, lockKey(), true, origin);
		if (sheet.auto) startPhase(doc, current.index + 1, serverNow, origin);
	}, origin);
	return true;
}

/** The server's record of the phase whose actions it carried out (header: `acted`). */
export interface Acted {
	run: number;
	actions: PhaseActions;
	/** The vote this phase opened, so that its end closes that one and not a later one opened by hand. */
	voteId: string | null;
	ended: boolean;
}

function readActed(doc: Y.Doc): Acted | null {
	const raw = runsheetMap(doc).get('acted');
	if (typeof raw !== 'object' || raw === null) return null;
	const { run, actions, voteId, ended } = raw as Record<string, unknown>;
	if (typeof run !== 'number' || !Number.isFinite(run)) return null;
	return {
		run,
		actions: typeof actions === 'object' && actions !== null ? parsePhaseActions(actions as Record<string, unknown>) : {},
		voteId: typeof voteId === 'string' ? voteId : null,
		ended: ended === true
	};
}

/** What the server still has to do for the run-sheet, one step at a time; null when nothing is due. */
export type PhaseStep =
	/** The end actions of the acted phase: its time ran out, or the facilitator moved on. */
	| { kind: 'end'; run: number; actions: PhaseActions; voteId: string | null; lock: boolean }
	/** The start actions of the phase running now. */
	| { kind: 'start'; run: number; actions: PhaseActions };

/** Asked on every change of a workshop doc (chat included): the phases are parsed only when a start is due. */
export function nextPhaseStep(doc: Y.Doc): PhaseStep | null {
	const map = runsheetMap(doc);
	const run = num(map.get('run'), 0);
	const ended = num(map.get('ended'), 0);
	const acted = readActed(doc);
	if (acted && !acted.ended && (run > acted.run || ended === acted.run)) {
		// endPhase locks in its own transaction when the time runs out; moving on by hand does not.
		const lock = acted.actions.lockAtEnd === true && ended !== acted.run;
		return { kind: 'end', run: acted.run, actions: acted.actions, voteId: acted.voteId, lock };
	}
	// An ended phase that was never acted on (a workshop from before actions) starts nothing any more.
	if (run <= (acted?.run ?? 0) || ended === run) return null;
	const sheet = readRunSheet(doc);
	const phase = sheet.phases[sheet.index];
	return phase ? { kind: 'start', run, actions: phaseActionsOf(phase) } : null;
}

/** Records the start actions of `run` as done (the server, after carrying them out). */
export function markPhaseStarted(doc: Y.Doc, step: { run: number; actions: PhaseActions }, voteId: string | null, origin?: unknown): void {
	const acted: Acted = { run: step.run, actions: step.actions, voteId, ended: false };
	doc.transact(() => runsheetMap(doc).set('acted', acted), origin);
}

/** Records the end actions of `run` as done, locking the boards in the same change when the step says so. */
export function markPhaseEnded(doc: Y.Doc, step: Extract<PhaseStep, { kind: 'end' }>, origin?: unknown): void {
	const acted = readActed(doc);
	if (!acted || acted.run !== step.run || acted.ended) return;
	doc.transact(() => {
		if (step.lock) setLock(doc, lockKey(), true, origin);
		runsheetMap(doc).set('acted', { ...acted, ended: true });
	}, origin);
}
