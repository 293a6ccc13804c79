/**
 * The SQLite store's pictures, as files beside the database: <root>/<workshop code>/<id>.<ext>,
 * the layout Verkstad has always had (DATA_DIR/pictures), so nothing moves on an upgrade. One
 * instance owns a SQLite file, so a directory is as shared as the file; PostgreSQL keeps pictures
 * in a table instead (pg-store.ts).
 *
 * A picture is written to a temp file in the same directory and renamed into place, so a reader
 * never sees half of one; a batch that fails part-way removes what it wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NewPicture, PictureInfo, StoredPicture } from './doc-store';

/** Codes, ids and extensions become path segments: nothing that could leave the directory. */
const SEGMENT = /^[A-Za-z0-9_-]+$/;

function segment(value: string): string {
	if (!SEGMENT.test(value)) throw new Error(`not a picture path segment: ${JSON.stringify(value)}`);
	return value;
}

export class PictureFiles {
	readonly #root: string;

	constructor(root: string) {
		this.#root = root;
	}

	async put(code: string, pictures: readonly NewPicture[]): Promise<void> {
		const dir = this.#dir(code);
		await fs.promises.mkdir(dir, { recursive: true });
		const written: string[] = [];
		try {
			for (const picture of pictures) {
				const temp = path.join(dir, `.${segment(picture.id)}.upload`);
				const final = path.join(dir, `${picture.id}.${segment(picture.ext)}`);
				try {
					await fs.promises.writeFile(temp, picture.bytes(), { flag: 'wx', flush: true });
					await fs.promises.rename(temp, final);
					written.push(final);
				} finally {
					await fs.promises.rm(temp, { force: true });
				}
			}
		} catch (err) {
			for (const file of written) await fs.promises.rm(file, { force: true });
			// Only if nothing else is in it: the directory may hold the workshop's other pictures.
			await fs.promises.rmdir(dir).catch(() => {});
			throw err;
		}
	}

	async get(code: string, id: string): Promise<StoredPicture | null> {
		const dir = this.#dir(code);
		const found = await this.#find(dir, segment(id));
		if (!found) return null;
		const data = await fs.promises.readFile(path.join(dir, found)).catch((e: NodeJS.ErrnoException) => {
			if (e.code === 'ENOENT') return null; // removed with its workshop since #find looked
			throw e;
		});
		return data && { id, ext: found.slice(id.length + 1), data: new Uint8Array(data) };
	}

	async list(code: string): Promise<PictureInfo[]> {
		const dir = this.#dir(code);
		const pictures: PictureInfo[] = [];
		for (const name of (await this.#names(dir)).sort()) {
			const stat = await fs.promises.stat(path.join(dir, name)).catch(() => null);
			const dot = name.indexOf('.');
			if (stat?.isFile()) pictures.push({ id: name.slice(0, dot), ext: name.slice(dot + 1), size: stat.size });
		}
		return pictures;
	}

	async deleteWorkshop(code: string): Promise<void> {
		// A name that put() would refuse has no pictures, and must not name a path to remove.
		if (!SEGMENT.test(code)) return;
		await fs.promises.rm(this.#dir(code), { recursive: true, force: true });
	}

	#dir(code: string): string {
		return path.join(this.#root, segment(code));
	}

	/** The file name of picture `id` in `dir`, whatever its extension. */
	async #find(dir: string, id: string): Promise<string | null> {
		return (await this.#names(dir)).find((name) => name.startsWith(`${id}.`)) ?? null;
	}

	/** The pictures' file names (temp files start with a dot); none for a directory not made yet. */
	async #names(dir: string): Promise<string[]> {
		const names = await fs.promises.readdir(dir).catch((e: NodeJS.ErrnoException) => {
			if (e.code === 'ENOENT') return [];
			throw e;
		});
		return names.filter((name) => !name.startsWith('.'));
	}
}
