/**
 * The facilitator's choices about suggested themes, in the facilitator doc's summary map
 * (summary-edits.ts), so they survive a reload and two tabs converge:
 *   accept  the members merge into the central item (`into:`), which gets the title as its text
 *           (`text:`) and is marked `theme:`; the summary editor and the exports show it as a
 *           theme, its title editable like any item's text
 *   reject  every pair of members is set apart (`apart:<pair>`): the suggester never puts them in
 *           one theme again, while each can still join a theme with other points
 *   move    one member is set apart from every other member of the suggestion
 * Flat pair entries rather than a list per theme: a suggestion's members change as notes come
 * and go, while a pair the facilitator separated stays separated.
 */
import type * as Y from 'yjs';
import { NOTE_TEXT_MAX } from './limits';
import { summaryEntry, writeSummaryEntries } from './summary-edits';
import { apartPairKey } from './themes';

const SUMMARY_MAP = 'summary';
const APART = 'apart:';

/** Every pair set apart, as apartPairKey names them. */
export function readApartPairs(doc: Y.Doc): Set<string> {
	const pairs = new Set<string>();
	if (!doc.share.has(SUMMARY_MAP)) return pairs;
	doc.getMap(SUMMARY_MAP).forEach((value, name) => {
		if (value === true && name.startsWith(APART)) pairs.add(name.slice(APART.length));
	});
	return pairs;
}

/** Makes `key` a theme titled `title`, with `members` merged into it. */
export function acceptTheme(doc: Y.Doc, key: string, members: readonly string[], title: string, origin?: unknown): void {
	const wording = title.trim().slice(0, NOTE_TEXT_MAX);
	writeSummaryEntries(
		doc,
		[
			...members.filter((m) => m !== key).map((m): [string, unknown] => [summaryEntry('into', m), key]),
			[summaryEntry('theme', key), true],
			[summaryEntry('text', key), wording || undefined]
		],
		origin
	);
}

/** Sets each pair apart: a point moved out of a suggestion and each other member, or every pair of a rejected one. */
export function keepApart(doc: Y.Doc, pairs: readonly [string, string][], origin?: unknown): void {
	writeSummaryEntries(
		doc,
		pairs.filter(([a, b]) => a !== b).map(([a, b]): [string, unknown] => [summaryEntry('apart', apartPairKey(a, b)), true]),
		origin
	);
}

/** Every pair of `keys`, for rejecting a whole suggestion. */
export function allPairs(keys: readonly string[]): [string, string][] {
	return keys.flatMap((a, i) => keys.slice(i + 1).map((b): [string, string] => [a, b]));
}
