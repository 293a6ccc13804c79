/**
 * What is written stays written: across a clean shutdown, across a SIGKILL of the server process,
 * through compaction of the update log, and across a room unloading and loading again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, boardRoom, readNotes, setNoteText } from '../../src/lib/board';
import type { StoredDoc } from '../../server/store/doc-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import { CLOSE_GOING_AWAY } from '../../server/sync/close-codes';
import { connectClient, createWorkshop, startServer, tempDir, TEST_SECRET, waitFor, type TestServer } from './helpers';

const author = { id: 'p1', name: 'Anna', organisation: 'Region Test' };
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = path.join(repoRoot, 'tests/integration/fixtures/sync-server.ts');

const servers: TestServer[] = [];
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
	for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	await Promise.all(servers.splice(0).map((s) => s.close()));
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A data directory that outlives one server (the tests restart servers on it). */
function sharedDir(): string {
	const dir = tempDir();
	dirs.push(dir);
	return dir;
}

async function serve(opts: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
	const server = await startServer(opts);
	servers.push(server);
	return server;
}

const noteTexts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text).sort();

describe('a clean shutdown', () => {
	it('closes clients with 1001 and keeps every update for the next server on the same file', async () => {
		const first = await serve({ dataDir: sharedDir() });
		const w = await createWorkshop(first);
		const room = boardRoom(w.code, 'g1');
		const a = connectClient(first, room, w.facilitatorToken);
		const member = await w.participant('g1');
		const b = connectClient(first, room, member.token);
		await Promise.all([a.synced, b.synced]);
		const id = addNote(a.doc, { x: 0, y: 0, text: 'första' }, author);
		addNote(b.doc, { x: 200, y: 0, text: 'andra' }, member.author);
		await waitFor(() => readNotes(b.doc).some((n) => n.id === id), { message: "a's note at b" });
		setNoteText(b.doc, id, 'första, ändrad');
		await waitFor(() => noteTexts(a.doc).join() === 'andra,första, ändrad', { message: 'the edit at a' });
		const goingAway = new Promise<number>((resolve) =>
			a.provider.on('connection-close', (event: CloseEvent | null) => event && resolve(event.code))
		);
		const closing = first.rooms.close();
		expect(await goingAway).toBe(CLOSE_GOING_AWAY);
		await closing;
		await first.close();

		const second = await serve({ dataDir: first.dataDir });
		const fresh = connectClient(second, room, w.facilitatorToken);
		await fresh.synced;
		expect(noteTexts(fresh.doc)).toEqual(['andra', 'första, ändrad']);
	});
});

describe('a killed server process', () => {
	it('loses no update that other clients had already received', async () => {
		// Make the workshop in-process, then leave the data directory to the child.
		const dataDir = sharedDir();
		const setup = await startServer({ dataDir });
		const w = await createWorkshop(setup, 1);
		await setup.close();
		const token = w.facilitatorToken;
		const room = boardRoom(w.code, 'g1');

		const first = await startChild(dataDir);
		const local = { syncUrl: `ws://127.0.0.1:${first.port}/sync`, track: () => {} };
		const writer = connectClient(local, room, token);
		const watcher = connectClient(local, room, token);
		await Promise.all([writer.synced, watcher.synced]);
		const texts = Array.from({ length: 30 }, (_, i) => `lapp ${i}`);
		for (const text of texts) addNote(writer.doc, { x: 0, y: 0, text }, author);
		await waitFor(() => readNotes(watcher.doc).length === texts.length, { message: 'the watcher saw every note' });
		first.child.kill('SIGKILL');
		await first.exited;
		writer.destroy();
		watcher.destroy();

		const second = await startChild(dataDir);
		const fresh = connectClient({ syncUrl: `ws://127.0.0.1:${second.port}/sync`, track: () => {} }, room, token);
		try {
			await fresh.synced;
			expect(noteTexts(fresh.doc)).toEqual([...texts].sort());
		} finally {
			fresh.destroy();
		}
	});
});

describe('compaction', () => {
	it('keeps the stored log short and the doc whole', async () => {
		const server = await serve({ limits: { compactEveryUpdates: 20 } });
		const w = await createWorkshop(server);
		const room = boardRoom(w.code, 'g1');
		const a = connectClient(server, room, w.facilitatorToken);
		await a.synced;
		for (let i = 0; i < 100; i++) addNote(a.doc, { x: i, y: i, text: `lapp ${i}` }, author);
		await waitFor(async () => (await server.rooms.read(room, (doc) => readNotes(doc).length)) === 100, {
			message: '100 notes on the server'
		});
		const stored = await server.store.loadDoc(room);
		expect(stored.logCount).toBeLessThan(20);
		// The snapshot plus the short log.
		expect(stored.updates.length).toBe(stored.logCount + 1);

		a.destroy();
		await waitFor(() => server.rooms.stats().rooms === 0, { message: 'room unloaded' });
		const fresh = connectClient(server, room, w.facilitatorToken);
		await fresh.synced;
		expect(readNotes(fresh.doc)).toHaveLength(100);
		expect(noteTexts(fresh.doc)).toEqual(noteTexts(a.doc));
	});
});

describe('unloading', () => {
	it('unloads a room after its last client leaves, and loads it intact again', async () => {
		const server = await serve();
		const w = await createWorkshop(server);
		const room = boardRoom(w.code, 'g1');
		const a = connectClient(server, room, w.facilitatorToken);
		const b = connectClient(server, room, w.facilitatorToken);
		await Promise.all([a.synced, b.synced]);
		addNote(a.doc, { x: 0, y: 0, text: 'kvar efteråt' }, author);
		await waitFor(() => readNotes(b.doc).length === 1, { message: 'note at b' });
		// The board, and the workshop room it keeps loaded for its locks (write-policy.ts).
		expect(server.rooms.stats()).toEqual({ rooms: 2, connections: 2 });

		a.destroy();
		await waitFor(() => server.rooms.stats().connections === 1, { message: 'a gone' });
		expect(server.rooms.stats().rooms).toBe(2);
		b.destroy();
		await waitFor(() => server.rooms.stats().rooms === 0, { message: 'room unloaded' });

		const fresh = connectClient(server, room, w.facilitatorToken);
		await fresh.synced;
		expect(noteTexts(fresh.doc)).toEqual(['kvar efteråt']);
	});

	it('keeps a room loaded while a client reconnects within the grace delay', async () => {
		const loads: string[] = [];
		class CountingStore extends SqliteStore {
			override loadDoc(room: string): Promise<StoredDoc> {
				loads.push(room);
				return super.loadDoc(room);
			}
		}
		const server = await serve({ limits: { unloadDelayMs: 60_000 }, store: (file) => new CountingStore(file) });
		const w = await createWorkshop(server);
		const room = boardRoom(w.code, 'g1');
		const a = connectClient(server, room, w.facilitatorToken);
		await a.synced;
		a.destroy();
		await waitFor(() => server.rooms.stats().connections === 0, { message: 'a gone' });
		const b = connectClient(server, room, w.facilitatorToken);
		await b.synced;
		expect(loads.filter((r) => r === room)).toEqual([room]);
	});
});

/** Starts tests/integration/fixtures/sync-server.ts and resolves with the port it prints. */
async function startChild(dataDir: string): Promise<{ child: ChildProcess; port: number; exited: Promise<void> }> {
	const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
		cwd: repoRoot,
		env: { ...process.env, DATA_DIR: dataDir, TOKEN_SECRET: TEST_SECRET },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const port = await new Promise<number>((resolve, reject) => {
		let stdout = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			const match = /PORT=(\d+)/.exec(stdout);
			if (match) resolve(Number(match[1]));
		});
		child.once('exit', (code) => reject(new Error(`sync-server exited with ${code} before listening:\n${stderr}`)));
	});
	return { child, port, exited };
}
