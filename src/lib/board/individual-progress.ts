/**
 * How far the groups are in "Fundera själv först" (issue 10 §4), without showing a word of it.
 *
 *   private doc `<code>/private/<pid>`, map `status` (written by its owner):
 *     done   the startedAt of the individual phase this person marked themselves "Klar" in; 0 or
 *            absent when not. Tying it to the phase makes it reset by itself when a new one starts.
 *   workshop doc `<code>`, map `progress` (written by the server only: server/workshops/progress.ts):
 *     pid → { drafts, done }   the number of drafts in that person's private doc and their `done`
 *
 * Only counts leave the private doc: the server reads them there (nobody else can) and publishes
 * them in the workshop doc, which participants can read but never write (access.ts). The control
 * room adds them up per group with the participants' current groups.
 */
import * as Y from 'yjs';
import type { IndividualPhase } from './individual';
import type { WorkshopInfo } from './workshop';

export interface PersonProgress {
	drafts: number;
	/** The startedAt of the phase the person marked "Klar" in, or 0. */
	done: number;
}

export interface GroupProgress {
	drafts: number;
	done: number;
	people: number;
}

function statusMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('status');
}

function progressMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('progress');
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);

/** "Klar" (or, with false, not any more) in the phase that started at `startedAt`; the owner writes this. */
export function markDone(privateDoc: Y.Doc, startedAt: number, done: boolean, origin?: unknown): void {
	privateDoc.transact(() => statusMap(privateDoc).set('done', done ? startedAt : 0), origin);
}

/** Whether the owner marked themselves "Klar" in this phase. */
export function isDone(privateDoc: Y.Doc, phase: IndividualPhase | null): boolean {
	return !!phase?.active && count(statusMap(privateDoc).get('done')) === phase.startedAt;
}

/**
 * A private doc's counts. O(1): the size of the drafts map, not a walk over the drafts, because the
 * server asks on every keystroke in the doc. A hand-made client can put junk under `drafts` and so
 * raise its own count; it can never raise anyone else's.
 */
export function privateProgress(privateDoc: Y.Doc): PersonProgress {
	return { drafts: privateDoc.getMap('drafts').size, done: count(statusMap(privateDoc).get('done')) };
}

export function readPersonProgress(workshopDoc: Y.Doc, participantId: string): PersonProgress | null {
	const raw = progressMap(workshopDoc).get(participantId);
	if (typeof raw !== 'object' || raw === null) return null;
	const { drafts, done } = raw as Record<string, unknown>;
	return { drafts: count(drafts), done: count(done) };
}

/** The server publishes one person's counts; a no-op when they did not change (none read as zero). Returns whether it wrote. */
export function writePersonProgress(workshopDoc: Y.Doc, participantId: string, progress: PersonProgress, origin?: unknown): boolean {
	const now = readPersonProgress(workshopDoc, participantId) ?? { drafts: 0, done: 0 };
	if (now.drafts === progress.drafts && now.done === progress.done) return false;
	workshopDoc.transact(() => progressMap(workshopDoc).set(participantId, { drafts: progress.drafts, done: progress.done }), origin);
	return true;
}

/** groupId → drafts and "Klar" in the running phase, over the group's current members. */
export function groupProgress(workshopDoc: Y.Doc, info: WorkshopInfo, phase: IndividualPhase | null): Map<string, GroupProgress> {
	const groups = new Map<string, GroupProgress>(info.groups.map((g) => [g.id, { drafts: 0, done: 0, people: 0 }]));
	for (const person of info.participants) {
		const group = groups.get(person.groupId);
		if (!group) continue;
		const progress = readPersonProgress(workshopDoc, person.id);
		group.people += 1;
		group.drafts += progress?.drafts ?? 0;
		if (phase?.active && progress?.done === phase.startedAt) group.done += 1;
	}
	return groups;
}
