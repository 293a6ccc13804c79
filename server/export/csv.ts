/**
 * The exports as CSV for Excel: UTF-8 with a byte order mark (so that Excel shows å, ä and ö),
 * semicolons between fields (what Excel expects in a Swedish locale), and every cell that starts
 * with =, +, -, @, a tab or a carriage return neutralised with a leading apostrophe, so that a note
 * can never run as a formula in someone's spreadsheet.
 */
import { totalVotes, type CompiledQuestion } from '../../src/lib/board/compile';
import type { OrganisationTable } from '../../src/lib/board/organisations';
import { m } from '../../src/lib/paraglide/messages';
import { votesCredit, type ExportLanguage } from './document';

const BOM = '\uFEFF';
const SEP = ';';

export function csvCell(value: string | number): string {
	let text = String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvFile(rows: (string | number)[][]): string {
	return BOM + rows.map((row) => row.map(csvCell).join(SEP)).join('\r\n') + '\r\n';
}

export function summaryCsv(questions: CompiledQuestion[], locale: ExportLanguage): string {
	// Röster: a number to sort by in a spreadsheet; Röstresultat: the counts and marks as a person reads them.
	// Tema: an accepted theme's title on each of its points' rows, to filter or group by.
	const say = { locale };
	const rows: (string | number)[][] = [
		[
			m.export_csv_question({}, say),
			m.export_csv_note({}, say),
			m.export_csv_groups({}, say),
			m.export_csv_organisations({}, say),
			m.export_csv_count({}, say),
			m.export_csv_votes({}, say),
			m.export_csv_vote_result({}, say),
			m.export_csv_theme({}, say)
		]
	];
	for (const q of questions) {
		for (const item of q.items) {
			for (const point of item.points ?? [item]) {
				const votes = point.votes ? totalVotes(point) : '';
				const theme = item.points ? item.text : '';
				rows.push([q.title, point.text, point.groups.join(', '), point.organisations.join(', '), point.count, votes, votesCredit(point, locale) ?? '', theme]);
			}
		}
	}
	return csvFile(rows);
}

/** Seed 004's shape: an organisation per row, a question per column, one note per line in a cell. */
export function organisationsCsv(table: OrganisationTable, locale: ExportLanguage): string {
	return csvFile([
		[m.export_organisation({}, { locale }), ...table.questions],
		...table.rows.map((row) => [row.organisation, ...row.cells.map((texts) => texts.join('\n'))])
	]);
}
