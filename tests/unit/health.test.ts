/** What /healthz answers (server/http/health.ts) for a real store that can, cannot, and again can write. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { health } from '../../server/http/health';
import { SqliteStore } from '../../server/store/sqlite-store';

let store: SqliteStore;
let dir: string;
afterEach(async () => {
	await store.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('/healthz', () => {
	it('answers 503 with the code and a sentence while the store cannot write, and 200 once it can again', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-health-'));
		store = new SqliteStore(path.join(dir, 'verkstad.db'));
		expect(await health(store)).toEqual({ status: 200, body: { ok: true } });

		store.setMaxBytes(1);
		await expect(store.appendUpdate('R1', new Uint8Array(100_000))).rejects.toMatchObject({ code: 'SQLITE_FULL' });
		const full = await health(store);
		expect(full.status).toBe(503);
		expect(full.body).toEqual({
			ok: false,
			error: expect.stringMatching(/^Lagringen kan inte spara \(SQLITE_FULL\)/),
			failures: [{ code: 'SQLITE_FULL', step: 'appendUpdate', since: expect.any(Number) }]
		});

		store.setMaxBytes(null);
		await store.appendUpdate('R1', new Uint8Array(100_000));
		expect(await health(store)).toEqual({ status: 200, body: { ok: true } });
	});

	it('answers 503 when the store does not answer at all', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-health-'));
		store = new SqliteStore(path.join(dir, 'verkstad.db'));
		await store.close();
		expect(await health(store)).toMatchObject({ status: 503, body: { ok: false, error: expect.stringMatching(/svarar inte/) } });
	});
});
