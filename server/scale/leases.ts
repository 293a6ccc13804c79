/**
 * One authority per workshop (issue 12 §3): the server's own work for a workshop (its phase ends
 * and their actions, the history snapshots) runs only on the instance that holds the workshop's
 * lease, and the retention sweep only on the holder of the one global lease. Work a person asks
 * for over HTTP runs where the request arrives; only what the server does by itself is gated.
 *
 * Mechanism: PostgreSQL session advisory locks, `pg_try_advisory_lock(hashtext(space),
 * codeNumber(code))`, on one dedicated connection. Chosen over Redis `SET NX PX` because the store is the truth: a
 * Redis outage must not stop phase ends, a lock needs no renewal, and PostgreSQL frees every lock
 * of a session the moment that session ends, so a dead holder's leases are free at once.
 *
 * Safety: this instance believes it holds a lease only while its lock connection is known good.
 * Every pass (PASS_MS) runs a query on that connection with a deadline; a failed or late query,
 * or the connection's error or end event, drops every lease here at once and closes the session,
 * which frees the locks in the database. A lease is believed only after the database granted it,
 * and forgotten before it is unlocked, so two instances never both believe they hold one, short
 * of the time the holder takes to learn its connection is gone (an event, or one pass at most).
 *
 * Without DATABASE_URL there is one instance, and soleLeases holds everything, at no cost.
 */
import type pg from 'pg';
import type { Log } from '../log';
import { codeNumber } from '../workshops/codes';

export interface Leases {
	/** True while this instance may do the server's own work for workshop `code`. */
	holds(code: string): boolean;
	/** True while this instance may run the work that spans every workshop (the retention sweep). */
	holdsGlobal(): boolean;
	/** Leases this instance has taken in the database (a gauge); 0 for the sole instance, which needs none. */
	leasesHeld(): number;
	close(): Promise<void>;
}

/** The one instance of an embedded-SQLite Verkstad: nobody else could do the work. */
export const soleLeases: Leases = {
	holds: () => true,
	holdsGlobal: () => true,
	leasesHeld: () => 0,
	close: async () => {}
};

/** How often free leases are taken and the lock connection is checked. */
export const PASS_MS = 2000;
/**
 * A check slower than this counts as a lost connection: the locks may be gone without our knowing.
 * Generous, since a busy machine (CI's two cores under a whole test run) answered slower than
 * 1.5 s, and each false alarm hands every lease to another instance in the middle of its work.
 */
const CHECK_TIMEOUT_MS = 5000;
/**
 * Advisory locks belong to the whole database, not to a schema: the first key of a lease is
 * `hashtext(space)`, the space naming the Verkstad (its schema, lease-work.ts), so that two
 * Verkstads in one database never share a lease. The second key is the workshop's code number, or
 * GLOBAL_KEY for the work over every workshop.
 */
const GLOBAL_KEY = -1;

/** Where the count of leases held is shown (the metrics' gauge). */
export interface LeaseGauge {
	set(value: number): void;
}

/** What a pass found: every lease held after it, and those taken in it (to pick up their stored work). */
export interface Pass {
	held: ReadonlySet<string>;
	taken: readonly string[];
	globalTaken: boolean;
}

export class AdvisoryLeases implements Leases {
	readonly #databaseUrl: string;
	readonly #log: Log;
	readonly #space: string;
	readonly #passMs: number;
	readonly #wanted: () => Promise<Iterable<string>>;
	readonly #listeners = new Set<(pass: Pass) => void>();
	readonly #gauge: LeaseGauge | null;
	readonly #held = new Set<string>();
	#global = false;
	#client: pg.Client | null = null;
	#timer: NodeJS.Timeout | null = null;
	#passing: Promise<void> | null = null;
	#closed = false;
	/** The database is out of reach: said once per outage, not every pass. */
	#unreachable = false;

	/** `wanted`: the workshops this instance has work for; leases outside it are let go. */
	/** `databaseUrl`: a libpq connection string (without Verkstad's own ?schema=). */
	constructor(opts: { databaseUrl: string; space: string; log: Log; wanted: () => Promise<Iterable<string>>; passMs?: number; gauge?: LeaseGauge }) {
		this.#gauge = opts.gauge ?? null;
		this.#databaseUrl = opts.databaseUrl;
		this.#log = opts.log;
		this.#wanted = opts.wanted;
		this.#space = opts.space;
		this.#passMs = opts.passMs ?? PASS_MS;
	}

	/** Runs the first pass now and then one every passMs. */
	start(): void {
		if (this.#closed || this.#passing) return;
		this.#passing = this.#pass().finally(() => {
			this.#passing = null;
			if (this.#closed) return;
			this.#timer = setTimeout(() => {
				this.#timer = null;
				this.start();
			}, this.#passMs);
			this.#timer.unref();
		});
	}

	/** Told after every pass that reached the database. */
	afterPass(listener: (pass: Pass) => void): () => void {
		this.#listeners.add(listener);
		return () => void this.#listeners.delete(listener);
	}

	holds(code: string): boolean {
		return this.#held.has(code);
	}

	holdsGlobal(): boolean {
		return this.#global;
	}

	leasesHeld(): number {
		return this.#held.size + (this.#global ? 1 : 0);
	}

	/** Lets every lease go (the session ends, so the database frees them at once for another instance). */
	async close(): Promise<void> {
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.#passing;
		this.#drop('closing');
	}

	async #pass(): Promise<void> {
		let client: pg.Client;
		try {
			client = await this.#connection();
		} catch (err) {
			if (!this.#unreachable) this.#log.warn('leases: database unreachable, holding none', { step: 'leases', error: String(err) });
			this.#unreachable = true;
			return;
		}
		if (this.#unreachable) this.#log.info('leases: database reachable again', { step: 'leases' });
		this.#unreachable = false;
		try {
			const wanted = await this.#wantedCodes();
			await this.#letGo(client, wanted);
			const taken = await this.#take(client, wanted);
			// One query a pass at least, so that it is also the check of the lock connection.
			let globalTaken = false;
			if (this.#global) await client.query('SELECT 1');
			else globalTaken = this.#global = (await this.#lock(client, GLOBAL_KEY)) && this.#client === client;
			this.#gauge?.set(this.leasesHeld());
			if (this.#closed || this.#client !== client) return;
			this.#tell({ held: this.#held, taken, globalTaken });
		} catch (err) {
			if (this.#client === client) this.#drop(`lease check failed: ${String(err)}`);
		}
	}

	/** A listener's failure is its own: it must not cost the leases. */
	#tell(pass: Pass): void {
		for (const listener of this.#listeners) {
			try {
				listener(pass);
			} catch (err) {
				this.#log.error('lease pass listener failed', { step: 'leases', error: String(err) });
			}
		}
	}

	async #connection(): Promise<pg.Client> {
		if (this.#client) return this.#client;
		// Loaded here, not at start: a server on SQLite never needs the driver (issue 11's lean idle).
		const { default: driver } = await import('pg');
		const client = new driver.Client({ connectionString: this.#databaseUrl, query_timeout: CHECK_TIMEOUT_MS, keepAlive: true, application_name: 'verkstad-leases' });
		client.on('error', (err) => this.#lost(client, `lease connection error: ${err.message}`));
		client.on('end', () => this.#lost(client, 'lease connection ended'));
		try {
			await client.connect();
		} catch (err) {
			void client.end().catch(() => {});
			throw err;
		}
		this.#client = client;
		return client;
	}

	/** The wanted list failing (the store) keeps what is held: the work there is still ours. */
	async #wantedCodes(): Promise<Set<string>> {
		try {
			return new Set(await this.#wanted());
		} catch (err) {
			this.#log.warn('leases: wanted workshops not read', { step: 'leases', error: String(err) });
			return new Set(this.#held);
		}
	}

	/** Forgotten first, unlocked after: never believed held while another instance may have it. */
	async #letGo(client: pg.Client, wanted: ReadonlySet<string>): Promise<void> {
		const gone = [...this.#held].filter((code) => !wanted.has(code));
		if (!gone.length) return;
		for (const code of gone) this.#held.delete(code);
		await client.query('SELECT pg_advisory_unlock(hashtext($1), k) FROM unnest($2::int[]) AS k', [this.#space, gone.map(codeNumber)]);
	}

	async #take(client: pg.Client, wanted: ReadonlySet<string>): Promise<string[]> {
		const byNumber = new Map<number, string>();
		for (const code of wanted) if (!this.#held.has(code)) byNumber.set(codeNumber(code), code);
		if (!byNumber.size) return [];
		const { rows } = await client.query<{ k: number; got: boolean }>(
			'SELECT k, pg_try_advisory_lock(hashtext($1), k) AS got FROM unnest($2::int[]) AS k',
			[this.#space, [...byNumber.keys()]]
		);
		const taken: string[] = [];
		// Dropped while the answer came: those locks went with the session.
		if (this.#client !== client) return taken;
		for (const row of rows) {
			const code = byNumber.get(row.k);
			if (!row.got || code === undefined) continue;
			this.#held.add(code);
			taken.push(code);
		}
		if (taken.length) this.#log.info('leases taken', { step: 'leases', count: taken.length, held: this.#held.size });
		return taken;
	}

	async #lock(client: pg.Client, key: number): Promise<boolean> {
		const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), $2) AS got', [this.#space, key]);
		return rows[0]?.got === true;
	}

	#lost(client: pg.Client, why: string): void {
		if (this.#client === client) this.#drop(why);
	}

	/** Stops believing first, then ends the session, which frees its locks in the database. */
	#drop(why: string): void {
		const client = this.#client;
		const had = this.leasesHeld();
		this.#held.clear();
		this.#global = false;
		this.#client = null;
		this.#gauge?.set(0);
		if (had && !this.#closed) this.#log.warn('leases dropped', { step: 'leases', count: had, why });
		void client?.end().catch(() => {});
	}
}
