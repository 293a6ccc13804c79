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
import { said } from '../../src/lib/said';
import { UserError } from '../http/user-error';

/** What the floor refuses, as the sentence names it (messages error_disk_what_*). */
export type DiskUse = 'error_disk_what_picture' | 'error_disk_what_template' | 'error_disk_what_workshop' | 'error_disk_what_import';

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
	async require(what: DiskUse): Promise<void> {
		if (this.#minFreeBytes <= 0) return;
		if ((await this.freeBytes()) >= this.#minFreeBytes) return;
		throw new UserError(507, 'error_disk_almost_full', { what: said(what) });
	}
}
