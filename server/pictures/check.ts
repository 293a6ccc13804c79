/**
 * A picture checked whole, by its structure: what no browser could decode is refused, without an
 * image library and without decoding a pixel. The cost is one walk over the container's chunk or
 * segment headers (and, for JPEG, a native indexOf over the entropy-coded data to find the next
 * marker), so linear in the file and bounded by PICTURE_MAX_BYTES.
 *
 *   PNG   signature; IHDR first (13 bytes, sane dimensions, a valid bit depth and colour type);
 *         every chunk's length within the file; PLTE for a palette image; at least one IDAT;
 *         IEND (empty) last, ending exactly at the end of the file.
 *   JPEG  SOI; marker segments whose lengths stay within the file; a frame header (SOF) with sane
 *         dimensions before the first scan (SOS); scans; EOI. Bytes after EOI are allowed: phones
 *         append their motion-photo video there, and every decoder stops at EOI.
 *   WebP  "RIFF" whose length is exactly the file's; "WEBP"; chunks that tile the rest exactly;
 *         the first chunk VP8 (with its start code), VP8L (with its signature) or VP8X (then an
 *         image chunk or animation frames must follow), with sane dimensions.
 *
 * CRCs and the compressed data itself are not checked: a browser shows what it can of those, and
 * checking them would mean decoding. "Sane dimensions": at most PICTURE_SIDE_MAX a side and
 * PICTURE_PIXELS_MAX in all, so that a small file cannot make every participant's browser
 * allocate gigabytes (a decompression bomb); a 48-megapixel phone photo passes.
 */
import type { PictureFormat } from './sniff';
import { PICTURE_FORMATS } from './sniff';

export const PICTURE_SIDE_MAX = 16_384;
export const PICTURE_PIXELS_MAX = 64 * 1024 * 1024;

export type PictureCheck = { ok: true; format: PictureFormat } | { ok: false; problem: string };

const [PNG, JPEG, WEBP] = PICTURE_FORMATS as [PictureFormat, PictureFormat, PictureFormat];

export function checkPicture(bytes: Uint8Array): PictureCheck {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const problem =
		startsWith(bytes, PNG_SIGNATURE) ? checkPng(bytes, view)
		: bytes[0] === 0xff && bytes[1] === 0xd8 ? checkJpeg(bytes, view)
		: ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP' ? checkWebp(bytes, view)
		: 'not a PNG, JPEG or WebP';
	if (problem !== null) return { ok: false, problem };
	const format = startsWith(bytes, PNG_SIGNATURE) ? PNG : bytes[0] === 0xff ? JPEG : WEBP;
	return { ok: true, format };
}

function saneSize(width: number, height: number): string | null {
	if (width < 1 || height < 1) return `an empty picture (${width}×${height})`;
	if (width > PICTURE_SIDE_MAX || height > PICTURE_SIDE_MAX || width * height > PICTURE_PIXELS_MAX) {
		return `too many pixels (${width}×${height})`;
	}
	return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Bit depths allowed per PNG colour type. */
const PNG_DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function checkPng(bytes: Uint8Array, view: DataView): string | null {
	let at = PNG_SIGNATURE.length;
	let seenIdat = false;
	let seenPlte = false;
	for (let index = 0; ; index++) {
		// A chunk: length (4), type (4), data (length), CRC (4).
		if (at + 12 > bytes.length) return 'a PNG cut short (no IEND)';
		const length = view.getUint32(at);
		const type = ascii(bytes, at + 4, at + 8);
		if (!/^[A-Za-z]{4}$/.test(type)) return 'a PNG chunk with a malformed type';
		const end = at + 12 + length;
		if (length > 0x7fffffff || end > bytes.length) return `a PNG chunk (${type}) longer than the file`;
		const data = at + 8;
		if (index === 0) {
			if (type !== 'IHDR' || length !== 13) return 'a PNG that does not start with IHDR';
			const size = saneSize(view.getUint32(data), view.getUint32(data + 4));
			if (size) return size;
			const depth = bytes[data + 8]!;
			const colourType = bytes[data + 9]!;
			if (!PNG_DEPTHS[colourType]?.includes(depth)) return 'a PNG with an impossible bit depth or colour type';
			if (bytes[data + 10] !== 0 || bytes[data + 11] !== 0 || bytes[data + 12]! > 1) return 'a PNG with an unknown compression, filter or interlace';
			seenPlte = colourType !== 3; // only palette images need a PLTE
		} else if (type === 'IHDR') {
			return 'a PNG with a second IHDR';
		} else if (type === 'PLTE') {
			seenPlte = true;
		} else if (type === 'IDAT') {
			seenIdat = true;
		} else if (type === 'IEND') {
			if (length !== 0) return 'a PNG whose IEND has data';
			if (!seenIdat) return 'a PNG without image data (IDAT)';
			if (!seenPlte) return 'a palette PNG without a palette (PLTE)';
			return end === bytes.length ? null : 'a PNG with bytes after IEND';
		}
		at = end;
	}
}

/** Frame headers: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
const isFrameHeader = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** Markers without a length: TEM and RST0–7 (SOI and EOI are handled apart). */
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

function checkJpeg(bytes: Uint8Array, view: DataView): string | null {
	let at = 2; // after SOI
	let seenFrame = false;
	let seenScan = false;
	for (;;) {
		if (at + 2 > bytes.length) return 'a JPEG cut short (no EOI)';
		if (bytes[at] !== 0xff) return 'a JPEG with bytes between its segments';
		let marker = bytes[at + 1]!;
		// Any number of 0xFF fill bytes may precede a marker.
		while (marker === 0xff && at + 2 < bytes.length) marker = bytes[++at + 1]!;
		at += 2;
		if (marker === 0xd9) {
			if (!seenScan) return 'a JPEG without image data (no scan before EOI)';
			return null;
		}
		if (marker === 0xd8 || marker === 0x00 || marker === 0xff) return 'a JPEG with a misplaced marker';
		if (isStandalone(marker)) continue;
		if (at + 2 > bytes.length) return 'a JPEG cut short (in a segment header)';
		const length = view.getUint16(at);
		const end = at + length;
		if (length < 2 || end > bytes.length) return 'a JPEG segment longer than the file';
		if (isFrameHeader(marker)) {
			if (length < 8) return 'a JPEG frame header too short';
			const size = saneSize(view.getUint16(at + 5), view.getUint16(at + 3));
			if (size) return size;
			const components = bytes[at + 7]!;
			if (components < 1 || components > 4 || length !== 8 + 3 * components) return 'a JPEG frame header with a wrong number of components';
			seenFrame = true;
		}
		at = end;
		if (marker === 0xda) {
			if (!seenFrame) return 'a JPEG scan before its frame header';
			seenScan = true;
			at = nextMarker(bytes, at);
		}
	}
}

/**
 * Skips entropy-coded data: the scan ends at the first 0xFF that is followed by neither a stuffed
 * 0x00 nor a restart marker (RST0–7). Answers the offset of that 0xFF, or the file's length.
 */
function nextMarker(bytes: Uint8Array, from: number): number {
	for (let at = bytes.indexOf(0xff, from); at !== -1; at = bytes.indexOf(0xff, at + 1)) {
		const next = bytes[at + 1];
		if (next === undefined) return bytes.length;
		if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) return at;
	}
	return bytes.length;
}

function checkWebp(bytes: Uint8Array, view: DataView): string | null {
	if (bytes.length < 20) return 'a WebP cut short';
	if (view.getUint32(4, true) !== bytes.length - 8) return 'a WebP whose RIFF length is not the file’s';
	let at = 12;
	let first: string | null = null;
	let seenImage = false;
	while (at < bytes.length) {
		if (at + 8 > bytes.length) return 'a WebP chunk header cut short';
		const type = ascii(bytes, at, at + 4);
		const length = view.getUint32(at + 4, true);
		const data = at + 8;
		// Chunks are padded to an even length.
		const end = data + length + (length % 2);
		if (end > bytes.length) return `a WebP chunk (${type}) longer than the file`;
		if (first === null) {
			first = type;
			const problem = checkWebpFirstChunk(type, bytes, view, data, length);
			if (problem) return problem;
		}
		if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF') seenImage = true;
		at = end;
	}
	if (at !== bytes.length) return 'a WebP whose chunks do not end with the file';
	return seenImage ? null : 'a WebP without image data';
}

function checkWebpFirstChunk(type: string, bytes: Uint8Array, view: DataView, data: number, length: number): string | null {
	if (type === 'VP8 ') {
		// A key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
		if (length < 10 || bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a) return 'a WebP VP8 chunk without its start code';
		return saneSize(view.getUint16(data + 6, true) & 0x3fff, view.getUint16(data + 8, true) & 0x3fff);
	}
	if (type === 'VP8L') {
		// Signature 0x2F, then 14 bits of width − 1 and 14 bits of height − 1.
		if (length < 5 || bytes[data] !== 0x2f) return 'a WebP VP8L chunk without its signature';
		const bits = view.getUint32(data + 1, true);
		return saneSize((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
	}
	if (type === 'VP8X') {
		// Flags (4 bytes), then 24 bits each of canvas width − 1 and height − 1.
		if (length < 10) return 'a WebP VP8X chunk too short';
		const width = (bytes[data + 4]! | (bytes[data + 5]! << 8) | (bytes[data + 6]! << 16)) + 1;
		const height = (bytes[data + 7]! | (bytes[data + 8]! << 8) | (bytes[data + 9]! << 16)) + 1;
		return saneSize(width, height);
	}
	return 'a WebP that does not start with VP8, VP8L or VP8X';
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
	return String.fromCharCode(...bytes.subarray(from, to));
}
