/**
 * The facilitator's edits to the compiled summary ("Sammanställning", compile.ts), kept in the
 * facilitator's own document (room `<code>/facilitator`, which only the facilitator opens and
 * only the facilitator and the server write) in one top-level map:
 *   summary : '<field>:<itemKey>' → value
 *     itemKey      JSON `["<question title>","<mergeKey of the text>"]`: one item of compileSummary,
 *                  stable for as long as some note in that question says the same thing
 *     text:<key>   string    the facilitator's wording (absent: the notes' own)
 *     drop:<key>   true      left out of the summary and listed under "Borttagna" (absent: kept)
 *     into:<key>   itemKey   merged into that item of the same question, which gets its notes' credits
 *     rank:<key>   number    place within the question; unranked items follow the ranked ones, in
 *                            reading order, so notes written after the facilitator ordered a
 *                            question come at its end
 *     theme:<key>  true      an accepted theme ("Teman", theme-choices.ts): `text` is its title and
 *                            the item and those merged into it are its points
 *     apart:<pair> true      two items the facilitator keeps out of one suggested theme (theme-choices.ts)
 * Every key quotes a note (lower-cased), so the map must never be where a participant reads: the
 * groups may be private from each other. It was once kept in the workshop doc (room `<code>`, read
 * by everyone); the server moves such a legacy map out when it finds one (server/workshops/
 * summary-move.ts, with the helpers at the end of this file).
 * Flat keys rather than one Y.Map per item: two tabs that touch an item for the first time at once
 * would each create that item's map, and one map, with its edit, would be lost.
 *
 * The edits are applied to compileSummary's output on every read (applySummaryEdits), so the
 * summary stays live while groups write: an item whose notes are gone (deleted, or reworded into
 * another item) drops out and its edits wait, ignored, in case the text comes back.
 */
import * as Y from 'yjs';
import { mergeItemVotes, mergeKey, totalVotes, type CompiledItem, type CompiledQuestion } from './compile';
import { NOTE_TEXT_MAX } from './limits';

export interface ItemEdits {
	text?: string;
	drop?: true;
	into?: string;
	rank?: number;
	theme?: true;
}

/** itemKey → that item's edits. */
export type SummaryEdits = ReadonlyMap<string, ItemEdits>;

export interface SummaryItem extends CompiledItem {
	key: string;
	/** The notes' own wording, which `text` replaces when the facilitator has edited it. */
	original: string;
	edited: boolean;
	/**
	 * Items merged into this one, in reading order. Their notes count in `count`, and their groups
	 * and organisations follow this item's own in `groups` and `organisations`.
	 */
	merged: { key: string; text: string }[];
	/** True for an accepted theme: `text` is its title, `points` its points. */
	theme: boolean;
}

/** A question of the edited summary; structurally a CompiledQuestion, so the exporters take it. */
export interface SummaryQuestion extends CompiledQuestion {
	items: SummaryItem[];
	/** Items the facilitator took out, in their places' order, to bring back. */
	dropped: SummaryItem[];
}

type Field = keyof ItemEdits;
const FIELDS: readonly Field[] = ['text', 'drop', 'into', 'rank', 'theme'];

const SUMMARY_MAP = 'summary';

function summaryMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(SUMMARY_MAP);
}

export const summaryEntry = (field: Field | 'apart', key: string) => `${field}:${key}`;

export function summaryItemKey(questionTitle: string, text: string): string {
	return JSON.stringify([questionTitle.trim(), mergeKey(text)]);
}

/** True for a string that summaryItemKey could have made: a JSON pair of strings. */
export function isSummaryItemKey(key: string): boolean {
	try {
		const parsed: unknown = JSON.parse(key);
		return Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === 'string');
	} catch {
		return false;
	}
}

export function readSummaryEdits(doc: Y.Doc): SummaryEdits {
	const edits = new Map<string, ItemEdits>();
	summaryMap(doc).forEach((value, name) => {
		const colon = name.indexOf(':');
		const field = name.slice(0, colon) as Field;
		if (colon < 0 || !FIELDS.includes(field)) return;
		const key = name.slice(colon + 1);
		const item = edits.get(key) ?? {};
		if (field === 'text' && typeof value === 'string' && value) item.text = value;
		else if (field === 'drop' && value === true) item.drop = true;
		else if (field === 'into' && typeof value === 'string' && value !== key) item.into = value;
		else if (field === 'rank' && typeof value === 'number' && Number.isFinite(value)) item.rank = value;
		else if (field === 'theme' && value === true) item.theme = true;
		else return;
		edits.set(key, item);
	});
	return edits;
}

/** Sets (or, for undefined, deletes) entries of the summary map in one transaction; unchanged ones are not written. */
export function writeSummaryEntries(doc: Y.Doc, changes: [name: string, value: unknown][], origin: unknown): void {
	const map = summaryMap(doc);
	const needed = changes.filter(([name, value]) => (value === undefined ? map.has(name) : map.get(name) !== value));
	if (!needed.length) return;
	doc.transact(() => {
		for (const [name, value] of needed) {
			if (value === undefined) map.delete(name);
			else map.set(name, value);
		}
	}, origin);
}

/** Writes a whole set of edits (a workshop file's, on import) into a doc that has none. */
export function writeSummaryEdits(doc: Y.Doc, edits: SummaryEdits, origin?: unknown): void {
	const changes: [string, unknown][] = [];
	for (const [key, item] of edits) for (const field of FIELDS) if (item[field] !== undefined) changes.push([summaryEntry(field, key), item[field]]);
	writeSummaryEntries(doc, changes, origin);
}

/** The facilitator's wording for an item; empty text, or the notes' own, brings theirs back. */
export function setSummaryText(doc: Y.Doc, key: string, text: string, original: string, origin?: unknown): void {
	const wording = text.trim().slice(0, NOTE_TEXT_MAX);
	writeSummaryEntries(doc, [[summaryEntry('text', key), wording && wording !== original.trim() ? wording : undefined]], origin);
}

export function setSummaryDropped(doc: Y.Doc, key: string, dropped: boolean, origin?: unknown): void {
	writeSummaryEntries(doc, [[summaryEntry('drop', key), dropped ? true : undefined]], origin);
}

/** Merges item `key` into `intoKey` (same question): `intoKey` keeps its text, credits combine. */
export function mergeSummaryItem(doc: Y.Doc, key: string, intoKey: string, origin?: unknown): void {
	if (key !== intoKey) writeSummaryEntries(doc, [[summaryEntry('into', key), intoKey]], origin);
}

/** Takes a merged item out again, as an item of its own. */
export function separateSummaryItem(doc: Y.Doc, key: string, origin?: unknown): void {
	writeSummaryEntries(doc, [[summaryEntry('into', key), undefined]], origin);
}

/**
 * Moves `key` to `toIndex` in `order` (the question's items as shown) and ranks the whole
 * question, so the order holds as it stands even for items that had no rank.
 */
export function moveSummaryItem(doc: Y.Doc, order: readonly string[], key: string, toIndex: number, origin?: unknown): void {
	const from = order.indexOf(key);
	if (from < 0) return;
	const next = order.filter((k) => k !== key);
	next.splice(Math.max(0, Math.min(toIndex, next.length)), 0, key);
	writeSummaryEntries(doc, next.map((k, rank): [string, unknown] => [summaryEntry('rank', k), rank]), origin);
}

/**
 * The item an item counts in: follow `into` while it leads to an item present in the question.
 * Two tabs may merge A into B and B into A at once; in such a cycle the smallest key leads, so
 * every peer reads the same summary.
 */
function leaderOf(key: string, present: Set<string>, edits: SummaryEdits): string {
	const path: string[] = [];
	for (let current = key; ; ) {
		const seen = path.indexOf(current);
		if (seen >= 0) return path.slice(seen).sort()[0]!;
		path.push(current);
		const next = edits.get(current)?.into;
		if (next === undefined || !present.has(next)) return current;
		current = next;
	}
}

function union(lists: string[][]): string[] {
	return [...new Set(lists.flat())];
}

type Placed = { item: CompiledItem; rank?: number; index: number };

/** Ranked items first, by rank; then the rest by votes (merged items add theirs), then in compileSummary's order. */
function byPlace(a: Placed, b: Placed): number {
	if (a.rank !== b.rank) return a.rank === undefined ? 1 : b.rank === undefined ? -1 : a.rank - b.rank;
	return totalVotes(b.item) - totalVotes(a.item) || a.index - b.index;
}

/** compileSummary's output as the facilitator edited it. Pure: the same input gives the same summary. */
export function applySummaryEdits(questions: readonly CompiledQuestion[], edits: SummaryEdits): SummaryQuestion[] {
	return questions.map((question) => {
		const compiled = question.items.map((item, index) => ({ item, index, key: summaryItemKey(question.title, item.text) }));
		const present = new Set(compiled.map((c) => c.key));
		const members = new Map<string, typeof compiled>();
		for (const c of compiled) {
			const leader = leaderOf(c.key, present, edits);
			if (!members.has(leader)) members.set(leader, []);
			members.get(leader)!.push(c);
		}
		const leaders = compiled
			.filter((c) => members.has(c.key))
			.map((c) => {
				// The leader first: its credits lead, the merged items' follow.
				const group = [c, ...members.get(c.key)!.filter((m) => m !== c)];
				const own = edits.get(c.key) ?? {};
				const item: SummaryItem = {
					key: c.key,
					text: own.text ?? c.item.text,
					original: c.item.text,
					edited: own.text !== undefined,
					groups: union(group.map((m) => m.item.groups)),
					organisations: union(group.map((m) => m.item.organisations)),
					count: group.reduce((sum, m) => sum + m.item.count, 0),
					votes: mergeItemVotes(group.map((m) => m.item.votes)),
					merged: group.filter((m) => m !== c).map((m) => ({ key: m.key, text: m.item.text })),
					theme: own.theme === true,
					// A theme's points keep their own credits and votes, for the exports to list under its title.
					...(own.theme ? { points: group.map((m) => m.item) } : {})
				};
				return { item, index: c.index, rank: own.rank, dropped: own.drop === true };
			})
			.sort(byPlace);
		return {
			title: question.title,
			kind: question.kind,
			items: leaders.filter((l) => !l.dropped).map((l) => l.item),
			dropped: leaders.filter((l) => l.dropped).map((l) => l.item)
		};
	});
}

// The move out of the workshop doc (server/workshops/summary-move.ts). Each step is idempotent,
// so a move cut short, or two moves of one workshop at once, end in the same state.

/** True when a doc holds a summary map with entries: in a workshop doc, a legacy one to move. */
export function hasSummaryEntries(doc: Y.Doc): boolean {
	return doc.share.has(SUMMARY_MAP) && summaryMap(doc).size > 0;
}

/** Every entry of the map as it stands, whatever its value, for copyMissingSummaryEntries and removeSummaryEntries. */
export function readSummaryEntries(doc: Y.Doc): Map<string, unknown> {
	return doc.share.has(SUMMARY_MAP) ? new Map(summaryMap(doc).entries()) : new Map();
}

/**
 * Copies the entries this doc lacks; one it already has stays as it is, since the facilitator
 * wrote it here after the move began. Only plain values are copied: nothing else was ever written.
 */
export function copyMissingSummaryEntries(doc: Y.Doc, entries: ReadonlyMap<string, unknown>, origin?: unknown): void {
	const map = summaryMap(doc);
	const plain = (value: unknown) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
	writeSummaryEntries(doc, [...entries].filter(([name, value]) => plain(value) && !map.has(name)), origin);
}

/** Deletes each entry whose value is still the one seen; one written since stays for the next move. */
export function removeSummaryEntries(doc: Y.Doc, seen: ReadonlyMap<string, unknown>, origin?: unknown): void {
	const map = summaryMap(doc);
	const unchanged = [...seen.keys()].filter((name) => map.has(name) && map.get(name) === seen.get(name));
	writeSummaryEntries(doc, unchanged.map((name): [string, unknown] => [name, undefined]), origin);
}
