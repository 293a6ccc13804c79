/**
 * Reads back what the PDF export draws, for tests: the number of pages, and the text of each page
 * from its content stream, a line per baseline. pdfkit writes one Flate-compressed content stream per page, in page
 * order, and draws Helvetica text as hex WinAnsi codes in TJ arrays; one TJ is one line on paper.
 */
import { inflateSync } from 'node:zlib';

export function pdfPageCount(pdf: Uint8Array): number {
	return (Buffer.from(pdf).toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

/** The lines drawn on each page, in drawing order. */
export function pdfPageLines(pdf: Uint8Array): string[][] {
	const bytes = Buffer.from(pdf);
	const source = bytes.toString('latin1');
	const pages: string[][] = [];
	for (const match of source.matchAll(/stream\r?\n/g)) {
		const start = match.index + match[0].length;
		let content: string;
		try {
			content = inflateSync(bytes.subarray(start, source.indexOf('endstream', start))).toString('latin1');
		} catch {
			continue; // not a compressed stream (the document's metadata)
		}
		if (!content.includes(' TJ')) continue;
		pages.push(joinLines([...content.matchAll(/ ([\d.-]+) Tm\s+\/\w+ [\d.]+ Tf\s+\[(.*?)\] TJ/g)].map((m) => ({ y: m[1]!, text: decodeHexRuns(m[2]!) }))));
	}
	return pages;
}

/** A bullet and its text, or text and its italic credit, are drawn separately on one baseline. */
function joinLines(segments: { y: string; text: string }[]): string[] {
	const lines: string[] = [];
	let lastY: string | null = null;
	for (const { y, text } of segments) {
		if (y === lastY) lines[lines.length - 1] += text;
		else lines.push(text);
		lastY = y;
	}
	return lines;
}

const WIN_ANSI_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeHexRuns(array: string): string {
	let text = '';
	for (const hex of array.matchAll(/<([0-9a-f]*)>/gi)) {
		for (let i = 0; i < hex[1]!.length; i += 2) {
			const code = parseInt(hex[1]!.slice(i, i + 2), 16);
			text += code >= 0x80 && code <= 0x9f ? WIN_ANSI_80_9F[code - 0x80] : String.fromCharCode(code);
		}
	}
	return text;
}
