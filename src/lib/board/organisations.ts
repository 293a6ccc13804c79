/**
 * The summary per organisation (seed 004): a row per organisation, a column per question, each
 * cell what that organisation's people wrote to that question, in every group. Pure: the server
 * feeds it the same board snapshots as compileSummary, the exporters format it.
 */
import { m } from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';
import { compileSummary, mergeKey, type GroupBoardSnapshot } from './compile';

/**
 * The row for notes whose author gave no organisation (and for anonymous notes), in the language
 * of the export: an export is read by many, so it follows the workshop (or the facilitator's
 * pick), never one viewer's interface.
 */
export function noOrganisation(locale: Locale): string {
	return m.board_no_organisation({}, { locale });
}

/** The Swedish row name, as before the languages: for callers that make Swedish exports. */
export const NO_ORGANISATION = noOrganisation('sv');

export interface OrganisationRow {
	organisation: string;
	/** One cell per question, in the order of `OrganisationTable.questions`: the note texts. */
	cells: string[][];
}

export interface OrganisationTable {
	/** Question titles, the same questions in the same order as compileSummary's. */
	questions: string[];
	rows: OrganisationRow[];
}

/** People type their organisation themselves: "Region Skåne" and "region  skåne" are one row. */
function organisationKey(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');
}

/**
 * Rows are sorted by name (in the order of `locale`) so that a reader finds their own
 * organisation, with "Utan organisation" (noOrganisation) last. Within a cell, notes keep the
 * summary's order (group by group, reading order) and the same point written twice by one
 * organisation is listed once. The exports pass the language they are made in.
 */
export function compileOrganisations(boards: GroupBoardSnapshot[], locale: Locale = 'sv'): OrganisationTable {
	const questions = compileSummary(boards).map((q) => q.title);
	const column = new Map(questions.map((title, i) => [title, i]));
	const rows = new Map<string, { row: OrganisationRow; seen: Set<string>[] }>();

	for (const board of boards) {
		const figures = [...board.figures].sort((a, b) => a.y - b.y || a.x - b.x);
		for (const figure of figures) {
			const index = column.get(figure.title.trim());
			if (index === undefined) continue;
			const notes = board.notes
				.filter((n) => n.figureId === figure.id && n.text.trim())
				.sort((a, b) => a.y - b.y || a.x - b.x);
			for (const note of notes) {
				const key = organisationKey(note.organisation);
				let entry = rows.get(key);
				if (!entry) {
					const organisation = note.organisation.trim().replace(/\s+/g, ' ') || noOrganisation(locale);
					entry = { row: { organisation, cells: questions.map(() => []) }, seen: questions.map(() => new Set()) };
					rows.set(key, entry);
				}
				const point = mergeKey(note.text);
				if (entry.seen[index]!.has(point)) continue;
				entry.seen[index]!.add(point);
				entry.row.cells[index]!.push(note.text.trim());
			}
		}
	}

	const named = [...rows.entries()].filter(([key]) => key !== '').map(([, e]) => e.row);
	named.sort((a, b) => a.organisation.localeCompare(b.organisation, locale));
	const unnamed = rows.get('');
	return { questions, rows: unnamed ? [...named, unnamed.row] : named };
}
