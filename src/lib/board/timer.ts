/**
 * Timers in the workshop document: `timers` maps a scope ('all', or a group id) to a Y.Map
 *   { label, durationMs, startedAt (server ms, or null while paused), elapsedMs }
 * Times are the SERVER's clock: writers pass serverNow() and readers compute the remaining time
 * with their own estimate of it, so clients with skewed clocks show the same time.
 * A group's own timer, when there is one, wins over the one for all groups.
 */
import * as Y from 'yjs';

export const ALL_GROUPS = 'all';

export interface Timer {
	scope: string;
	label: string;
	durationMs: number;
	/** Server time the timer was last started or resumed; null while paused. */
	startedAt: number | null;
	/** Time run before the last start (what pausing banks). */
	elapsedMs: number;
}

function timers(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('timers') as Y.Map<Y.Map<unknown>>;
}

export function startTimer(doc: Y.Doc, scope: string, durationMs: number, label: string, serverNow: number, origin?: unknown): void {
	doc.transact(() => {
		const t = new Y.Map<unknown>();
		t.set('label', label);
		t.set('durationMs', Math.max(0, Math.round(durationMs)));
		t.set('startedAt', serverNow);
		t.set('elapsedMs', 0);
		timers(doc).set(scope, t);
	}, origin);
}

export function pauseTimer(doc: Y.Doc, scope: string, serverNow: number, origin?: unknown): void {
	const t = timers(doc).get(scope);
	const startedAt = t?.get('startedAt');
	if (!t || typeof startedAt !== 'number') return;
	doc.transact(() => {
		t.set('elapsedMs', (t.get('elapsedMs') as number) + Math.max(0, serverNow - startedAt));
		t.set('startedAt', null);
	}, origin);
}

export function resumeTimer(doc: Y.Doc, scope: string, serverNow: number, origin?: unknown): void {
	const t = timers(doc).get(scope);
	if (!t || t.get('startedAt') !== null) return;
	doc.transact(() => t.set('startedAt', serverNow), origin);
}

/** Adds (or with a negative delta removes) time; never below what has already run. */
export function adjustTimer(doc: Y.Doc, scope: string, deltaMs: number, serverNow: number, origin?: unknown): void {
	const timer = readTimer(doc, scope);
	const t = timers(doc).get(scope);
	if (!timer || !t) return;
	const ran = timer.durationMs - remainingMs(timer, serverNow);
	doc.transact(() => t.set('durationMs', Math.max(ran, timer.durationMs + deltaMs)), origin);
}

export function clearTimer(doc: Y.Doc, scope: string, origin?: unknown): void {
	if (timers(doc).has(scope)) doc.transact(() => timers(doc).delete(scope), origin);
}

export function readTimer(doc: Y.Doc, scope: string): Timer | null {
	const t = timers(doc).get(scope);
	if (!(t instanceof Y.Map)) return null;
	const startedAt = t.get('startedAt');
	return {
		scope,
		label: String(t.get('label') ?? ''),
		durationMs: Number(t.get('durationMs') ?? 0),
		startedAt: typeof startedAt === 'number' ? startedAt : null,
		elapsedMs: Number(t.get('elapsedMs') ?? 0)
	};
}

/** The timer a group sees: its own if the facilitator set one, else the one for all groups. */
export function timerForGroup(doc: Y.Doc, groupId: string): Timer | null {
	return readTimer(doc, groupId) ?? readTimer(doc, ALL_GROUPS);
}

export function remainingMs(timer: Timer, serverNow: number): number {
	const running = timer.startedAt === null ? 0 : Math.max(0, serverNow - timer.startedAt);
	return Math.max(0, timer.durationMs - timer.elapsedMs - running);
}

/** "12:05" for a person; rounds up so that 0:00 shows only when time is really up. */
export function formatRemaining(ms: number): string {
	const total = Math.ceil(ms / 1000);
	const m = Math.floor(total / 60);
	const s = total % 60;
	return `${m}:${String(s).padStart(2, '0')}`;
}
