/**
 * Pictures behind image figures, kept by the DocStore where every instance sees them: files under
 * DATA_DIR/pictures/<workshop code>/ with SQLite, a table with PostgreSQL. A workshop's pictures
 * go with it (DocStore.deleteWorkshop). Pictures never go into a Yjs document; a figure holds only
 * the id.
 *
 * - Ids are 128 random bits in base64url, so a picture's URL is a capability (docs/decisions.md).
 * - The format comes from the first bytes (sniff.ts), never from a name or a Content-Type, and
 *   the whole picture must then pass the structure check (check.ts) before it is kept. The
 *   upload is held in memory for that (at most PICTURE_MAX_BYTES, facilitators only).
 * - An imported workshop file brings its pictures along under their ids (addCarried); the JSON
 *   export reads them whole (read).
 */
import { randomBytes } from 'node:crypto';
import { isPictureId, PICTURES_PER_WORKSHOP_MAX, type PictureMimeType } from '../../src/lib/pictures';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import type { DocStore } from '../store/doc-store';
import type { FreeSpaceFloor } from '../store/free-space';
import { isValidCodeShape, normaliseCode } from '../workshops/codes';
import { checkPicture } from './check';
import { PICTURE_FORMATS, SNIFF_BYTES, sniffPicture, type PictureFormat } from './sniff';

export interface SavedPicture {
	id: string;
	mime: PictureMimeType;
	size: number;
}

export interface PictureFile {
	mime: PictureMimeType;
	size: number;
	body: ReadableStream<Uint8Array>;
}

/** A picture from an imported workshop file, checked by content (carried.ts), decoded on demand. */
export interface CarriedPicture {
	id: string;
	format: PictureFormat;
	bytes(): Uint8Array;
}

export class PictureStore {
	readonly #store: DocStore;
	readonly #freeSpace: FreeSpaceFloor;
	readonly #log: Log;

	constructor(deps: { store: DocStore; freeSpace: FreeSpaceFloor; log: Log }) {
		this.#store = deps.store;
		this.#freeSpace = deps.freeSpace;
		this.#log = deps.log;
	}

	/**
	 * Stores an upload from the workshop's facilitator. `body` is read only after the caller has
	 * been checked, and should itself stop at PICTURE_MAX_BYTES (server/http/body.ts).
	 */
	async save(rawCode: string, claims: Claims, body: AsyncIterable<Uint8Array>): Promise<SavedPicture> {
		const code = normaliseCode(rawCode);
		if (claims.role !== 'facilitator' || claims.code !== code) {
			throw new UserError(403, 'error_picture_facilitator_only');
		}
		if (!isValidCodeShape(code) || !(await this.#store.getWorkshop(code))) {
			throw new UserError(404, 'error_workshop_gone');
		}
		await this.#freeSpace.require('error_disk_what_picture');
		if ((await this.#store.listPictures(code)).length >= PICTURES_PER_WORKSHOP_MAX) {
			throw new UserError(409, 'error_pictures_full', { max: PICTURES_PER_WORKSHOP_MAX });
		}

		const chunks: Uint8Array[] = [];
		let format: PictureFormat | null = null;
		let size = 0;
		for await (const chunk of body) {
			chunks.push(chunk);
			size += chunk.byteLength;
			// Refused as soon as the first bytes say it is no picture, before the rest arrives.
			if (!format && size >= SNIFF_BYTES) format = recognise(Buffer.concat(chunks));
		}
		if (size === 0) throw new UserError(400, 'error_picture_empty');
		const bytes = Buffer.concat(chunks, size);
		// Shorter than SNIFF_BYTES altogether: only a minimal JPEG can be that small.
		format ??= recognise(bytes);
		const checked = checkPicture(bytes);
		if (!checked.ok || checked.format !== format) {
			this.#log.info('picture refused', { code, size, problem: checked.ok ? 'a different format than it starts as' : checked.problem });
			throw new UserError(415, 'error_picture_broken');
		}
		const id = randomBytes(16).toString('base64url');
		if (!(await this.#store.putPictures(code, [{ id, ext: format.ext, bytes: () => bytes }]))) throw new UserError(404, 'error_workshop_gone');
		this.#log.info('picture stored', { code, id, mime: format.mime, size });
		return { id, mime: format.mime, size };
	}

	/** The picture's bytes as a stream. A malformed id is a 400; an unknown one (or workshop) a 404. */
	async open(rawCode: string, id: string): Promise<PictureFile> {
		const found = await this.read(rawCode, id);
		if (!found) throw new UserError(404, 'error_picture_unknown');
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(found.bytes);
				controller.close();
			}
		});
		return { mime: found.mime, size: found.bytes.byteLength, body };
	}

	/** The picture's bytes whole, or null if the workshop has no such picture (a malformed id is a 400). */
	async read(rawCode: string, id: string): Promise<{ mime: PictureMimeType; bytes: Buffer } | null> {
		const code = checkedCode(rawCode, id);
		const picture = code && (await this.#store.getPicture(code, id));
		const format = picture && PICTURE_FORMATS.find((f) => f.ext === picture.ext);
		if (!picture || !format) return null;
		return { mime: format.mime, bytes: Buffer.from(picture.data.buffer, picture.data.byteOffset, picture.data.byteLength) };
	}

	/**
	 * Stores a new workshop's pictures from an imported file, under their own ids: all or none.
	 * The store decodes, writes and drops each in turn, so memory holds one picture at a time. The
	 * caller has checked them (carried.ts) and made the workshop, which holds no pictures yet.
	 */
	async addCarried(rawCode: string, pictures: readonly CarriedPicture[]): Promise<void> {
		const code = normaliseCode(rawCode);
		if (!isValidCodeShape(code)) throw new Error(`not a workshop code: ${code}`);
		for (const picture of pictures) if (!isPictureId(picture.id)) throw new Error(`not a picture id: ${picture.id}`);
		const stored = await this.#store.putPictures(
			code,
			pictures.map((picture) => ({ id: picture.id, ext: picture.format.ext, bytes: () => picture.bytes() }))
		);
		if (!stored) throw new Error(`workshop ${code} is gone`);
		this.#log.info('pictures imported', { code, pictures: pictures.length });
	}

	/** Whether the workshop has this picture (a malformed id is a 400). */
	async has(rawCode: string, id: string): Promise<boolean> {
		const code = checkedCode(rawCode, id);
		return code !== null && (await this.#store.listPictures(code)).some((picture) => picture.id === id);
	}
}

/** The workshop code to look a picture up under, or null for a code no workshop can have; a malformed id is a 400. */
function checkedCode(rawCode: string, id: string): string | null {
	if (!isPictureId(id)) throw new UserError(400, 'error_picture_address');
	const code = normaliseCode(rawCode);
	return isValidCodeShape(code) ? code : null;
}

function recognise(head: Uint8Array): PictureFormat {
	const format = sniffPicture(head);
	if (!format) throw new UserError(415, 'error_picture_wrong_type');
	return format;
}
