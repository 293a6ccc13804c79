/**
 * A closed vote's result in one figure (issue 10 §2): the notes in order of votes, each with its
 * place, and which are "Topp N". The server marks `top` on the notes by it when a vote closes
 * (server/workshops/votes.ts); the projector and the exports show it.
 *
 * The rules, so that a mark always says something true:
 * - Places are shared: 5, 3, 3, 1 votes are places 1, 2, 2, 4. Notes with the same count tie.
 * - "Topp N" marks the notes placed N or better, with at least one vote. Notes tied at the edge
 *   are all marked, each "delad plats", so the top can hold more than N: dropping one of equals
 *   by its id or age would be arbitrary.
 * - When that would mark every counted note of the figure (two notes and "Topp 2", or all tied),
 *   none is marked: the vote left nothing out, and a mark on every note reads as a choice that was
 *   never made. The figure says so instead (`allInTop`); the counts still show.
 *
 * The words take an optional language: the projector speaks its reader's (the default, getLocale),
 * an export the language it is made in.
 */
import { m } from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';

/** A note as the result needs it: `votes` is present once a vote has counted it. */
export interface VotedNote {
	id: string;
	votes?: number;
	/** The server's mark, used when the quota is unknown (a workshop imported from a file). */
	top?: boolean;
}

export interface Placing {
	votes: number;
	/** 1 for the most voted; notes with equal counts share the better place. */
	place: number;
	/** Another counted note of the figure has the same count. */
	shared: boolean;
	top: boolean;
}

export interface FigureResult {
	/** The vote's N for the figure; null when the workshop no longer holds the vote. */
	quota: number | null;
	/** Counted notes' ids, most votes first; equal counts keep the order they came in. */
	order: string[];
	placings: Map<string, Placing>;
	/** Every counted note would be in the top N, so none is marked. */
	allInTop: boolean;
	/** Notes tied at the edge of the top N are all marked, so more than N are. */
	sharedEdge: boolean;
}

/**
 * The result of one figure from its notes (in reading order), or null when no note of it was
 * counted. Notes without `votes` (written after the vote closed) are left out of the ranking.
 */
export function rankVotes(notes: readonly VotedNote[], quota: number | null): FigureResult | null {
	const counted = notes.filter((n): n is VotedNote & { votes: number } => n.votes !== undefined);
	if (!counted.length) return null;
	const sorted = [...counted].sort((a, b) => b.votes - a.votes);
	const placeOf = (votes: number) => sorted.findIndex((n) => n.votes === votes) + 1;
	const tied = (votes: number) => sorted.filter((n) => n.votes === votes).length > 1;
	const inTop = (n: { votes: number }) => quota !== null && n.votes > 0 && placeOf(n.votes) <= quota;
	const allInTop = quota !== null && sorted.every(inTop);
	const placings = new Map<string, Placing>();
	for (const n of sorted) {
		const top = quota === null ? n.top === true : inTop(n) && !allInTop;
		placings.set(n.id, { votes: n.votes, place: placeOf(n.votes), shared: n.votes > 0 && tied(n.votes), top });
	}
	const marked = [...placings.values()].filter((p) => p.top).length;
	return { quota, order: sorted.map((n) => n.id), placings, allInTop, sharedEdge: quota !== null && marked > quota };
}

/** "1 röst", "3 röster", "0 röster"; "1 vote", "3 votes". */
export function votesText(votes: number, locale?: Locale): string {
	return m.present_votes({ votes }, { locale });
}

/** Ordinals as written with digits (Intl's ordinal plural rules): 1:a, 2:a, 3:e, 11:e, 21:a; 1st, 2nd, 3rd, 11th, 21st. */
export function ordinal(n: number, locale?: Locale): string {
	return m.present_ordinal({ n }, { locale });
}

/** "Topp 3", "Topp 3, delad 2:a plats"; null for a note outside the top. */
export function topText(placing: Placing, quota: number | null, locale?: Locale): string | null {
	return placing.top ? topMarkText({ quota, place: placing.place, shared: placing.shared }, locale) : null;
}

/** A top mark kept as numbers (the compiled summary's, for the exports) in words: "Topp 3, delad 2:a plats". */
export function topMarkText(mark: { quota: number | null; place: number; shared: boolean }, locale?: Locale): string {
	const top = mark.quota === null ? m.present_top_unknown({}, { locale }) : m.present_top({ quota: mark.quota }, { locale });
	return mark.shared ? m.present_top_shared({ top, place: ordinal(mark.place, locale) }, { locale }) : top;
}

/** A note's result in one line: "3 röster", "3 röster, Topp 2", "1 röst, Topp 2, delad 2:a plats". */
export function placingText(placing: Placing, quota: number | null, locale?: Locale): string {
	const top = topText(placing, quota, locale);
	return top ? `${votesText(placing.votes, locale)}, ${top}` : votesText(placing.votes, locale);
}

/** What the figure must say beside its notes for the marks to read right, or null. */
export function resultRemark(result: FigureResult, locale?: Locale): string | null {
	const counted = result.order.length;
	const quota = result.quota ?? 0;
	if (result.allInTop) {
		return counted === 1 ? m.present_remark_only_note({ quota }, { locale }) : m.present_remark_all_notes({ count: counted, quota }, { locale });
	}
	if (result.sharedEdge) {
		const marked = [...result.placings.values()].filter((p) => p.top).length;
		return m.present_remark_shared({ count: marked, quota }, { locale });
	}
	return null;
}
