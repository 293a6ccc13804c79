/**
 * The free-space floor: below `minFreeBytes` free on DATA_DIR's file system (statfs, the space an
 * unprivileged process may still use), nothing new is taken in: new workshops, workshop and
 * template imports, and pictures are refused with 507 before they write anything, so that what
 * is left goes to the boards already running. Edits on existing boards are not refused here; a
 * disk that fills anyway is the store's to survive (sqlite-store.ts).
 *
 * One statfs call per request that would take something in: cheap, and never cached, so the
 * floor lifts the moment space is freed.
 */
import fs from 'node:fs';
import { UserError } from '../http/user-error';

export class FreeSpaceFloor {
	readonly #dir: string;
	readonly #minFreeBytes: number;

	constructor(opts: { dataDir: string; minFreeBytes: number }) {
		this.#dir = opts.dataDir;
		this.#minFreeBytes = opts.minFreeBytes;
	}

	/** Free bytes on the data directory's file system. */
	async freeBytes(): Promise<number> {
		const stats = await fs.promises.statfs(this.#dir);
		return stats.bavail * stats.bsize;
	}

	/** Throws a 507 UserError when the free space is below the floor; `what` names what was refused. */
	async require(what: string): Promise<void> {
		if (this.#minFreeBytes <= 0) return;
		if ((await this.freeBytes()) >= this.#minFreeBytes) return;
		throw new UserError(507, `Servern har nästan slut på lagringsutrymme, så ${what} går inte just nu. Pågående workshoppar fungerar som vanligt. Be den som sköter servern att frigöra utrymme.`);
	}
}
