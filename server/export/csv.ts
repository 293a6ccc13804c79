/**
 * The exports as CSV for Excel: UTF-8 with a byte order mark (so that Excel shows å, ä and ö),
 * semicolons between fields (what Excel expects in a Swedish locale), and every cell that starts
 * with =, +, -, @, a tab or a carriage return neutralised with a leading apostrophe, so that a note
 * can never run as a formula in someone's spreadsheet.
 */
import { totalVotes, type CompiledQuestion } from '../../src/lib/board/compile';
import type { OrganisationTable } from '../../src/lib/board/organisations';
import { votesCredit } from './document';

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

export function summaryCsv(questions: CompiledQuestion[]): string {
	// Röster: a number to sort by in a spreadsheet; Röstresultat: the counts and marks as a person reads them.
	const rows: (string | number)[][] = [['Fråga', 'Lapp', 'Grupper', 'Organisationer', 'Antal lappar', 'Röster', 'Röstresultat']];
	for (const q of questions) {
		for (const item of q.items) {
			const votes = item.votes ? totalVotes(item) : '';
			rows.push([q.title, item.text, item.groups.join(', '), item.organisations.join(', '), item.count, votes, votesCredit(item) ?? '']);
		}
	}
	return csvFile(rows);
}

/** Seed 004's shape: an organisation per row, a question per column, one note per line in a cell. */
export function organisationsCsv(table: OrganisationTable): string {
	return csvFile([
		['Organisation', ...table.questions],
		...table.rows.map((row) => [row.organisation, ...row.cells.map((texts) => texts.join('\n'))])
	]);
}
