/**
 * What the Word and PDF exports print: the workshop's title and date, the compiled summary per
 * question (absent when only the organisation table is asked for) and the table per organisation.
 * Both formats read this one model, so they always hold the same content.
 */
import type { CompiledItem, CompiledQuestion, ItemVote } from '../../src/lib/board/compile';
import { votesText } from '../../src/lib/board/vote-results';
import type { OrganisationTable } from '../../src/lib/board/organisations';

export interface SummaryDocument {
	title: string;
	date: Date;
	questions: CompiledQuestion[] | null;
	organisations: OrganisationTable;
}

/** The heading a document starts with, the same in every format. */
export function documentHeading(doc: Pick<SummaryDocument, 'title' | 'questions'>): string {
	return `${doc.questions ? 'Sammanställning' : 'Per organisation'}: ${doc.title.trim() || 'Workshop'}`;
}

export function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/**
 * Note texts come from anyone's keyboard (or a hostile client): control characters other than
 * line breaks and tabs, and halves of broken emoji, are not allowed in XML and mean nothing on
 * paper, so they go.
 */
export function printable(text: string): string {
	return text
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '')
		.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/**
 * A point's vote result beside it, the same in every format: "3 röster, Topp 2" when one group
 * voted on it, "Grupp 1: 3 röster, Topp 2; Grupp 2: 1 röst" when several did; null when none did.
 */
export function votesCredit(item: Pick<CompiledItem, 'votes'>): string | null {
	if (!item.votes) return null;
	const one = (v: ItemVote) => (v.top ? `${votesText(v.votes)}, ${v.top}` : votesText(v.votes));
	return item.votes.length === 1 ? one(item.votes[0]!) : item.votes.map((v) => `${v.group}: ${one(v)}`).join('; ');
}

/** An accepted theme's line above its points, the same in every format. */
export function themeLine(item: Pick<CompiledItem, 'text'>): string {
	return `Tema: ${item.text}`;
}
