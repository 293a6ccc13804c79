/**
 * Test driver for the sync server: a real http.Server on 127.0.0.1:0 routing upgrades to
 * Rooms.handleUpgrade, a real SqliteStore in a fresh temp dir, real tokens, workshops created
 * through WorkshopService, and stock y-websocket clients over `ws`. Nothing is mocked.
 *
 * Waiting is always on an event or by polling with a deadline (waitFor), never a fixed sleep.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addNote, boardRoom, NOTE_H, NOTE_W, readFigures, readNotes, type Author } from '../../src/lib/board';
import { Tokens, type Claims } from '../../server/auth/tokens';
import { ExportService } from '../../server/export/service';
import { isUserError } from '../../server/http/user-error';
import { PictureStore } from '../../server/pictures/store';
import { configFromEnv, type Config } from '../../server/config';
import type { ProxyAddressConfig } from '../../server/http/client-address';
import type { Log, Level } from '../../server/log';
import type { DocStore } from '../../server/store/doc-store';
import { FreeSpaceFloor } from '../../server/store/free-space';
import { SqliteStore } from '../../server/store/sqlite-store';
import { Rooms, type SyncLimits } from '../../server/sync/rooms';
import { WorkshopService } from '../../server/workshops/service';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

/** Fast unloads for tests; everything else is the production default unless a test says so. */
export const TEST_LIMITS: Partial<SyncLimits> = { unloadDelayMs: 0 };

export interface LogLine {
	level: Level;
	msg: string;
	fields: Record<string, unknown>;
}

/** A Log that keeps its lines, so tests can check what an operator would read. */
export function memoryLog(): Log & { lines: LogLine[] } {
	const lines: LogLine[] = [];
	const at = (level: Level) => (msg: string, fields: Record<string, unknown> = {}) => void lines.push({ level, msg, fields });
	return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The newest log line that matches (Array.prototype.findLast is ES2023; the project targets ES2022). */
export function lastLine(log: { lines: LogLine[] }, match: (line: LogLine) => boolean): LogLine | undefined {
	for (let i = log.lines.length - 1; i >= 0; i--) if (match(log.lines[i]!)) return log.lines[i];
	return undefined;
}

/** A whole server's configuration for a test: the defaults, on 127.0.0.1 and a free port, quiet, with no free-space floor. */
export function testConfig(overrides: Partial<Config> & Pick<Config, 'dataDir'>): Config {
	return { ...configFromEnv({}), port: 0, host: '127.0.0.1', logLevel: 'error', minFreeBytes: 0, ...overrides };
}

export function tempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-sync-'));
}

export interface TestServer {
	/** Base URL for WebsocketProvider: ws://127.0.0.1:<port>/sync */
	syncUrl: string;
	port: number;
	dataDir: string;
	dbFile: string;
	store: DocStore;
	tokens: Tokens;
	rooms: Rooms;
	workshops: WorkshopService;
	/** Pictures under dataDir, the store that imports write to. */
	pictures: PictureStore;
	/** The free-space floor of dataDir (none unless the test sets `minFreeBytes`). */
	freeSpace: FreeSpaceFloor;
	exports: ExportService;
	log: ReturnType<typeof memoryLog>;
	/** Closes clients opened through this server, the rooms, the http server and the store; removes a temp dir it made. */
	close(): Promise<void>;
	/** Registers something to close with the server (clients made by the helpers below). */
	track(cleanup: () => void): void;
}

export async function startServer(
	opts: { dataDir?: string; limits?: Partial<SyncLimits>; store?: (file: string) => DocStore; minFreeBytes?: number; proxy?: ProxyAddressConfig } = {}
): Promise<TestServer> {
	// A directory the caller passed in is the caller's to remove (it may outlive this server).
	const ownsDataDir = opts.dataDir === undefined;
	const dataDir = opts.dataDir ?? tempDir();
	const dbFile = path.join(dataDir, 'verkstad.db');
	const store = opts.store ? opts.store(dbFile) : new SqliteStore(dbFile);
	const tokens = new Tokens(TEST_SECRET);
	const log = memoryLog();
	const rooms = new Rooms({ store, tokens, log, limits: { ...TEST_LIMITS, ...opts.limits }, proxy: opts.proxy });
	// No floor unless a test sets one: the machine's free space is not what other tests check.
	const freeSpace = new FreeSpaceFloor({ dataDir, minFreeBytes: opts.minFreeBytes ?? 0 });
	const pictures = new PictureStore({ store, freeSpace, log });
	const workshops = new WorkshopService({ store, tokens, rooms, pictures, freeSpace, log });
	const exports = new ExportService({ store, rooms, pictures });
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	server.on('upgrade', (req, socket, head) => rooms.handleUpgrade(req, socket, head));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const cleanups: (() => void)[] = [];
	let closed: Promise<void> | null = null;
	return {
		syncUrl: `ws://127.0.0.1:${port}/sync`,
		port,
		dataDir,
		dbFile,
		store,
		tokens,
		rooms,
		workshops,
		pictures,
		freeSpace,
		exports,
		log,
		track: (cleanup) => void cleanups.push(cleanup),
		close() {
			closed ??= (async () => {
				for (const cleanup of cleanups.splice(0)) cleanup();
				await rooms.close();
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
				await store.close();
				if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
			})();
			return closed;
		}
	};
}

export interface TestWorkshop {
	code: string;
	facilitatorToken: string;
	/** A participant token in the given group, made through the real join path. */
	participant(groupId: string, name?: string): Promise<{ participantId: string; token: string; author: Author }>;
}

export async function createWorkshop(server: Pick<TestServer, 'workshops'>, groups = 2): Promise<TestWorkshop> {
	const { code, facilitatorKey } = await server.workshops.create({ title: 'Testworkshop', template: 'blank', groups });
	const facilitatorToken = await server.workshops.facilitatorToken(code, facilitatorKey);
	return {
		code,
		facilitatorToken,
		async participant(groupId, name = 'Deltagare') {
			const organisation = 'Region Test';
			const joined = await server.workshops.join(code, { name, organisation, groupId });
			// The server only takes notes whose author fields are the writer's own (board-admission.ts).
			return { participantId: joined.participantId, token: joined.token, author: { id: joined.participantId, name, organisation } };
		}
	};
}

/**
 * One person joins (name, organisation, group) and writes `texts` as a stock client into the
 * figure titled `figureTitle` (the first figure if none), continuing a grid of four notes a row
 * after the notes already there, so that reading order is writing order. Resolves once the server
 * holds them all; answers the person.
 */
export async function writeNotes(
	server: TestServer,
	code: string,
	person: { groupId: string; name: string; organisation: string; figureTitle?: string },
	texts: readonly string[]
): Promise<{ participantId: string; token: string }> {
	const { groupId, name, organisation, figureTitle } = person;
	const joined = await server.workshops.join(code, { name, organisation, groupId });
	const room = boardRoom(code, groupId);
	const client = connectClient(server, room, joined.token);
	await client.synced;
	const figures = readFigures(client.doc);
	const figure = (figureTitle === undefined ? figures[0] : figures.find((f) => f.title === figureTitle))!;
	const before = client.doc.getMap('notes').size;
	for (const [i, text] of texts.entries()) {
		const slot = before + i;
		const x = figure.x + 20 + (slot % 4) * (NOTE_W + 10);
		const y = figure.y + 100 + Math.floor(slot / 4) * (NOTE_H + 10);
		addNote(client.doc, { x, y, text }, { id: joined.participantId, name, organisation });
	}
	const count = () => server.rooms.read(room, (d) => d.getMap('notes').size);
	await waitFor(async () => (await count()) === before + texts.length, { message: `${name}'s notes stored` });
	client.destroy();
	return { participantId: joined.participantId, token: joined.token };
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Resolves when the first sync with the server finished. */
	synced: Promise<void>;
	destroy(): void;
}

/** A stock y-websocket client, exactly as the browser makes it, with `ws` as the WebSocket. */
export function connectClient(server: Pick<TestServer, 'syncUrl' | 'track'>, room: string, token: string): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(server.syncUrl, room, doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		// Clients in one test process would otherwise sync through a shared BroadcastChannel and
		// hide what the server does.
		disableBc: true
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		provider.on('sync', (isSynced: boolean) => isSynced && resolve());
	});
	let destroyed = false;
	const destroy = () => {
		if (destroyed) return;
		destroyed = true;
		provider.destroy();
		doc.destroy();
	};
	server.track(destroy);
	return { doc, provider, synced, destroy };
}

export interface RawClient {
	ws: WebSocket;
	opened: Promise<void>;
	/** The close code and reason the server sent. */
	closed: Promise<{ code: number; reason: string }>;
	/** Every binary frame received so far. */
	received: Uint8Array[];
}

/** A bare websocket, to see close codes and to send frames no stock client would send; `headers` go on its upgrade request. */
export function rawClient(server: Pick<TestServer, 'port' | 'track'>, room: string, token?: string, headers?: Record<string, string>): RawClient {
	const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
	const ws = new WebSocket(`ws://127.0.0.1:${server.port}/sync/${room}${query}`, { headers });
	const received: Uint8Array[] = [];
	ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
	ws.on('error', () => {}); // a refused or cut-off socket reports an error before 'close'
	const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	server.track(() => ws.terminate());
	return { ws, opened, closed, received };
}

/** Every note text a doc has ever shown, from now on: proves that something never appeared. */
export function everShown(doc: Y.Doc): Set<string> {
	const shown = new Set<string>();
	const record = () => readNotes(doc).forEach((n) => shown.add(n.text));
	record();
	doc.on('afterTransaction', record);
	return shown;
}

/** Polls `predicate` until it holds; fails with `message` after `timeout` ms. */
export async function waitFor(
	predicate: () => boolean | Promise<boolean>,
	{ timeout = 5000, interval = 10, message = 'condition' }: { timeout?: number; interval?: number; message?: string } = {}
): Promise<void> {
	const deadline = Date.now() + timeout;
	for (;;) {
		if (await predicate()) return;
		if (Date.now() > deadline) throw new Error(`waitFor: timed out after ${timeout} ms waiting for ${message}`);
		await new Promise((resolve) => setTimeout(resolve, interval));
	}
}

/** The status and message of the UserError a call is refused with; fails if it is not refused. */
export async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
	try {
		await promise;
	} catch (e) {
		if (isUserError(e)) return { status: e.status, message: e.message };
		throw e;
	}
	throw new Error('expected a refusal');
}

/** A refusal by code, as the API sends it beside the sentence: `{ status, code, params }`. */
export async function refusalSaid(promise: Promise<unknown>): Promise<{ status: number; code: string; params: Record<string, unknown> }> {
	try {
		await promise;
	} catch (e) {
		if (isUserError(e)) return { status: e.status, code: e.said.code, params: e.said.params ?? {} };
		throw e;
	}
	throw new Error('expected a refusal');
}

/** The verified claims of a token this server signed, as an endpoint would pass them on. */
export function claimsOf(server: Pick<TestServer, 'tokens'>, token: string): Claims {
	const verified = server.tokens.verify(token);
	if (!verified.ok) throw new Error('test token does not verify');
	return verified.claims;
}
