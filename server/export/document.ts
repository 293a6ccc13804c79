/**
 * What the Word and PDF exports print: the workshop's title and date, the compiled summary per
 * question (absent when only the organisation table is asked for) and the table per organisation.
 * Both formats read this one model, so they always hold the same content.
 */
import type { CompiledItem, CompiledQuestion, ItemVote } from '../../src/lib/board/compile';
import { topMarkText, votesText } from '../../src/lib/board/vote-results';
import type { OrganisationTable } from '../../src/lib/board/organisations';
import type { WorkshopLanguage } from '../../src/lib/board/workshop';
import { m } from '../../src/lib/paraglide/messages';

/**
 * The language an export's own words are in (headings, column names, vote results): the
 * workshop's, unless the facilitator picks another. What people wrote stays as written.
 */
export type ExportLanguage = WorkshopLanguage;

export interface SummaryDocument {
	title: string;
	date: Date;
	questions: CompiledQuestion[] | null;
	organisations: OrganisationTable;
	language: ExportLanguage;
}

/** The heading a document starts with, the same in every format. */
export function documentHeading(doc: Pick<SummaryDocument, 'title' | 'questions' | 'language'>): string {
	const locale = doc.language;
	const title = doc.title.trim() || m.export_untitled({}, { locale });
	return doc.questions ? m.export_heading_summary({ title }, { locale }) : m.export_heading_organisations({ title }, { locale });
}

export function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/**
 * The date under a document's heading (UTC, like the file's stamp): "2026-12-03" in Swedish, as
 * Swedes write it; "3 December 2026" in English, where 03/12 reads differently either side of the
 * Atlantic.
 */
export function exportDate(date: Date, locale: ExportLanguage): string {
	return locale === 'sv' ? isoDate(date) : new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
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
export function votesCredit(item: Pick<CompiledItem, 'votes'>, locale: ExportLanguage): string | null {
	if (!item.votes) return null;
	const one = (v: ItemVote) => {
		const votes = votesText(v.votes, locale);
		return v.top ? `${votes}, ${topMarkText(v.top, locale)}` : votes;
	};
	return item.votes.length === 1 ? one(item.votes[0]!) : item.votes.map((v) => `${v.group}: ${one(v)}`).join('; ');
}

/** An accepted theme's line above its points, the same in every format. */
export function themeLine(item: Pick<CompiledItem, 'text'>, locale: ExportLanguage): string {
	return m.export_theme({ title: item.text }, { locale });
}
