/**
 * Stock y-websocket clients for the benchmarks, against a server in another process, and what the
 * bench processes (run.ts and its client-worker.ts children) say to each other.
 */
import fs from 'node:fs';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** Bench parent → client process. */
export type ToWorker =
	| { kind: 'connect'; url: string; code: string; clients: BenchPerson[] }
	/** Edit from now until `end`; measure the notes sent in [measureFrom, end]. Times are monotonicMs(). */
	| { kind: 'edit'; measureFrom: number; end: number };

/**
 * One bench client: a participant of group `board`, with their own token and author fields (the
 * server takes a participant's notes only in their own name, and caps sockets per token).
 */
export interface BenchPerson {
	board: number;
	index: number;
	token: string;
	author: { id: string; name: string; organisation: string };
}

/** Client process → bench parent. */
export type FromWorker =
	| { kind: 'synced' }
	| { kind: 'done'; latencies: number[]; edits: number; delayP99: number; cpuMs: number };

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

export function connect(url: string, room: string, token: string): BenchClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url.replace(/^http/, 'ws') + '/sync', room, doc, {
		params: { token },
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

export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function rssKiB(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}
