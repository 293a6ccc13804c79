/** What /readyz answers (server/http/readiness.ts) for a real store that can, cannot, and again can write, and while draining. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Readiness } from '../../server/http/readiness';
import { storeCheck } from '../../server/http/store-check';
import { SqliteStore } from '../../server/store/sqlite-store';

let store: SqliteStore;
let dir: string;
afterEach(async () => {
	await store.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

function readinessOf(s: SqliteStore): Readiness {
	const readiness = new Readiness();
	readiness.add('store', () => storeCheck(s));
	return readiness;
}

function openStore(): SqliteStore {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-ready-'));
	store = new SqliteStore(path.join(dir, 'verkstad.db'));
	return store;
}

describe('/readyz', () => {
	it('answers 503 with the code and a sentence while the store cannot write, and 200 once it can again', async () => {
		const readiness = readinessOf(openStore());
		expect(await readiness.answer()).toEqual({ status: 200, body: { ok: true } });

		store.setMaxBytes(1);
		await expect(store.appendUpdate('R1', new Uint8Array(100_000))).rejects.toMatchObject({ code: 'SQLITE_FULL' });
		const full = await readiness.answer();
		expect(full.status).toBe(503);
		expect(full.body).toEqual({
			ok: false,
			check: 'store',
			error: expect.stringMatching(/^Lagringen kan inte spara \(SQLITE_FULL\)/),
			failures: [{ code: 'SQLITE_FULL', step: 'appendUpdate', since: expect.any(Number) }]
		});

		store.setMaxBytes(null);
		await store.appendUpdate('R1', new Uint8Array(100_000));
		expect(await readiness.answer()).toEqual({ status: 200, body: { ok: true } });
	});

	it('answers 503 when the store does not answer at all', async () => {
		const readiness = readinessOf(openStore());
		await store.close();
		expect(await readiness.answer()).toMatchObject({ status: 503, body: { ok: false, check: 'store', error: expect.stringMatching(/svarar inte/) } });
	});

	it('names the first failing check, so that another dependency (Redis) can say why', async () => {
		const readiness = readinessOf(openStore());
		readiness.add('redis', async () => ({ error: 'Redis svarar inte.' }));
		expect(await readiness.answer()).toEqual({ status: 503, body: { ok: false, check: 'redis', error: 'Redis svarar inte.' } });
	});

	it('answers 503 from the moment it drains, though the store is fine', async () => {
		const readiness = readinessOf(openStore());
		readiness.drain();
		expect(await readiness.answer()).toMatchObject({ status: 503, body: { ok: false, check: 'draining' } });
	});

	it('reports a state such as the fan-out link in every answer, without failing it', async () => {
		const readiness = readinessOf(openStore());
		let link = 'connected';
		readiness.report('fanout', () => link);
		expect(await readiness.answer()).toEqual({ status: 200, body: { ok: true, fanout: 'connected' } });
		link = 'disconnected';
		expect(await readiness.answer()).toEqual({ status: 200, body: { ok: true, fanout: 'disconnected' } });
		readiness.drain();
		expect(await readiness.answer()).toMatchObject({ status: 503, body: { check: 'draining', fanout: 'disconnected' } });
	});
});
