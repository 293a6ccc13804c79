/**
 * The table per organisation as the exports print it: compileOrganisations' table, with the row
 * for notes whose author gave no organisation named in the export's language. That name is the
 * export's own word; what people typed as their organisation stays as typed, even a person who
 * typed "Utan organisation" (their row keeps it, in its place in the alphabet).
 */
import type { GroupBoardSnapshot } from '../../src/lib/board/compile';
import { compileOrganisations, type OrganisationTable } from '../../src/lib/board/organisations';
import { m } from '../../src/lib/paraglide/messages';
import type { ExportLanguage } from './document';

export function exportOrganisations(boards: GroupBoardSnapshot[], locale: ExportLanguage): OrganisationTable {
	const table = compileOrganisations(boards);
	if (!hasUnnamedRow(boards, table.questions)) return table;
	// compileOrganisations puts that row last, after the named ones.
	const rows = [...table.rows];
	rows[rows.length - 1] = { ...rows[rows.length - 1]!, organisation: m.export_no_organisation({}, { locale }) };
	return { ...table, rows };
}

/**
 * Whether compileOrganisations made the unnamed row: a note with text and a blank organisation
 * in a figure whose title is one of the table's questions (its own rule for which notes count).
 */
function hasUnnamedRow(boards: GroupBoardSnapshot[], questions: string[]): boolean {
	const asked = new Set(questions);
	return boards.some((board) => {
		const counted = new Set(board.figures.filter((f) => asked.has(f.title.trim())).map((f) => f.id));
		return board.notes.some((n) => n.figureId !== null && counted.has(n.figureId) && n.text.trim() && !n.organisation.trim());
	});
}
