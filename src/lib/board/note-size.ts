/**
 * How tall a note is drawn: NOTE_H at least, and taller as its text grows (NoteCard grows its
 * card until the whole text shows). Placement ("+ Lapp") needs this to put a new note below a
 * long one rather than over its last lines, and it has no DOM to measure: this is an estimate
 * from the text alone, erring on the tall side.
 *
 * The numbers follow NoteCard: 17 px text at line height 1.3 in a 160 px wide text box (NOTE_W
 * less its padding), 8 + 6 px padding and a byline of up to two 12 px lines. Measured in Chromium
 * with DejaVu Sans, one of the wider fallback fonts, the seed notes of 100–250 characters wrap
 * at 15–18 characters a line; 14 leaves room for long words pushed to the next line.
 */
import { NOTE_H } from './schema';

const CHARS_PER_LINE = 14;
const LINE_H = 17 * 1.3;
/** Padding, the byline's margin and two lines of byline. */
const CHROME_H = 8 + 6 + 4 + 2 * 12 * 1.3;

/** The height, in board units, a note with this text is drawn at (an upper estimate). */
export function noteHeight(text: string): number {
	const lines = text
		.split('\n')
		.reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / CHARS_PER_LINE)), 0);
	return Math.max(NOTE_H, Math.ceil(CHROME_H + lines * LINE_H));
}
