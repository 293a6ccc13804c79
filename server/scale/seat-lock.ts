/**
 * Group capacity across instances (issue 12 §3): taking a seat in a group (a join, a move) reads
 * the group's members and writes the new one. In one process the workshop doc's update does both
 * at once. With several instances each has its own copy of the doc, which may not yet show a
 * member another instance just seated, so the seat is taken under a short per-workshop lock, and
 * the members are read from the store (which every instance commits to before it answers) merged
 * with this instance's copy (seats.ts).
 *
 * The lock is a PostgreSQL transaction-level advisory lock, `pg_advisory_xact_lock(hashtext(space
 * + '/seats'), codeNumber(code))`: freed by the COMMIT, or by the database when the connection
 * dies, so a crashed instance never keeps a workshop's joins waiting. Its first key differs from
 * the leases' (leases.ts), which the holder keeps for as long as it lives.
 */
import type pg from 'pg';
import { UserError } from '../http/user-error';
import { codeNumber } from '../workshops/codes';

export interface SeatLock {
	/** Whether other instances seat people too: then the store's members count, not only this doc's. */
	readonly shared: boolean;
	/** Runs `seat` while no other instance seats anyone in workshop `code`. */
	run<T>(code: string, seat: () => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

/** One instance: the doc's update is the lock. */
export const soleSeatLock: SeatLock = {
	shared: false,
	run: (_code, seat) => seat(),
	close: async () => {}
};

/** How long a join waits for the seats of its workshop: far more than a seat takes (one store write). */
const WAIT_MS = 10_000;
/** PostgreSQL's lock_not_available: the lock_timeout ran out. */
const LOCK_NOT_AVAILABLE = '55P03';
/** Joins of different workshops at once, each holding one connection for its transaction. */
const CONNECTIONS_MAX = 4;

export class AdvisorySeatLock implements SeatLock {
	readonly shared = true;
	readonly #databaseUrl: string;
	readonly #space: string;
	/** Made at the first seat: the driver is loaded then, not at start. */
	#pool: pg.Pool | null = null;

	/** `databaseUrl` and `space` as the leases' (leases.ts). */
	constructor(opts: { databaseUrl: string; space: string }) {
		this.#databaseUrl = opts.databaseUrl;
		this.#space = `${opts.space}/seats`;
	}

	async #connections(): Promise<pg.Pool> {
		if (this.#pool) return this.#pool;
		const { default: driver } = await import('pg');
		this.#pool ??= new driver.Pool({ connectionString: this.#databaseUrl, max: CONNECTIONS_MAX, application_name: 'verkstad-seats' });
		// An idle connection that dies is replaced by the pool; without a listener it would throw.
		this.#pool.on('error', () => {});
		return this.#pool;
	}

	async run<T>(code: string, seat: () => Promise<T>): Promise<T> {
		const client = await (await this.#connections()).connect();
		let broken = false;
		try {
			await client.query('BEGIN');
			await client.query(`SET LOCAL lock_timeout = ${WAIT_MS}`);
			await client.query('SELECT pg_advisory_xact_lock(hashtext($1), $2)', [this.#space, codeNumber(code)]).catch((err: unknown) => {
				throw (err as { code?: string }).code === LOCK_NOT_AVAILABLE ? new UserError(429, 'error_busy_joining') : err;
			});
			return await seat();
		} finally {
			// The transaction holds nothing but the lock: ending it either way frees it.
			await client.query('COMMIT').catch(() => (broken = true));
			client.release(broken);
		}
	}

	async close(): Promise<void> {
		await this.#pool?.end();
	}
}
