/**
 * The Word export (docx library): the title and date, a heading per question with its points as
 * a bulleted list credited to the groups that made them, then the table per organisation as a
 * Word table whose header row repeats on every page. A table of more than three questions gets a
 * landscape section of its own so that its columns stay readable.
 */
import {
	Document,
	HeadingLevel,
	Packer,
	PageOrientation,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type ISectionOptions
} from 'docx';
import type { CompiledItem, CompiledQuestion } from '../../src/lib/board/compile';
import type { OrganisationTable } from '../../src/lib/board/organisations';
import { m } from '../../src/lib/paraglide/messages';
import { documentHeading, exportDate, printable, themeLine, votesCredit, type ExportLanguage, type SummaryDocument } from './document';

const PORTRAIT_MAX_QUESTIONS = 3;

export async function summaryDocx(doc: SummaryDocument): Promise<Uint8Array<ArrayBuffer>> {
	const locale = doc.language;
	const opening = [
		new Paragraph({ text: printable(documentHeading(doc)), heading: HeadingLevel.TITLE }),
		new Paragraph({ children: [new TextRun({ text: exportDate(doc.date, locale), italics: true })] })
	];
	const sections: ISectionOptions[] = [];
	if (doc.questions) {
		sections.push({ children: [...opening, ...questionParagraphs(doc.questions, locale)] });
		const heading = new Paragraph({ text: m.export_per_organisation({}, { locale }), heading: HeadingLevel.HEADING_1 });
		sections.push(organisationSection(doc.organisations, [heading], locale));
	} else {
		sections.push(organisationSection(doc.organisations, opening, locale));
	}
	const file = new Document({
		creator: 'Verkstad',
		title: printable(documentHeading(doc)),
		sections
	});
	return new Uint8Array(await Packer.toBuffer(file));
}

function questionParagraphs(questions: CompiledQuestion[], locale: ExportLanguage): Paragraph[] {
	const paragraphs: Paragraph[] = [];
	for (const [i, q] of questions.entries()) {
		paragraphs.push(new Paragraph({ text: printable(`${i + 1}. ${q.title}`), heading: HeadingLevel.HEADING_1 }));
		if (!q.items.length) paragraphs.push(noNotes(locale));
		for (const item of q.items) {
			if (item.points) {
				paragraphs.push(
					new Paragraph({
						bullet: { level: 0 },
						children: [new TextRun({ text: printable(themeLine(item, locale)), bold: true }), new TextRun({ text: ` (${printable(item.groups.join(', '))})`, italics: true })]
					})
				);
				for (const point of item.points) paragraphs.push(pointParagraph(point, 1, locale));
			} else paragraphs.push(pointParagraph(item, 0, locale));
		}
	}
	return paragraphs;
}

/** A point with its groups and votes; a theme's points one level in. */
function pointParagraph(item: CompiledItem, level: number, locale: ExportLanguage): Paragraph {
	const votes = votesCredit(item, locale);
	return new Paragraph({
		bullet: { level },
		children: [
			...lines(item.text),
			new TextRun({ text: ` (${printable(item.groups.join(', '))})`, italics: true }),
			...(votes ? [new TextRun({ text: ` – ${printable(votes)}`, bold: true })] : [])
		]
	});
}

function noNotes(locale: ExportLanguage): Paragraph {
	return new Paragraph({ children: [new TextRun({ text: m.export_no_notes({}, { locale }), italics: true })] });
}

function organisationSection(table: OrganisationTable, before: Paragraph[], locale: ExportLanguage): ISectionOptions {
	const landscape = table.questions.length > PORTRAIT_MAX_QUESTIONS;
	return {
		properties: landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
		children: [...before, table.rows.length ? organisationTable(table, locale) : noNotes(locale)]
	};
}

function organisationTable(table: OrganisationTable, locale: ExportLanguage): Table {
	const header = new TableRow({
		tableHeader: true,
		children: [m.export_organisation({}, { locale }), ...table.questions.map((q, i) => `${i + 1}. ${q}`)].map(
			(text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: printable(text), bold: true })] })] })
		)
	});
	const rows = table.rows.map(
		(row) =>
			new TableRow({
				children: [
					new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: printable(row.organisation), bold: true })] })] }),
					// A Word cell must hold at least one paragraph, even when the organisation wrote nothing.
					...row.cells.map((texts) => new TableCell({ children: texts.length ? texts.map((t) => new Paragraph({ children: lines(t) })) : [new Paragraph('')] }))
				]
			})
	);
	return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

/** A note's own line breaks become line breaks in Word (a "\n" inside a run shows as nothing). */
function lines(text: string): TextRun[] {
	return printable(text)
		.split('\n')
		.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined }));
}
