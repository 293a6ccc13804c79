/**
 * Pictures behind image figures: the rules the browser checks before an upload and the server
 * enforces (server/pictures). A picture is a file on the server; the board doc holds only its id.
 */
import { m } from './paraglide/messages';

/** 10 MB: a phone photo or a slide exported as an image, with room to spare. */
export const PICTURE_MAX_BYTES = 10 * 1024 * 1024;

/** Replacing a picture keeps the old file (undo may bring it back); this bounds the disk per workshop. */
export const PICTURES_PER_WORKSHOP_MAX = 200;

/** The formats a browser shows everywhere; the server decides the format by content, not name. */
export const PICTURE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type PictureMimeType = (typeof PICTURE_MIME_TYPES)[number];

/** 128 random bits in base64url are 22 characters; nothing else is ever a picture id. */
const PICTURE_ID = /^[A-Za-z0-9_-]{22}$/;

export function isPictureId(value: string): boolean {
	return PICTURE_ID.test(value);
}

/** Where a picture is served: a capability URL, scoped to its workshop (docs/decisions.md). */
export function pictureUrl(code: string, id: string): string {
	return `/api/workshops/${encodeURIComponent(code)}/pictures/${encodeURIComponent(id)}`;
}

/**
 * What is wrong with a file the person picked, before it is sent (null: nothing). The browser
 * knows the type only from the name; the server checks the content again.
 */
export function pictureProblem(file: { size: number; type: string }): string | null {
	if (!(PICTURE_MIME_TYPES as readonly string[]).includes(file.type)) return m.error_picture_wrong_type();
	if (file.size === 0) return m.error_picture_empty();
	if (file.size > PICTURE_MAX_BYTES) return m.error_picture_too_large({ max: PICTURE_MAX_BYTES / 1024 / 1024 });
	return null;
}
