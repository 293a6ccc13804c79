/**
 * The format of a picture, decided by its first bytes (never by its name or Content-Type):
 *   PNG   89 50 4E 47 0D 0A 1A 0A, then the IHDR chunk: 00 00 00 0D "IHDR"
 *   JPEG  FF D8 FF, then a marker byte (C0–FE)
 *   WebP  "RIFF" <size, 4 bytes> "WEBP" "VP8" (" " | "L" | "X")
 * A header cut short is no picture: every format needs SNIFF_BYTES to be recognised.
 */
import type { PictureMimeType } from '../../src/lib/pictures';

export interface PictureFormat {
	ext: 'png' | 'jpg' | 'webp';
	mime: PictureMimeType;
}

export const PICTURE_FORMATS: readonly PictureFormat[] = [
	{ ext: 'png', mime: 'image/png' },
	{ ext: 'jpg', mime: 'image/jpeg' },
	{ ext: 'webp', mime: 'image/webp' }
];

/** The longest header checked (PNG's signature and IHDR, WebP's RIFF header and first chunk). */
export const SNIFF_BYTES = 16;

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52];

function ascii(bytes: Uint8Array, from: number, to: number): string {
	return String.fromCharCode(...bytes.subarray(from, to));
}

export function sniffPicture(head: Uint8Array): PictureFormat | null {
	if (head.length >= PNG_HEAD.length && PNG_HEAD.every((b, i) => head[i] === b)) return PICTURE_FORMATS[0]!;
	if (head.length >= 4 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff && head[3]! >= 0xc0 && head[3]! <= 0xfe) {
		return PICTURE_FORMATS[1]!;
	}
	if (head.length >= SNIFF_BYTES && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 15) === 'WEBPVP8' && ' LX'.includes(ascii(head, 15, 16))) {
		return PICTURE_FORMATS[2]!;
	}
	return null;
}
