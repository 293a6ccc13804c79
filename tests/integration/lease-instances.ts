/**
 * Two whole Verkstad instances (createVerkstad, as server/index.ts builds them) sharing their
 * data and their leases, for the tests of the server's own work and of group capacity. Unlike
 * instances.ts (the fan-out's helper) they are not linked through Redis, on purpose: each
 * instance's loaded copy of a doc then never learns what the other wrote, the hardest case for
 * the leases and the seat lock, which must get it right from the store alone. They share one
 * SQLite file until the PostgreSQL store is in, while DATABASE_URL points the leases and the seat
 * lock at the real PostgreSQL; each pair draws its own lock keys, so pairs never meet.
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import * as Y from 'yjs';
import { createVerkstad, type Verkstad } from '../../server/app';
import { configFromEnv, type Config } from '../../server/config';
import type { DocStore } from '../../server/store/doc-store';
import { tempDir } from './helpers';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Lease passes in tests: often enough that a take-over is quick to wait for. */
export const TEST_PASS_MS = 200;

export interface Pair {
	a: Verkstad;
	b: Verkstad;
	/** Closes whichever instance is still open and removes the data directory. */
	close(): Promise<void>;
}

export async function twoInstances(): Promise<Pair> {
	const dataDir = tempDir();
	// From the environment's defaults, so that a setting added later needs no change here; the
	// history's rounds (SNAPSHOT_MINUTES) run when a test calls them.
	const config: Config = {
		...configFromEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'error', MIN_FREE_MB: '0', SNAPSHOT_MINUTES: '60' }),
		port: 0,
		host: '127.0.0.1',
		// The leases and the seat lock on PostgreSQL; the data still on the shared SQLite file.
		databaseUrl: TEST_DATABASE_URL,
		// No fan-out: each instance's copy of a doc stays as stale as it can get, the hard case.
		redisUrl: null
	};
	const leases = { keys: randomInt(1, 2 ** 31 - 2), passMs: TEST_PASS_MS };
	// One after the other: the first makes the token secret, the second reads it.
	const a = await createVerkstad(config, leases);
	const b = await createVerkstad(config, leases);
	return {
		a,
		b,
		async close() {
			await Promise.all([a.close(), b.close()]);
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** The doc as stored, read without loading its room on either instance. */
export async function storedDoc(store: DocStore, room: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	for (const update of (await store.loadDoc(room)).updates) Y.applyUpdate(doc, update);
	return doc;
}
