/**
 * Workshop leases on PostgreSQL advisory locks (server/scale/leases.ts), against the real
 * database: at most one lease manager holds a workshop, and when the holder's session dies the
 * other takes the workshop within seconds, without a moment where both believe they hold it.
 * Each test draws its own lock space, so that tests and helpers running beside it never meet.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { AdvisoryLeases } from '../../server/scale/leases';
import { codeNumber } from '../../server/workshops/codes';
import { memoryLog, waitFor } from './helpers';
import { TEST_DATABASE_URL } from './fixtures/store-backends';

const CODE = 'K7P4QX';
const PASS_MS = 200;
const closing: (() => Promise<void>)[] = [];

afterEach(async () => {
	for (const close of closing.splice(0)) await close();
});

function manager(space: string, wanted: () => string[], passMs = PASS_MS): AdvisoryLeases {
	const leases = new AdvisoryLeases({ databaseUrl: TEST_DATABASE_URL, space, log: memoryLog(), passMs, wanted: async () => wanted() });
	closing.push(() => leases.close());
	leases.start();
	return leases;
}

function nextPass(leases: AdvisoryLeases): Promise<void> {
	return new Promise((resolve) => {
		const stop = leases.afterPass(() => {
			stop();
			resolve();
		});
	});
}

async function admin(): Promise<pg.Client> {
	const client = new pg.Client(TEST_DATABASE_URL);
	await client.connect();
	closing.push(() => client.end());
	return client;
}

/** The backend holding this workshop's lease in the database, as PostgreSQL itself says. */
async function holderPid(db: pg.Client, space: string, code: string): Promise<number | null> {
	// A two-key lock's first key is in classid, as the unsigned number of the same 32 bits.
	const { rows } = await db.query<{ pid: number }>(
		"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid::bigint = (hashtext($1)::bigint & 4294967295) AND objid = $2 AND objsubid = 2",
		[space, codeNumber(code)]
	);
	return rows[0]?.pid ?? null;
}

describe('a workshop lease', () => {
	it('is held by one instance at a time, and taken over within seconds when the holder dies', async () => {
		const space = `leases-test:${randomBytes(8).toString('hex')}`;
		// The holder checks rarely, the other often: only the holder's connection events can keep
		// it from still believing it holds the lease once the other has taken it.
		const holder = manager(space, () => [CODE], 60_000);
		await waitFor(() => holder.holds(CODE), { message: 'the first holder' });
		const other = manager(space, () => [CODE]);
		await nextPass(other);
		await nextPass(other);
		expect(other.holds(CODE)).toBe(false);
		// The workshop's and the global lease, both on the first holder.
		expect(holder.leasesHeld()).toBe(2);
		expect(other.leasesHeld()).toBe(0);

		const db = await admin();
		const pid = await holderPid(db, space, CODE);
		expect(pid).not.toBeNull();
		const killedAt = Date.now();
		await db.query('SELECT pg_terminate_backend($1)', [pid]);
		let both = 0;
		await waitFor(
			() => {
				if (holder.holds(CODE) && other.holds(CODE)) both++;
				return other.holds(CODE);
			},
			{ interval: 1, message: 'the take-over' }
		);
		expect(both).toBe(0);
		expect(holder.holds(CODE)).toBe(false);
		expect(Date.now() - killedAt).toBeLessThan(3000);
		// And the database agrees: the lease is on the other session now.
		const now = await holderPid(db, space, CODE);
		expect(now).not.toBeNull();
		expect(now).not.toBe(pid);
	});

	it('is let go when its work is done, so another instance may take it', async () => {
		const space = `leases-test:${randomBytes(8).toString('hex')}`;
		let wanted = [CODE];
		const a = manager(space, () => wanted);
		await waitFor(() => a.holds(CODE), { message: 'the first holder' });
		const b = manager(space, () => [CODE]);
		await nextPass(b);
		expect(b.holds(CODE)).toBe(false);
		wanted = [];
		await waitFor(() => b.holds(CODE), { message: 'the second holder' });
		expect(a.holds(CODE)).toBe(false);
		expect(a.leasesHeld()).toBe(1);
	});

	it('is dropped at once when its connection is closed, and taken again when it comes back', async () => {
		const space = `leases-test:${randomBytes(8).toString('hex')}`;
		const a = manager(space, () => [CODE]);
		await waitFor(() => a.holds(CODE), { message: 'the lease' });
		const db = await admin();
		await db.query('SELECT pg_terminate_backend($1)', [await holderPid(db, space, CODE)]);
		await waitFor(() => !a.holds(CODE), { message: 'the lease dropped' });
		await waitFor(() => a.holds(CODE), { message: 'the lease taken again on a new connection' });
	});
});
