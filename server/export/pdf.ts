/**
 * The PDF export (pdfkit): an A4 print layout of the same content as the Word file. The built-in
 * Helvetica needs no font files; its WinAnsi encoding covers Swedish (å ä ö é ü) and common
 * punctuation, and anything it cannot draw (emoji, say) is printed as "?" rather than garbage.
 * pdfkit wraps text and breaks pages by itself; the code here only keeps headings with their
 * first line and repeats the table's header row on every page. A table of more than three
 * questions, or with a row taller than a page, becomes one section per organisation instead.
 */
import PDFDocument from 'pdfkit';
import type { CompiledItem, CompiledQuestion } from '../../src/lib/board/compile';
import type { OrganisationRow, OrganisationTable } from '../../src/lib/board/organisations';
import { m } from '../../src/lib/paraglide/messages';
import { documentHeading, exportDate, printable, themeLine, votesCredit, type ExportLanguage, type SummaryDocument } from './document';

const MARGIN = 56; // 2 cm
const TABLE_MAX_QUESTIONS = 3;
const CELL_PAD = 4;
const FONT = { body: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;
const SIZE = { title: 20, heading: 14, subheading: 11, body: 10.5, small: 9 } as const;

type Pdf = PDFKit.PDFDocument;

export function summaryPdf(doc: SummaryDocument): Promise<Uint8Array<ArrayBuffer>> {
	const pdf = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: winAnsi(documentHeading(doc)), Creator: 'Verkstad' } });
	const chunks: Buffer[] = [];
	pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
		pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		pdf.on('error', reject);
	});

	pdf.font(FONT.bold).fontSize(SIZE.title).text(winAnsi(documentHeading(doc)));
	const locale = doc.language;
	pdf.font(FONT.italic).fontSize(SIZE.small).text(exportDate(doc.date, locale)).moveDown(1);
	if (doc.questions) {
		writeQuestions(pdf, doc.questions, locale);
		pdf.addPage();
		heading(pdf, m.export_per_organisation({}, { locale }), SIZE.heading);
	}
	writeOrganisations(pdf, doc.organisations, locale);
	pdf.end();
	return done;
}

function writeQuestions(pdf: Pdf, questions: CompiledQuestion[], locale: ExportLanguage): void {
	for (const [i, q] of questions.entries()) {
		heading(pdf, `${i + 1}. ${q.title}`, SIZE.heading);
		if (!q.items.length) pdf.font(FONT.italic).fontSize(SIZE.body).text(m.export_no_notes({}, { locale }));
		for (const item of q.items) {
			if (item.points) {
				bullet(pdf, themeLine(item, locale), `(${item.groups.join(', ')})`, { bold: true });
				for (const point of item.points) bullet(pdf, point.text, pointCredit(point, locale), { level: 1 });
			} else bullet(pdf, item.text, pointCredit(item, locale));
		}
		pdf.moveDown(0.8);
	}
}

function writeOrganisations(pdf: Pdf, table: OrganisationTable, locale: ExportLanguage): void {
	if (!table.rows.length) {
		pdf.font(FONT.italic).fontSize(SIZE.body).text(m.export_no_notes({}, { locale }));
		return;
	}
	const widths = columnWidths(pdf, table.questions.length);
	const fitsAsTable =
		table.questions.length <= TABLE_MAX_QUESTIONS &&
		table.rows.every((row) => rowHeight(pdf, rowCells(row), widths) < contentHeight(pdf) * 0.8);
	if (fitsAsTable) drawTable(pdf, table, widths, locale);
	else writeSections(pdf, table);
}

/** One section per organisation: its name, then each question it answered and its notes. */
function writeSections(pdf: Pdf, table: OrganisationTable): void {
	for (const row of table.rows) {
		heading(pdf, row.organisation, SIZE.heading - 1);
		for (const [i, texts] of row.cells.entries()) {
			if (!texts.length) continue;
			heading(pdf, `${i + 1}. ${table.questions[i]}`, SIZE.subheading);
			for (const text of texts) bullet(pdf, text);
		}
		pdf.moveDown(0.8);
	}
}

/** The organisation column gets a fixed share; the questions split the rest evenly. */
function columnWidths(pdf: Pdf, questions: number): number[] {
	const width = pdf.page.width - 2 * MARGIN;
	const first = Math.min(140, width / (questions + 1));
	return [first, ...Array.from({ length: questions }, () => (width - first) / Math.max(1, questions))];
}

function rowCells(row: OrganisationRow): string[] {
	return [row.organisation, ...row.cells.map((texts) => texts.map((t) => `• ${t}`).join('\n'))];
}

function rowHeight(pdf: Pdf, cells: string[], widths: number[], font: string = FONT.body): number {
	pdf.font(font).fontSize(SIZE.small);
	return Math.max(...cells.map((text, i) => pdf.heightOfString(winAnsi(text) || ' ', { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
}

function drawTable(pdf: Pdf, table: OrganisationTable, widths: number[], locale: ExportLanguage): void {
	const header = [m.export_organisation({}, { locale }), ...table.questions.map((q, i) => `${i + 1}. ${q}`)];
	drawRow(pdf, header, widths, FONT.bold, '#e6e9ee');
	for (const row of table.rows) {
		const cells = rowCells(row);
		if (pdf.y + rowHeight(pdf, cells, widths) > bottom(pdf)) {
			pdf.addPage();
			drawRow(pdf, header, widths, FONT.bold, '#e6e9ee');
		}
		drawRow(pdf, cells, widths, FONT.body);
	}
	pdf.x = MARGIN;
}

function drawRow(pdf: Pdf, cells: string[], widths: number[], font: string, fill?: string): void {
	const height = rowHeight(pdf, cells, widths, font);
	const top = pdf.y;
	let x = MARGIN;
	for (const [i, text] of cells.entries()) {
		const w = widths[i]!;
		if (fill) pdf.rect(x, top, w, height).fill(fill);
		pdf.rect(x, top, w, height).lineWidth(0.5).stroke('#8a8a8a');
		pdf.fillColor('black').font(i === 0 ? FONT.bold : font).fontSize(SIZE.small);
		pdf.text(winAnsi(text), x + CELL_PAD, top + CELL_PAD, { width: w - 2 * CELL_PAD });
		x += w;
	}
	pdf.x = MARGIN;
	pdf.y = top + height;
}

/** A heading never sits alone at the foot of a page: it moves on with the line after it. */
function heading(pdf: Pdf, text: string, size: number): void {
	pdf.font(FONT.bold).fontSize(size);
	const needed = pdf.heightOfString(winAnsi(text), { width: contentWidth(pdf) }) + pdf.currentLineHeight() * 2;
	if (pdf.y + needed > bottom(pdf)) pdf.addPage();
	pdf.x = MARGIN;
	pdf.text(winAnsi(text), { width: contentWidth(pdf) }).moveDown(0.3);
}

const INDENT = 14;

function pointCredit(item: CompiledItem, locale: ExportLanguage): string {
	const votes = votesCredit(item, locale);
	return `(${item.groups.join(', ')})${votes ? ` – ${votes}` : ''}`;
}

/** A bullet point; `level` 1 for a theme's points, under its title. */
function bullet(pdf: Pdf, text: string, credit?: string, style: { level?: number; bold?: boolean } = {}): void {
	pdf.font(style.bold ? FONT.bold : FONT.body).fontSize(SIZE.body);
	if (pdf.y + pdf.currentLineHeight(true) > bottom(pdf)) pdf.addPage();
	const left = MARGIN + (style.level ?? 0) * INDENT;
	const width = contentWidth(pdf) - INDENT - (left - MARGIN);
	pdf.text('•', left, pdf.y, { lineBreak: false });
	pdf.text(winAnsi(text), left + INDENT, pdf.y, { width, continued: credit !== undefined });
	if (credit !== undefined) pdf.font(FONT.italic).text(` ${winAnsi(credit)}`);
	pdf.x = MARGIN;
	pdf.moveDown(0.25);
}

function contentWidth(pdf: Pdf): number {
	return pdf.page.width - 2 * MARGIN;
}

function contentHeight(pdf: Pdf): number {
	return pdf.page.height - 2 * MARGIN;
}

function bottom(pdf: Pdf): number {
	return pdf.page.height - MARGIN;
}

/** The Windows-1252 characters above Latin-1 that Helvetica's WinAnsi encoding can draw. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function winAnsi(text: string): string {
	let out = '';
	for (const ch of printable(text).replace(/\t/g, ' ')) {
		const code = ch.codePointAt(0)!;
		const drawable = code === 10 || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
		out += drawable ? ch : '?';
	}
	return out;
}
