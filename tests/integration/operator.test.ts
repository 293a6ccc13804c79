/**
 * The operator's endpoints on a whole Verkstad (createVerkstad), served the way server/index.ts
 * serves them (server/http/operator.ts before anything else, /sync/* upgrades to the rooms):
 * /metrics moves with a real edit from stock clients, /readyz says 503 from the first moment of
 * a drain while /healthz stays 200, and the drain still saves the edit.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, boardRoom, readNotes } from '../../src/lib/board';
import { createVerkstad, type Verkstad } from '../../server/app';
import { configFromEnv } from '../../server/config';
import { serveOperator } from '../../server/http/operator';
import { SqliteStore } from '../../server/store/sqlite-store';
import { connectClient, tempDir, waitFor } from './helpers';

interface Running {
	app: Verkstad;
	base: string;
	syncUrl: string;
	dataDir: string;
	track(cleanup: () => void): void;
}

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(env: Record<string, string> = {}): Promise<Running> {
	const dataDir = tempDir();
	cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
	const config = configFromEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'error', MIN_FREE_MB: '0', ...env });
	const app = await createVerkstad(config);
	cleanups.push(() => app.close());
	const operator = { readiness: app.readiness, metrics: app.metrics, metricsToken: config.metricsToken };
	const server = http.createServer((req, res) => {
		if (serveOperator(operator, req, res)) return;
		res.writeHead(404).end();
	});
	server.on('upgrade', (req, socket, head) => app.rooms.handleUpgrade(req, socket, head));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	cleanups.push(
		() =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	);
	const { port } = server.address() as AddressInfo;
	return {
		app,
		base: `http://127.0.0.1:${port}`,
		syncUrl: `ws://127.0.0.1:${port}/sync`,
		dataDir,
		track: (cleanup) => cleanups.push(cleanup)
	};
}

/** A workshop with one board and two people on it, each a stock client, synced. */
async function twoPeopleOnOneBoard(running: Running) {
	const { code } = await running.app.workshops.create({ title: 'Driftdag', template: 'blank', groups: 1 });
	const anna = await running.app.workshops.join(code, { name: 'Anna', organisation: 'Region Test' });
	const bo = await running.app.workshops.join(code, { name: 'Bo', organisation: 'Region Test', groupId: anna.groupId });
	const room = boardRoom(code, anna.groupId);
	const annas = connectClient(running, room, anna.token);
	const bos = connectClient(running, room, bo.token);
	await Promise.all([annas.synced, bos.synced]);
	const author = { id: anna.participantId, name: 'Anna', organisation: 'Region Test' };
	return { code, room, annas, bos, author };
}

/** The value of an unlabelled sample in Prometheus text, or undefined when it is absent. */
function sample(text: string, name: string): number | undefined {
	const line = text.split('\n').find((l) => l.startsWith(`${name} `));
	return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

async function scrape(running: Running, headers: Record<string, string> = {}): Promise<string> {
	const response = await fetch(`${running.base}/metrics`, { headers });
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
	return response.text();
}

describe('/metrics', () => {
	it('counts a stock client edit: updates in, frames out, its relay and commit, the open connections and rooms', async () => {
		const running = await start();
		const before = await scrape(running);
		expect(sample(before, 'verkstad_updates_in_total')).toBe(0);
		expect(sample(before, 'verkstad_sync_connections')).toBe(0);
		expect(sample(before, 'verkstad_leases_held')).toBe(0);

		const { annas, bos, author } = await twoPeopleOnOneBoard(running);
		addNote(annas.doc, { x: 40, y: 40, text: 'Mer tid för samtal' }, author);
		await waitFor(() => readNotes(bos.doc).some((n) => n.text === 'Mer tid för samtal'), { message: "Anna's note at Bo's" });

		const after = await scrape(running);
		expect(sample(after, 'verkstad_updates_in_total')).toBeGreaterThanOrEqual(1);
		expect(sample(after, 'verkstad_updates_refused_total')).toBe(0);
		expect(sample(after, 'verkstad_frames_out_total')).toBeGreaterThan(sample(before, 'verkstad_frames_out_total')!);
		expect(sample(after, 'verkstad_relay_seconds_count')).toBeGreaterThanOrEqual(1);
		expect(sample(after, 'verkstad_store_commit_seconds_count')).toBeGreaterThanOrEqual(1);
		expect(sample(after, 'verkstad_sync_connections')).toBe(2);
		// The board and the workshop room it holds.
		expect(sample(after, 'verkstad_rooms_loaded')).toBeGreaterThanOrEqual(2);
		expect(after).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
	});

	it('counts an update the server refuses', async () => {
		const running = await start();
		const { annas, bos, author } = await twoPeopleOnOneBoard(running);
		// A note in someone else's name: the board's rules undo it (board-admission.ts).
		addNote(annas.doc, { x: 40, y: 40, text: 'Inte min' }, { ...author, id: 'someone-else' });
		await waitFor(async () => (sample(await scrape(running), 'verkstad_updates_refused_total') ?? 0) >= 1, { message: 'a refused update counted' });
		expect(readNotes(bos.doc)).toEqual([]);
	});

	it('answers only the Bearer METRICS_TOKEN when one is set', async () => {
		const running = await start({ METRICS_TOKEN: 'skrapa-mig' });
		expect((await fetch(`${running.base}/metrics`)).status).toBe(401);
		expect((await fetch(`${running.base}/metrics`, { headers: { authorization: 'Bearer fel' } })).status).toBe(401);
		expect(sample(await scrape(running, { authorization: 'Bearer skrapa-mig' }), 'verkstad_sync_connections')).toBe(0);
	});
});

describe('draining', () => {
	it('says not ready from the first moment of close, stays alive, and still saves the edit', async () => {
		const running = await start();
		expect(await (await fetch(`${running.base}/readyz`)).json()).toEqual({ ok: true });
		const { room, annas, author } = await twoPeopleOnOneBoard(running);
		addNote(annas.doc, { x: 40, y: 40, text: 'Sparas före stängning' }, author);
		// In the server's doc: from here on the edit is the server's to save, committed or not yet.
		const noted = (d: Y.Doc) => readNotes(d).some((n) => n.text === 'Sparas före stängning');
		await waitFor(() => running.app.rooms.read(room, noted), { message: 'the note at the server' });

		const closing = running.app.close();
		const ready = await fetch(`${running.base}/readyz`);
		expect(ready.status).toBe(503);
		expect(await ready.json()).toMatchObject({ ok: false, check: 'draining' });
		expect((await fetch(`${running.base}/healthz`)).status).toBe(200);
		await closing;
		expect((await fetch(`${running.base}/readyz`)).status).toBe(503);

		const store = new SqliteStore(path.join(running.dataDir, 'verkstad.db'));
		cleanups.push(() => store.close());
		const doc = new Y.Doc();
		for (const update of (await store.loadDoc(room)).updates) Y.applyUpdate(doc, update);
		expect(readNotes(doc).map((n) => n.text)).toContain('Sparas före stängning');
	});
});
