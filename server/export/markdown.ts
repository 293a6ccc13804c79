/** The exports as Markdown: the summary with a heading per question (seed 003), the organisation table (seed 004). */
import type { CompiledItem, CompiledQuestion } from '../../src/lib/board/compile';
import type { OrganisationTable } from '../../src/lib/board/organisations';
import { m } from '../../src/lib/paraglide/messages';
import { documentHeading, exportDate, themeLine, votesCredit, type ExportLanguage } from './document';
import { markdownText } from './markdown-text';

export function summaryMarkdown(title: string, questions: CompiledQuestion[], date: Date, locale: ExportLanguage): string {
	const lines = [`# ${oneLine(documentHeading({ title, questions, language: locale }))}`, '', `*${exportDate(date, locale)}*`, ''];
	for (const [i, q] of questions.entries()) {
		lines.push(`## ${i + 1}. ${oneLine(q.title)}`, '');
		if (!q.items.length) lines.push(`*${m.export_no_notes({}, { locale })}*`);
		for (const item of q.items) {
			if (item.points) {
				// A theme: its title, then its points with their own credits, one level in.
				lines.push(`- **${oneLine(themeLine(item, locale))}** *(${oneLine(item.groups.join(', '))})*`);
				for (const point of item.points) lines.push(`  ${pointLine(point, locale)}`);
			} else lines.push(pointLine(item, locale));
		}
		lines.push('');
	}
	return lines.join('\n');
}

function pointLine(item: CompiledItem, locale: ExportLanguage): string {
	const votes = votesCredit(item, locale);
	return `- ${oneLine(item.text)} *(${oneLine(item.groups.join(', '))})*${votes ? ` – **${oneLine(votes)}**` : ''}`;
}

/** A pipe table; the notes of one cell are separated by `<br>`, which Markdown viewers show as line breaks. */
export function organisationsMarkdown(title: string, table: OrganisationTable, date: Date, locale: ExportLanguage): string {
	const lines = [`# ${oneLine(documentHeading({ title, questions: null, language: locale }))}`, '', `*${exportDate(date, locale)}*`, ''];
	if (!table.rows.length) {
		lines.push(`*${m.export_no_notes({}, { locale })}*`, '');
		return lines.join('\n');
	}
	const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
	lines.push(row([m.export_organisation({}, { locale }), ...table.questions.map((q, i) => `${i + 1}. ${tableCell(q)}`)]));
	lines.push(row(['---', ...table.questions.map(() => '---')]));
	for (const r of table.rows) {
		lines.push(row([tableCell(r.organisation), ...r.cells.map((texts) => texts.map(tableCell).join('<br>'))]));
	}
	lines.push('');
	return lines.join('\n');
}

/**
 * A note may hold line breaks; inside a list item or heading they would break the structure.
 * Every piece of text a person wrote passes here, so it is escaped here too (markdown-text.ts).
 */
function oneLine(text: string): string {
	return markdownText(text.replace(/\s*\n\s*/g, ' – ').trim());
}

/** A pipe would end the cell early and a line break the row; backslashes are escaped already. */
function tableCell(text: string): string {
	return oneLine(text).replace(/\|/g, '\\|');
}
