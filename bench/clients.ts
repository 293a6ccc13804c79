/**
 * Stock y-websocket clients for the benchmarks, against a server in another process, and what the
 * bench processes (run.ts and its client-worker.ts children) say to each other.
 */
import fs from 'node:fs';
import http from 'node:http';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { boardRoom, groupId } from '../src/lib/board';

/** Bench parent → client process. `syncUrl` is the server's WebSocket base (syncUrlOf). */
export type ToWorker =
	| { kind: 'connect'; syncUrl: string; clients: BenchPerson[] }
	/**
	 * Edit from now until `end`; measure the notes sent in [measureFrom, end]. Times are
	 * monotonicMs(). With `cursorHz`, each board's client of index 0 also moves a cursor
	 * (awareness) that often.
	 */
	| { kind: 'edit'; measureFrom: number; end: number; cursorHz?: number };

/**
 * One bench client: a participant of group `board` in `room`, with their own token and author
 * fields (Verkstad takes a participant's notes only in their own name, and caps sockets per
 * token). The reference server takes no token: there it is ''.
 */
export interface BenchPerson {
	board: number;
	index: number;
	room: string;
	token: string;
	author: { id: string; name: string; organisation: string };
}

/** Client process → bench parent. */
export type FromWorker =
	| { kind: 'synced' }
	| {
			kind: 'done';
			latencies: number[];
			awarenessDeliveries: number;
			/** Notes sent inside the window. */
			edits: number;
			/** Cursor moves sent inside the window. */
			cursorMoves: number;
			delayP99: number;
			cpuMs: number;
	  };

/**
 * Milliseconds on CLOCK_MONOTONIC (process.hrtime), which every process on the machine shares,
 * unlike performance.now(), whose origin is each process's start. A note's send time can thus be
 * compared with its arrival time in another process.
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export interface BenchClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
}

/** Verkstad's sync endpoint for the server at `url` (http://host:port). */
export const syncUrlOf = (url: string): string => url.replace(/^http/, 'ws') + '/sync';

export function connect(url: string, room: string, token: string): BenchClient {
	return connectTo(syncUrlOf(url), room, token);
}

/** A client of any y-websocket server; `token` '' sends none (the reference server takes none). */
export function connectTo(syncUrl: string, room: string, token: string): BenchClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(syncUrl, room, doc, {
		params: token ? { token } : {},
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return { doc, provider };
}

export function synced(client: BenchClient): Promise<void> {
	if (client.provider.synced) return Promise.resolve();
	return new Promise((resolve) => {
		const onSync = (isSynced: boolean) => {
			if (!isSynced) return;
			client.provider.off('sync', onSync);
			resolve();
		};
		client.provider.on('sync', onSync);
	});
}

export function close(client: BenchClient): void {
	client.provider.destroy();
	client.doc.destroy();
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

/**
 * Joins `perGroup` participants to each of `groups` boards of workshop `code` at `url`, each with
 * a token of their own, and deals them into `processes` shares so that each board's clients are
 * spread over every client process (most deliveries then cross processes).
 */
export async function joinBoards(url: string, code: string, opts: { groups: number; perGroup: number; processes: number }): Promise<BenchPerson[][]> {
	const shares: BenchPerson[][] = Array.from({ length: opts.processes }, () => []);
	for (let g = 0; g < opts.groups; g++) {
		for (let i = 0; i < opts.perGroup; i++) {
			const name = `Deltagare ${g + 1}.${i + 1}`;
			const organisation = 'Region Bench';
			const joined = await postJson<{ participantId: string; token: string }>(`${url}/api/workshops/${code}/participants`, { name, organisation, groupId: groupId(g) });
			const author = { id: joined.participantId, name, organisation };
			shares[i % opts.processes]!.push({ board: g, index: i, room: boardRoom(code, groupId(g)), token: joined.token, author });
		}
	}
	return shares;
}

/**
 * postJson from the loopback address `localAddress` (any of 127.0.0.0/8 on Linux): a bench that
 * seats hundreds of people gives them addresses of their own, as their own networks would, so
 * that the server's per-address limits (300 joins a minute) see a venue, not one attacker.
 */
export function postJsonFrom<T>(localAddress: string, url: string, body: unknown): Promise<T> {
	const payload = JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => {
				if (res.statusCode === undefined || res.statusCode >= 300) reject(new Error(`${url}: ${res.statusCode} ${text}`));
				else resolve(JSON.parse(text) as T);
			});
		});
		req.on('error', reject);
		req.end(payload);
	});
}

export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** CPU time (user + system, every thread) that process `pid` has used, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name (field 2) may hold spaces: count the fields from its closing parenthesis.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const ticks = Number(fields[11]) + Number(fields[12]);
	return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every Linux that Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

export function rssKiB(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}
