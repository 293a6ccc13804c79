/**
 * Pictures carried inside a workshop file (src/lib/board/workshop-file.ts) as base64: the export
 * embeds each picture a figure shows, and the import checks every one by its content exactly as
 * an upload is checked (sniff.ts, then check.ts for the whole structure) before anything is
 * created.
 *
 * The file's schema has already bounded each picture's size and checked that it is base64. Each
 * picture is decoded to be checked and dropped again, and decoded once more when the store writes
 * it, so that an import holds one decoded picture at a time.
 */
import type { EmbeddedPicture } from '../../src/lib/board/workshop-file';
import { UserError } from '../http/user-error';
import { checkPicture } from './check';
import { SNIFF_BYTES, sniffPicture } from './sniff';
import type { CarriedPicture } from './store';

/** Base64 characters enough to decode SNIFF_BYTES (4 characters for every 3 bytes). */
const SNIFF_CHARS = Math.ceil(SNIFF_BYTES / 3) * 4;

const NAMES = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP' } as const;

/** The picture as the export writes it. */
export function embedPicture(mime: EmbeddedPicture['type'], bytes: Uint8Array): EmbeddedPicture {
	return { type: mime, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}

/**
 * Every picture of a parsed file, checked by content; the first one that is not a PNG, JPEG or
 * WebP, or not the type the file says, refuses the whole file with a 400.
 */
export function checkCarriedPictures(pictures: Readonly<Record<string, EmbeddedPicture>>): CarriedPicture[] {
	return Object.entries(pictures).map(([id, picture]) => {
		const format = sniffPicture(Buffer.from(picture.data.slice(0, SNIFF_CHARS), 'base64'));
		if (!format) {
			throw new UserError(400, 'import_picture_wrong_type', { id });
		}
		if (format.mime !== picture.type) {
			throw new UserError(400, 'import_picture_type_mismatch', { id, format: NAMES[format.mime], type: picture.type });
		}
		if (!checkPicture(Buffer.from(picture.data, 'base64')).ok) {
			throw new UserError(400, 'import_picture_broken', { id });
		}
		return { id, format, bytes: () => Buffer.from(picture.data, 'base64') };
	});
}
