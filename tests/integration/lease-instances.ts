/**
 * Two whole Verkstad instances (createVerkstad, as server/index.ts builds them) on one PostgreSQL
 * schema of the test's own, for the tests of the server's own work and of group capacity. Unlike
 * instances.ts (the fan-out's helper) they are not linked through Redis, on purpose: each
 * instance's loaded copy of a doc then never learns what the other wrote, the hardest case for
 * the leases and the seat lock, which must get it right from the store alone. The schema also
 * names the pair's leases (lease-work.ts), so pairs never meet.
 */
import fs from 'node:fs';
import * as Y from 'yjs';
import { createVerkstad, type Verkstad } from '../../server/app';
import type { DocStore } from '../../server/store/doc-store';
import { admin, TEST_DATABASE_URL, testSchema } from './fixtures/store-backends';
import { tempDir, testConfig } from './helpers';

/** Lease passes in tests: often enough that a take-over is quick to wait for. */
export const TEST_PASS_MS = 200;

export interface Pair {
	a: Verkstad;
	b: Verkstad;
	/** Closes whichever instance is still open, drops the schema and removes the data directory. */
	close(): Promise<void>;
}

export async function twoInstances(): Promise<Pair> {
	const dataDir = tempDir();
	const schema = testSchema();
	const config = testConfig({
		dataDir,
		databaseUrl: `${TEST_DATABASE_URL}?schema=${schema}`,
		// No fan-out: see above. (configFromEnv refuses this half, which only a test may want.)
		redisUrl: null,
		// The history's rounds run when a test calls them.
		snapshotIntervalMs: 60 * 60_000
	});
	const leases = { passMs: TEST_PASS_MS };
	// One after the other: the first makes the schema and the token secret, the second reads them.
	const a = await createVerkstad(config, leases);
	const b = await createVerkstad(config, leases);
	return {
		a,
		b,
		async close() {
			await Promise.all([a.close(), b.close()]);
			await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
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
