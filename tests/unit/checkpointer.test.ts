/**
 * The WAL checkpointer thread (server/store/checkpointer.ts) on real files: a failure is reported,
 * once, and tried again on the interval, never thrown; the first success reports the recovery.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCheckpointer, type Checkpointer, type CheckpointStatus } from '../../server/store/checkpointer';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempFile(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-checkpointer-'));
	cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
	return path.join(dir, 'verkstad.db');
}

function start(file: string): { checkpointer: Checkpointer; statuses: CheckpointStatus[] } {
	const statuses: CheckpointStatus[] = [];
	const checkpointer = startCheckpointer(file, { intervalMs: 20, onStatus: (status) => statuses.push(status) });
	cleanups.push(() => checkpointer.stop());
	return { checkpointer, statuses };
}

describe('the WAL checkpointer', () => {
	it('reports a database it cannot open once, keeps trying on its interval, and reports when it works again', async () => {
		const file = tempFile();
		const { checkpointer, statuses } = start(file);
		await vi.waitFor(() => expect(statuses).toEqual([{ ok: false, code: 'SQLITE_CANTOPEN', message: expect.any(String) }]), { timeout: 5000 });
		let ended = false;
		void checkpointer.exited.then(() => (ended = true));

		// The store makes the file; the thread's next tick opens it and checkpoints.
		const db = new Database(file);
		cleanups.push(() => void db.close());
		db.pragma('journal_mode = WAL');
		db.pragma('wal_autocheckpoint = 0');
		db.exec('CREATE TABLE t (x BLOB)');
		await vi.waitFor(() => expect(statuses.at(-1)).toEqual({ ok: true }), { timeout: 5000 });
		expect(statuses).toHaveLength(2);
		expect(ended).toBe(false);

		// And it copies the WAL back into the database file from then on.
		const before = fs.statSync(file).size;
		db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(100_000));
		checkpointer.wrote();
		await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(before + 50_000), { timeout: 5000 });
	});

	it('stops when asked, and never creates a database that is not there', async () => {
		const file = tempFile();
		const { checkpointer, statuses } = start(file);
		await vi.waitFor(() => expect(statuses).toHaveLength(1), { timeout: 5000 });
		await checkpointer.stop();
		await checkpointer.exited;
		expect(fs.existsSync(file)).toBe(false);
	});
});
