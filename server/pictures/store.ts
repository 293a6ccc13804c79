/**
 * Pictures behind image figures, as files: DATA_DIR/pictures/<workshop code>/<id>.<ext>.
 * That layout is a contract: deleting a workshop's data removes DATA_DIR/pictures/<code> whole.
 * Pictures never go into a Yjs document; a figure holds only the id.
 *
 * - Ids are 128 random bits in base64url, so a picture's URL is a capability (docs/decisions.md).
 * - The format comes from the first bytes (sniff.ts), never from a name or a Content-Type, and
 *   the whole file must then pass the structure check (check.ts) before it is kept.
 * - An upload is streamed to a temp file in the same directory and renamed into place, so a
 *   reader never sees half a picture. Memory stays at one chunk while the body arrives; the
 *   check then reads the file back once (at most PICTURE_MAX_BYTES, facilitators only).
 * - An imported workshop file brings its pictures along under their ids (addCarried); the JSON
 *   export reads them whole (read).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { isPictureId, PICTURE_MESSAGES, PICTURES_PER_WORKSHOP_MAX, type PictureMimeType } from '../../src/lib/pictures';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import type { DocStore } from '../store/doc-store';
import type { FreeSpaceFloor } from '../store/free-space';
import { isValidCodeShape, normaliseCode } from '../workshops/codes';
import { checkPicture } from './check';
import { PICTURE_FORMATS, SNIFF_BYTES, sniffPicture, type PictureFormat } from './sniff';

/** A file that starts like a picture but that no browser could show. */
export const BROKEN_PICTURE = 'Bilden går inte att läsa: filen är skadad eller ofullständig. Spara den på nytt som PNG, JPEG eller WebP och försök igen.';

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
	readonly #root: string;
	readonly #store: DocStore;
	readonly #freeSpace: FreeSpaceFloor;
	readonly #log: Log;

	constructor(deps: { dataDir: string; store: DocStore; freeSpace: FreeSpaceFloor; log: Log }) {
		this.#root = path.join(deps.dataDir, 'pictures');
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
			throw new UserError(403, 'Bara workshopledaren kan lägga upp bilder.');
		}
		if (!isValidCodeShape(code) || !(await this.#store.getWorkshop(code))) {
			throw new UserError(404, 'Workshoppen finns inte längre.');
		}
		await this.#freeSpace.require('att lägga upp en bild');
		const dir = this.#workshopDir(code);
		await fs.promises.mkdir(dir, { recursive: true });
		if ((await this.#count(dir)) >= PICTURES_PER_WORKSHOP_MAX) {
			throw new UserError(409, `Workshoppen har redan ${PICTURES_PER_WORKSHOP_MAX} bilder. Fler får inte plats.`);
		}

		const id = randomBytes(16).toString('base64url');
		const temp = path.join(dir, `.${id}.upload`);
		let file: fs.promises.FileHandle | null = null;
		try {
			let head: Uint8Array = new Uint8Array(0);
			let format: PictureFormat | null = null;
			let size = 0;
			for await (const chunk of body) {
				size += chunk.byteLength;
				if (!format) {
					head = concat(head, chunk);
					if (head.length < SNIFF_BYTES) continue;
					format = recognise(head);
					file = await fs.promises.open(temp, 'wx');
					await file.write(head);
				} else {
					await file!.write(chunk);
				}
			}
			if (size === 0) throw new UserError(400, PICTURE_MESSAGES.empty);
			if (!format) {
				// Shorter than SNIFF_BYTES altogether: only a minimal JPEG can be that small.
				format = recognise(head);
				file = await fs.promises.open(temp, 'wx');
				await file.write(head);
			}
			await file!.sync();
			await file!.close();
			file = null;
			const checked = checkPicture(await fs.promises.readFile(temp));
			if (!checked.ok || checked.format !== format) {
				this.#log.info('picture refused', { code, size, problem: checked.ok ? 'a different format than it starts as' : checked.problem });
				throw new UserError(415, BROKEN_PICTURE);
			}
			await fs.promises.rename(temp, path.join(dir, `${id}.${format.ext}`));
			this.#log.info('picture stored', { code, id, mime: format.mime, size });
			return { id, mime: format.mime, size };
		} finally {
			if (file) await file.close().catch(() => {});
			await fs.promises.rm(temp, { force: true });
		}
	}

	/** The picture's bytes as a stream. A malformed id is a 400; an unknown one (or workshop) a 404. */
	async open(rawCode: string, id: string): Promise<PictureFile> {
		const found = await this.#find(rawCode, id);
		if (!found) throw new UserError(404, 'Bilden finns inte. Den kan ha tagits bort tillsammans med workshoppen.');
		const body = Readable.toWeb(fs.createReadStream(found.file)) as ReadableStream<Uint8Array>;
		return { mime: found.format.mime, size: found.size, body };
	}

	/** The picture's bytes whole, or null if the workshop has no such picture (a malformed id is a 400). */
	async read(rawCode: string, id: string): Promise<{ mime: PictureMimeType; bytes: Buffer } | null> {
		const found = await this.#find(rawCode, id);
		if (!found) return null;
		const bytes = await fs.promises.readFile(found.file).catch((e: NodeJS.ErrnoException) => {
			if (e.code === 'ENOENT') return null; // removed with its workshop since #find looked
			throw e;
		});
		return bytes && { mime: found.format.mime, bytes };
	}

	/**
	 * Writes a new workshop's pictures from an imported file, under their own ids: all or none.
	 * Each is decoded, written and dropped in turn, so memory holds one picture at a time. The
	 * caller has checked them (carried.ts) and made the workshop, whose directory holds nothing yet.
	 */
	async addCarried(rawCode: string, pictures: readonly CarriedPicture[]): Promise<void> {
		const code = normaliseCode(rawCode);
		if (!isValidCodeShape(code)) throw new Error(`not a workshop code: ${code}`);
		const dir = this.#workshopDir(code);
		await fs.promises.mkdir(dir, { recursive: true });
		const written: string[] = [];
		try {
			for (const picture of pictures) {
				if (!isPictureId(picture.id)) throw new Error(`not a picture id: ${picture.id}`);
				const temp = path.join(dir, `.${picture.id}.upload`);
				const final = path.join(dir, `${picture.id}.${picture.format.ext}`);
				try {
					await fs.promises.writeFile(temp, picture.bytes(), { flag: 'wx', flush: true });
					await fs.promises.rename(temp, final);
					written.push(final);
				} finally {
					await fs.promises.rm(temp, { force: true });
				}
			}
		} catch (e) {
			for (const file of written) await fs.promises.rm(file, { force: true });
			// Only if nothing else is in it: the directory is the workshop's, not ours to empty.
			await fs.promises.rmdir(dir).catch(() => {});
			throw e;
		}
		this.#log.info('pictures imported', { code, pictures: pictures.length });
	}

	/** Whether the workshop has this picture (a malformed id is a 400). */
	async has(rawCode: string, id: string): Promise<boolean> {
		return (await this.#find(rawCode, id)) !== null;
	}

	async #find(rawCode: string, id: string): Promise<{ file: string; format: PictureFormat; size: number } | null> {
		if (!isPictureId(id)) throw new UserError(400, 'Bildens adress är felaktig. Kontrollera länken.');
		const code = normaliseCode(rawCode);
		if (!isValidCodeShape(code)) return null;
		for (const format of PICTURE_FORMATS) {
			const file = path.join(this.#workshopDir(code), `${id}.${format.ext}`);
			const stat = await fs.promises.stat(file).catch(() => null);
			if (stat?.isFile()) return { file, format, size: stat.size };
		}
		return null;
	}

	/** Removes every picture of a workshop (its whole directory). */
	async deleteWorkshop(rawCode: string): Promise<void> {
		const code = normaliseCode(rawCode);
		// Only a well-formed code names a directory: nothing else under DATA_DIR can be removed.
		if (!isValidCodeShape(code)) return;
		await fs.promises.rm(this.#workshopDir(code), { recursive: true, force: true });
	}

	#workshopDir(code: string): string {
		return path.join(this.#root, code);
	}

	async #count(dir: string): Promise<number> {
		return (await fs.promises.readdir(dir)).filter((name) => !name.startsWith('.')).length;
	}
}

function recognise(head: Uint8Array): PictureFormat {
	const format = sniffPicture(head);
	if (!format) throw new UserError(415, PICTURE_MESSAGES.wrongType);
	return format;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	if (a.length === 0) return b;
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a);
	joined.set(b, a.length);
	return joined;
}
