/**
 * Retention (issue 4 §6): a workshop's data goes when its facilitator deletes it, or by itself
 * `retentionDays` after it was created. Both ways do the same thing, in this order:
 *   1. every connection to any room of the workshop is closed with CLOSE_WORKSHOP_DELETED (the
 *      board page says "Workshoppen har raderats") and the rooms leave memory (Rooms.removeWorkshop,
 *      which keeps them from loading again until step 2 is done);
 *   2. the store deletes, in one transaction, the workshop record, every document of it (workshop,
 *      boards, plenary, private docs: snapshot and update log) and its board history;
 *   3. its pictures directory, DATA_DIR/pictures/<code>, is removed.
 * Afterwards the code answers 404 everywhere. The sweep runs at start-up and every hour; it takes
 * `now` so that tests need not wait 90 days. With several instances only the holder of the global
 * lease sweeps (server/scale/leases.ts), and it sweeps once more when it takes that lease.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RetentionInfo } from '../../src/lib/api-types';
import type { Claims } from '../auth/tokens';
import type { HistoryService } from '../history/service';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import { soleLeases, type Leases } from '../scale/leases';
import type { DocStore } from '../store/doc-store';
import { CLOSE_WORKSHOP_DELETED } from '../sync/close-codes';
import type { Rooms } from '../sync/rooms';
import { isValidCodeShape, normaliseCode } from './codes';

const DAY_MS = 24 * 60 * 60_000;
const SWEEP_EVERY_MS = 60 * 60_000;

export class RetentionService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #history: HistoryService | null;
	readonly #log: Log;
	readonly #dataDir: string;
	readonly #retentionDays: number;
	readonly #leases: Leases;
	readonly #running = new Set<Promise<unknown>>();
	/** Deletions under way by code: a second request for the same workshop joins the first. */
	readonly #deleting = new Map<string, Promise<void>>();
	#timer: NodeJS.Timeout | null = null;

	constructor(deps: { store: DocStore; rooms: Rooms; history?: HistoryService; log: Log; dataDir: string; retentionDays: number; leases?: Leases }) {
		this.#leases = deps.leases ?? soleLeases;
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#history = deps.history ?? null;
		this.#log = deps.log;
		this.#dataDir = deps.dataDir;
		this.#retentionDays = deps.retentionDays;
	}

	/** Sweeps now and then every hour, while this instance holds the global lease. */
	start(): void {
		this.sweepHeld();
		this.#timer ??= setInterval(() => this.sweepHeld(), SWEEP_EVERY_MS);
		this.#timer.unref();
	}

	/** One sweep in the background, if this instance holds the global lease (also when it takes it). */
	sweepHeld(): void {
		if (!this.#leases.holdsGlobal()) return;
		void this.#track(this.sweep().catch((err: unknown) => this.#log.error('retention sweep failed', { step: 'retention', error: String(err) })));
	}

	/** Stops the hourly sweep and waits for a deletion under way; call before closing the rooms. */
	async close(): Promise<void> {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		await Promise.allSettled([...this.#running]);
	}

	/** When the facilitator's workshop deletes itself. */
	async info(rawCode: string, claims: Claims): Promise<RetentionInfo> {
		const record = await this.#facilitatorsWorkshop(rawCode, claims);
		return { createdAt: record.createdAt, expiresAt: this.#expiresAt(record.createdAt), retentionDays: this.#retentionDays };
	}

	/** "Radera workshoppen": the facilitator deletes everything of the workshop now. */
	async deleteNow(rawCode: string, claims: Claims): Promise<void> {
		const record = await this.#facilitatorsWorkshop(rawCode, claims);
		await this.#track(this.#delete(record.code, 'deleted by the facilitator'));
	}

	/** Deletes every workshop created more than retentionDays before `now`; returns their codes. */
	async sweep(now = Date.now()): Promise<string[]> {
		const expired = await this.#store.workshopsCreatedBefore(now - this.#retentionDays * DAY_MS);
		for (const code of expired) await this.#delete(code, 'expired');
		return expired;
	}

	#delete(code: string, why: string): Promise<void> {
		let job = this.#deleting.get(code);
		if (!job) {
			job = this.#deleteOnce(code, why).finally(() => this.#deleting.delete(code));
			this.#deleting.set(code, job);
		}
		return job;
	}

	async #deleteOnce(code: string, why: string): Promise<void> {
		this.#history?.forget(code);
		await this.#rooms.removeWorkshop(code, { closeCode: CLOSE_WORKSHOP_DELETED, reason: 'workshop deleted' }, () =>
			this.#store.deleteWorkshop(code)
		);
		// The code's shape ([0-9A-Z]{6}) keeps this path inside the pictures directory.
		await fs.rm(path.join(this.#dataDir, 'pictures', code), { recursive: true, force: true });
		this.#log.info('workshop deleted', { code, step: 'retention', why });
	}

	async #facilitatorsWorkshop(rawCode: string, claims: Claims) {
		const code = normaliseCode(rawCode);
		if (claims.role !== 'facilitator' || claims.code !== code) {
			throw new UserError(403, 'error_retention_facilitator_only');
		}
		const record = isValidCodeShape(code) ? await this.#store.getWorkshop(code) : null;
		if (!record) throw new UserError(404, 'error_workshop_gone');
		return record;
	}

	#expiresAt(createdAt: number): number {
		return createdAt + this.#retentionDays * DAY_MS;
	}

	#track<T>(job: Promise<T>): Promise<T> {
		this.#running.add(job);
		void job.finally(() => this.#running.delete(job)).catch(() => {});
		return job;
	}
}
