/**
 * A picture of one board as SVG: the figures as tinted frames with their titles (and, for the
 * columns and grid kinds, their headings; for the image kind, its picture embedded as a data: URI,
 * where it sits on the board), the notes as post-its with their text wrapped inside.
 * Pure and dependency-free, so it runs anywhere and is easy to test; the viewBox is fitted around
 * the content, so the picture scales to any size. Every text is escaped: a note is anyone's input.
 *
 * Without font metrics on the server, wrapping assumes an average glyph width of 0.55 em for a
 * sans-serif face. A note's text is never cut: the note is drawn NOTE_W wide and as tall as its
 * wrapped text needs (at least NOTE_H), as the board shows it. Titles and headings keep to their
 * bands and end with "…" when they do not fit.
 */
import { NOTE_H, NOTE_W, type Figure, type FigureColor, type Note, type NoteColor } from '../../src/lib/board/schema';
import { pictureArea } from '../../src/lib/picture-layout';
import { m } from '../../src/lib/paraglide/messages';
import { printable, type ExportLanguage } from './document';

export interface BoardPicture {
	/** Printed above the board, e.g. "Grupp 1 – Lärlabb". */
	caption: string;
	figures: Figure[];
	notes: Note[];
	/** The pictures behind image figures, by id; a figure whose picture is not here gets a placeholder. */
	pictures?: ReadonlyMap<string, EmbeddedPicture>;
	/** The language of the picture's own words (an empty board, an untitled figure, a missing picture). */
	language: ExportLanguage;
}

export interface EmbeddedPicture {
	mime: string;
	bytes: Uint8Array;
}

// The same colours as the theme in src/app.css, which the server cannot read.
const NOTE_FILL: Record<NoteColor, string> = {
	yellow: '#fff1a8',
	pink: '#ffd3df',
	green: '#cdeecf',
	blue: '#cfe6ff',
	orange: '#ffdcb5',
	purple: '#e4d7ff'
};
const FIGURE_FILL: Record<FigureColor, string> = {
	sand: '#f1e9d8',
	sky: '#e2eef8',
	mint: '#e1f2e6',
	rose: '#f8e3e6',
	lilac: '#ece6f6',
	slate: '#e6e9ee'
};
const INK = '#14202e';
const INK_SOFT = '#3d4a5c';
const LINE = '#c9c4b8';
const PAPER = '#f6f4ef';

const PAD = 40;
const CAPTION_H = 56;
const TITLE_SIZE = 22;
const TITLE_BAND = 64;
const HEADING_SIZE = 15;
const HEADING_BAND = 48;
const NOTE_SIZE = 15;
const NOTE_LINE = 18;
const NOTE_INSET = 10;
const AUTHOR_SIZE = 11;
const GLYPH_EM = 0.55;

interface Rect {
	x: number;
	y: number;
	w: number;
	h: number;
}

export function boardSvg(board: BoardPicture): string {
	const notes = board.notes.map((note) => ({ note, lines: noteLines(note) }));
	const rects: Rect[] = [...board.figures, ...notes.map(({ note, lines }) => ({ x: note.x, y: note.y, w: NOTE_W, h: noteHeight(lines) }))];
	const content = bounds(rects) ?? { x: 0, y: 0, w: 800, h: 300 };
	const view = { x: content.x - PAD, y: content.y - PAD - CAPTION_H, w: content.w + 2 * PAD, h: content.h + 2 * PAD + CAPTION_H };
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${view.x} ${view.y} ${view.w} ${view.h}" width="${view.w}" height="${view.h}" font-family="system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif">`,
		`<title>${escapeXml(board.caption)}</title>`,
		`<rect x="${view.x}" y="${view.y}" width="${view.w}" height="${view.h}" fill="${PAPER}"/>`,
		text(view.x + PAD, view.y + PAD + 8, board.caption, { size: 26, weight: 'bold' })
	];
	const locale = board.language;
	if (!rects.length) parts.push(text(content.x, content.y + 40, m.export_board_empty({}, { locale }), { size: 20, fill: INK_SOFT }));
	for (const figure of board.figures) parts.push(figureSvg(figure, board.pictures, locale));
	for (const { note, lines } of notes) parts.push(noteSvg(note, lines));
	parts.push('</svg>');
	return parts.join('\n');
}

function figureSvg(f: Figure, pictures: BoardPicture['pictures'], locale: ExportLanguage): string {
	const parts = [`<g class="figure">`, `<rect x="${f.x}" y="${f.y}" width="${f.w}" height="${f.h}" rx="12" fill="${FIGURE_FILL[f.color]}" stroke="${LINE}" stroke-width="2"/>`];
	parts.push(...wrapped(f.x + 16, f.y + 16 + TITLE_SIZE, f.title.trim() || m.export_figure_untitled({}, { locale }), f.w - 32, 2, { size: TITLE_SIZE, weight: 'bold' }));
	const top = f.y + TITLE_BAND;
	if (f.kind === 'columns' && f.columns.length) parts.push(...headingColumns(f, f.x, f.w, top));
	if (f.kind === 'grid' && (f.columns.length || f.rows.length)) {
		const rowHeadW = f.rows.length ? Math.min(180, f.w / (f.columns.length + 1)) : 0;
		parts.push(...headingColumns(f, f.x + rowHeadW, f.w - rowHeadW, top));
		const bandTop = top + (f.columns.length ? HEADING_BAND : 0);
		const rowH = (f.y + f.h - bandTop) / Math.max(1, f.rows.length);
		for (const [i, heading] of f.rows.entries()) {
			const y = bandTop + i * rowH;
			parts.push(line(f.x, y, f.x + f.w, y));
			parts.push(...wrapped(f.x + 10, y + 8 + HEADING_SIZE, heading, rowHeadW - 20, Math.max(1, Math.floor((rowH - 12) / (HEADING_SIZE + 3))), { size: HEADING_SIZE, weight: 'bold', fill: INK_SOFT }));
		}
		if (rowHeadW) parts.push(line(f.x + rowHeadW, top, f.x + rowHeadW, f.y + f.h));
	}
	if (f.kind === 'image') {
		const picture = f.picture ? pictures?.get(f.picture) : undefined;
		// The placeholder goes where the picture would, clear of a title on two lines.
		parts.push(picture ? imageSvg(f, picture) : text(f.x + 16, pictureArea(f).y + 20, m.export_picture_placeholder({}, { locale }), { size: HEADING_SIZE, fill: INK_SOFT }));
	}
	parts.push('</g>');
	return parts.join('\n');
}

/** The picture where the board shows it, scaled to fit like there; the notes are drawn over it. */
function imageSvg(f: Figure, picture: EmbeddedPicture): string {
	const area = pictureArea(f);
	const href = `data:${escapeXml(picture.mime)};base64,${Buffer.from(picture.bytes).toString('base64')}`;
	return `<image x="${area.x}" y="${area.y}" width="${area.w}" height="${area.h}" preserveAspectRatio="xMidYMid meet" href="${href}"/>`;
}

/** Column headings across the top of the area from `x`, with a rule between columns. */
function headingColumns(f: Figure, x: number, w: number, top: number): string[] {
	if (!f.columns.length) return [];
	const colW = w / f.columns.length;
	const parts = [line(x, top, x + w, top), line(x, top + HEADING_BAND, x + w, top + HEADING_BAND)];
	for (const [i, heading] of f.columns.entries()) {
		const cx = x + i * colW;
		if (i > 0) parts.push(line(cx, top, cx, f.y + f.h));
		parts.push(...wrapped(cx + 10, top + 8 + HEADING_SIZE, heading, colW - 20, 2, { size: HEADING_SIZE, weight: 'bold', fill: INK_SOFT }));
	}
	return parts;
}

const NOTE_TEXT_W = NOTE_W - 2 * NOTE_INSET;
/** The inset above the text, the author's line and the inset below it. */
const NOTE_CHROME_H = 2 * NOTE_INSET + AUTHOR_SIZE + 4;

/** The note's whole text, wrapped to the note's width: every line, however many. */
function noteLines(n: Note): string[] {
	return wrapText(n.text, charsFor(NOTE_TEXT_W, NOTE_SIZE), Infinity);
}

/** NOTE_H, or taller when the text needs more lines than fit in it. */
function noteHeight(lines: string[]): number {
	return Math.max(NOTE_H, NOTE_CHROME_H + lines.length * NOTE_LINE);
}

function noteSvg(n: Note, lines: string[]): string {
	const h = noteHeight(lines);
	const top = n.y + NOTE_INSET + NOTE_SIZE;
	return [
		`<g class="note">`,
		`<rect x="${n.x + 2}" y="${n.y + 3}" width="${NOTE_W}" height="${h}" rx="4" fill="#000" fill-opacity="0.12"/>`,
		`<rect x="${n.x}" y="${n.y}" width="${NOTE_W}" height="${h}" rx="4" fill="${NOTE_FILL[n.color]}"/>`,
		...lines.map((l, i) => text(n.x + NOTE_INSET, top + i * NOTE_LINE, l, { size: NOTE_SIZE })),
		n.authorName ? text(n.x + NOTE_INSET, n.y + h - NOTE_INSET, clip(n.authorName, charsFor(NOTE_TEXT_W, AUTHOR_SIZE)), { size: AUTHOR_SIZE, fill: INK_SOFT }) : '',
		'</g>'
	]
		.filter(Boolean)
		.join('\n');
}

interface TextStyle {
	size: number;
	weight?: 'bold';
	fill?: string;
}

function text(x: number, y: number, content: string, style: TextStyle): string {
	const weight = style.weight ? ` font-weight="${style.weight}"` : '';
	return `<text x="${x}" y="${y}" font-size="${style.size}"${weight} fill="${style.fill ?? INK}">${escapeXml(content)}</text>`;
}

function wrapped(x: number, y: number, content: string, width: number, maxLines: number, style: TextStyle): string[] {
	const lineHeight = Math.round(style.size * 1.25);
	return wrapText(content, charsFor(width, style.size), maxLines).map((l, i) => text(x, y + i * lineHeight, l, style));
}

function charsFor(width: number, size: number): number {
	return Math.max(4, Math.floor(width / (size * GLYPH_EM)));
}

/**
 * Greedy word wrap to at most `maxLines` lines of `maxChars`; a word longer than a line is split
 * over lines, and text past `maxLines` is dropped with "…" at the end of the last line (pass
 * Infinity to keep it all). The note's own line breaks are kept.
 */
export function wrapText(content: string, maxChars: number, maxLines: number): string[] {
	const lines: string[] = [];
	for (const paragraph of printable(content).trim().split(/\r?\n/)) {
		let current = '';
		for (let word of paragraph.split(/\s+/).filter(Boolean)) {
			while (word.length > maxChars) {
				if (current) lines.push(current);
				lines.push(word.slice(0, maxChars));
				word = word.slice(maxChars);
				current = '';
			}
			if (!current) current = word;
			else if (current.length + 1 + word.length <= maxChars) current += ` ${word}`;
			else {
				lines.push(current);
				current = word;
			}
		}
		lines.push(current);
	}
	while (lines.length && !lines[lines.length - 1]) lines.pop();
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	kept[maxLines - 1] = clip(`${kept[maxLines - 1]} …`, maxChars);
	return kept;
}

function clip(content: string, maxChars: number): string {
	return content.length <= maxChars ? content : `${content.slice(0, maxChars - 1)}…`;
}

function line(x1: number, y1: number, x2: number, y2: number): string {
	return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${LINE}" stroke-width="1.5"/>`;
}

function bounds(rects: Rect[]): Rect | null {
	if (!rects.length) return null;
	const x = Math.min(...rects.map((r) => r.x));
	const y = Math.min(...rects.map((r) => r.y));
	const right = Math.max(...rects.map((r) => r.x + r.w));
	const bottom = Math.max(...rects.map((r) => r.y + r.h));
	return { x, y, w: right - x, h: bottom - y };
}

export function escapeXml(content: string): string {
	return printable(content).replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}
