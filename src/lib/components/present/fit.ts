/**
 * How the projector fills its screen (issue 10 §1): the largest note type that shows everything
 * on one page, in as many columns as suit it, each figure whole in one column if it can be; when even the smallest type (28 px at 1080p) does
 * not fit, the notes flow on in columns over several pages, like a newspaper, each part of a
 * figure under its heading again. Heights are estimated from the text's length, slightly on the
 * large side, so that an estimate never hides a note's end below the screen; every size here is
 * in em of the note text, as the projector's styles are (ShowPiece.svelte).
 */

/** A note to place: its text and the extra lines under or above it (author, cell, votes). */
export interface FitNote {
	text: string;
	/** Height beside the text, in em of the note text. */
	extraEm: number;
}

/** A figure to show: its notes, or, when `whole`, a picture or table that takes a page alone. */
export interface FitSection {
	/** The heading, which wraps in a narrow column. */
	heading: string;
	notes: FitNote[];
	/** A remark under the heading ("Lika många röster …") takes a line. */
	remark?: boolean;
	whole?: boolean;
}

/** Part of a section in one column: its notes from `from` up to (not including) `to`. */
export interface Piece {
	section: number;
	from: number;
	to: number;
	/** Not the section's first part: its heading says "forts.". */
	continued: boolean;
}

/** Columns of pieces, left to right. */
export type Page = Piece[][];

export interface FitLayout {
	/** Note text size in px; headings and the rest scale with it. */
	notePx: number;
	columns: number;
	pages: Page[];
}

/** 28 px at 1080p is readable from the back of a room; above 64 px a lone note looks shouted. */
export const MIN_NOTE_PX = 28;
export const MAX_NOTE_PX = 64;
const STEP_PX = 2;
/** A column is at least this many em wide, about 20 characters of note text. */
const MIN_COLUMN_EM = 12;
/** Between columns and between pieces in a column, in px (ShowPage.svelte's gap). */
export const GAP_PX = 16;

// The CSS sizes of ShowPiece.svelte, in em of the note text.
const CHAR_EM = 0.52; // one character of the sans-serif text, on the wide side (about 0.48 measured)
const LINE_EM = 1.25;
const NOTE_PAD_X_EM = 2 * 0.5;
const NOTE_PAD_Y_EM = 2 * 0.4;
const NOTE_GAP_EM = 0.4;
const PIECE_PAD_X_EM = 2 * 0.6;
const PIECE_PAD_Y_EM = 0.5 + 0.6;
const BORDER_PX = 4;
const HEADING_SIZE_EM = 1.2;
const HEADING_LINE_EM = HEADING_SIZE_EM * 1.15;
const HEADING_MARGIN_EM = 0.4;
/** A bold heading's character is wider than the text's. */
const HEADING_CHAR_EM = 0.62 * HEADING_SIZE_EM;
const REMARK_EM = 0.9 * 1.3 + 0.4;
/** "Inga lappar än" in an empty section. */
const EMPTY_EM = 1.4;

/** Extra heights of a note's lines, in em of the note text, for callers building FitNotes. */
export const EXTRA_EM = { author: 1.4, cell: 1.3, result: 1.7 } as const;

/**
 * Lines of `text` at `charsPerLine`, wrapped at spaces as the browser does: a word that does not
 * fit the rest of a line starts the next, and one longer than a line breaks (overflow-wrap).
 */
export function lineCount(text: string, charsPerLine: number): number {
	const per = Math.max(1, Math.floor(charsPerLine));
	let lines = 0;
	for (const paragraph of text.split('\n')) {
		let used = 0;
		lines++;
		for (const word of paragraph.split(' ')) {
			const need = used === 0 ? word.length : used + 1 + word.length;
			if (need <= per) used = need;
			else {
				lines += Math.ceil(word.length / per) - (used === 0 ? 1 : 0);
				used = word.length % per || per;
			}
		}
	}
	return lines;
}

function noteHeight(note: FitNote, px: number, columnPx: number): number {
	const textPx = columnPx - BORDER_PX - (PIECE_PAD_X_EM + NOTE_PAD_X_EM) * px;
	const lines = lineCount(note.text, textPx / (CHAR_EM * px));
	return (lines * LINE_EM + NOTE_PAD_Y_EM + note.extraEm) * px;
}

function headHeight(section: FitSection, px: number, columnPx: number): number {
	const lines = lineCount(`${section.heading} (forts.)`, (columnPx - BORDER_PX - PIECE_PAD_X_EM * px) / (HEADING_CHAR_EM * px));
	return BORDER_PX + (PIECE_PAD_Y_EM + lines * HEADING_LINE_EM + HEADING_MARGIN_EM + (section.remark ? REMARK_EM : 0)) * px;
}

/**
 * Flows `sections` into `columns` columns a page: a part of a section goes on in the column it is
 * in while its next note fits, else in the next column; a whole section takes a page alone.
 */
function flow(
	sections: readonly FitSection[],
	px: number,
	width: number,
	height: number,
	columns: number
): { pages: Page[]; overflows: boolean } {
	const columnPx = (width - GAP_PX * (columns - 1)) / columns;
	const pages: Page[] = [];
	let column: Piece[] | null = null;
	let columnsOnPage = columns;
	let used = 0;
	let overflows = false;
	const startColumn = (): Piece[] => {
		let page = pages[pages.length - 1];
		if (!page || columnsOnPage === columns) {
			page = [];
			pages.push(page);
			columnsOnPage = 0;
		}
		const fresh: Piece[] = [];
		page.push(fresh);
		columnsOnPage++;
		used = 0;
		return fresh;
	};
	sections.forEach((section, index) => {
		if (section.whole) {
			pages.push([[{ section: index, from: 0, to: 0, continued: false }]]);
			columnsOnPage = columns;
			column = null;
			return;
		}
		const head = headHeight(section, px, columnPx);
		const heights = section.notes.length ? section.notes.map((n) => noteHeight(n, px, columnPx)) : [EMPTY_EM * px];
		let piece: Piece | null = null;
		heights.forEach((h, i) => {
			const add = piece ? NOTE_GAP_EM * px + h : (column?.length ? GAP_PX : 0) + head + h;
			// A note taller than a whole column still gets one to itself, and the stage scrolls.
			if (!column || (used > 0 && used + add > height)) {
				column = startColumn();
				piece = null;
			}
			if (!piece) {
				used += (column.length ? GAP_PX : 0) + head;
				piece = { section: index, from: i, to: i, continued: i > 0 };
				column.push(piece);
			} else used += NOTE_GAP_EM * px;
			used += h;
			overflows ||= used > height;
			piece.to = section.notes.length ? i + 1 : 0;
		});
	});
	return { pages, overflows };
}

/** The fewest pages `sections` can take: one per whole section and one per run of the others. */
function fewestPages(sections: readonly FitSection[]): number {
	return sections.filter((s, i) => s.whole || i === 0 || sections[i - 1]?.whole).length;
}

/**
 * The largest note size, and the number of columns, that shows `sections` on one page of
 * `width` × `height` px; else the smallest size in as many columns as fit, over several pages.
 * A height of Infinity (a phone that scrolls) puts everything on one page.
 */
export function fitLayout(sections: readonly FitSection[], width: number, height: number): FitLayout {
	const maxColumns = (px: number) => Math.max(1, Math.floor((width + GAP_PX) / (MIN_COLUMN_EM * px + GAP_PX)));
	const fewest = fewestPages(sections);
	// A figure read in one piece beats larger type; only when none fits so does it go on in the next column.
	for (const whole of [true, false]) {
		for (let px = MAX_NOTE_PX; px >= MIN_NOTE_PX; px -= STEP_PX) {
			for (let columns = 1; columns <= maxColumns(px); columns++) {
				const { pages, overflows } = flow(sections, px, width, height, columns);
				const split = pages.flat(2).some((piece) => piece.continued);
				if (pages.length <= fewest && !overflows && !(whole && split)) return { notePx: px, columns, pages };
			}
		}
	}
	const columns = maxColumns(MIN_NOTE_PX);
	return { notePx: MIN_NOTE_PX, columns, pages: flow(sections, MIN_NOTE_PX, width, height, columns).pages };
}
