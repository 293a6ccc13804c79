/**
 * The three servers that bench/peer.ts puts under the same load, behind one interface: Verkstad's
 * production build on SQLite (tests/e2e/server.ts), and y-websocket 1.5.4's reference server
 * without and with LevelDB persistence (reference-server.ts). A target seats the bench's people on
 * its boards: Verkstad's join through the HTTP API with a token each, as run.ts's do; the reference
 * server takes anyone, so its people get rooms of the same shape and no token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { addNote, boardRoom, groupId, type Author } from '../src/lib/board';
import { GROUPS_MAX } from '../src/lib/board/limits';
import { newDataDir, startServer } from '../tests/e2e/server';
import { close, connectTo, postJson, postJsonFrom, synced, syncUrlOf, type BenchClient, type BenchPerson } from './clients';
import { startReferenceServer } from './reference-server';

export const TARGET_KINDS = ['verkstad', 'reference', 'reference+leveldb'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** A board to write to: its room, and the token that may (Verkstad's facilitator's; '' elsewhere). */
export interface BoardAccess {
	room: string;
	token: string;
}

export interface Target {
	kind: TargetKind;
	syncUrl: string;
	pid: number;
	/** Where it keeps its data across a restart (none for the reference server without LevelDB). */
	dataDir: string | null;
	/** `boards` new boards, each with `perBoard` people; `BoardAccess` for writing to each board. */
	seat(boards: number, perBoard: number): Promise<{ people: BenchPerson[]; boards: BoardAccess[] }>;
	/** Resolves once `notes` notes on each board would survive stop(). */
	persisted(boards: BoardAccess[], notes: number): Promise<void>;
	stop(): Promise<void>;
}

const WORKSHOP_BOARDS = 25;
const benchAuthor: Author = { id: 'bench', name: 'Bänk', organisation: 'Region Bench' };
const organisation = 'Region Bench';

/** Starts a target; with `dataDir`, on the data a previous target of the same kind left there. */
export async function startTarget(kind: TargetKind, dataDir?: string): Promise<Target> {
	if (kind === 'verkstad') return startVerkstad(dataDir ?? newDataDir());
	const dir = kind === 'reference+leveldb' ? (dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-peer-leveldb-'))) : null;
	const server = await startReferenceServer(dir ?? undefined);
	let workshops = 0;
	return {
		kind,
		syncUrl: server.syncUrl,
		pid: server.pid,
		dataDir: dir,
		async seat(boards, perBoard) {
			const people: BenchPerson[] = [];
			const access: BoardAccess[] = [];
			for (let b = 0; b < boards; b++) {
				// Rooms shaped like Verkstad's: a six-character code per 25 boards, then the board.
				if (b % WORKSHOP_BOARDS === 0) workshops++;
				const room = boardRoom(`PEER${String(workshops).padStart(2, '0')}`, groupId(b % WORKSHOP_BOARDS));
				access.push({ room, token: '' });
				for (let i = 0; i < perBoard; i++) {
					const name = `Deltagare ${b + 1}.${i + 1}`;
					people.push({ board: b, index: i, room, token: '', author: { id: `p${b}.${i}`, name, organisation } });
				}
			}
			return { people, boards: access };
		},
		async persisted(boards, notes) {
			if (!dir) throw new Error('the reference server without LevelDB keeps nothing across a stop');
			for (const { room } of boards) await untilStored(server.syncUrl, room, notes);
		},
		stop: () => server.stop()
	};
}

/**
 * The reference server stores updates in LevelDB in the background and dies at once on SIGTERM,
 * so a board is known stored only once it has been read back: it drops a board when its last
 * client leaves, and a board it loads anew first syncs empty, then delivers what y-leveldb read
 * (after every store queued before: y-leveldb runs its operations in order). A first sync that
 * already holds the notes met the board still loaded: that client leaves and another tries.
 */
async function untilStored(syncUrl: string, room: string, notes: number, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const checker = connectTo(syncUrl, room, '');
		try {
			await synced(checker);
			if (checker.doc.getMap('notes').size === 0) return await notesArrived(checker, notes, Math.max(0, deadline - Date.now()));
		} finally {
			close(checker);
		}
		if (Date.now() > deadline) throw new Error(`the reference server still had ${room} loaded after ${timeoutMs} ms`);
		await sleep(100);
	}
}

async function startVerkstad(dataDir: string): Promise<Target> {
	const server = await startServer(dataDir);
	return {
		kind: 'verkstad',
		syncUrl: syncUrlOf(server.url),
		pid: server.pid,
		dataDir,
		async seat(boards, perBoard) {
			const people: BenchPerson[] = [];
			const access: BoardAccess[] = [];
			// A workshop has at most GROUPS_MAX boards: the bench's boards fill as many as it takes.
			const groups = Math.min(WORKSHOP_BOARDS, GROUPS_MAX);
			for (let first = 0; first < boards; first += groups) {
				const count = Math.min(groups, boards - first);
				const { code, facilitatorKey } = await postJson<{ code: string; facilitatorKey: string }>(`${server.url}/api/workshops`, {
					title: 'Benchmark',
					template: 'larlabb',
					groups: count
				});
				const { token } = await postJson<{ token: string }>(`${server.url}/api/workshops/${code}/facilitator`, { key: facilitatorKey });
				for (let g = 0; g < count; g++) {
					const room = boardRoom(code, groupId(g));
					access.push({ room, token });
					for (let i = 0; i < perBoard; i++) {
						const name = `Deltagare ${first + g + 1}.${i + 1}`;
						// A board's people share an address (one venue's network); a board of 8 stays far under the limit.
						const address = `127.0.${Math.floor((first + g) / 250)}.${2 + ((first + g) % 250)}`;
						const joined = await postJsonFrom<{ participantId: string; token: string }>(address, `${server.url}/api/workshops/${code}/participants`, {
							name,
							organisation,
							groupId: groupId(g)
						});
						people.push({ board: first + g, index: i, room, token: joined.token, author: { id: joined.participantId, name, organisation } });
					}
				}
			}
			return { people, boards: access };
		},
		// Verkstad saves before it shows (durable-before-visible) and flushes on SIGTERM.
		persisted: async () => {},
		stop: () => server.stop()
	};
}

/**
 * Puts `notes` notes on each board, one transaction a board, and resolves once a second client of
 * each board has received them all: then the server holds them (and has handed them to its store).
 */
export async function fillBoards(syncUrl: string, boards: BoardAccess[], notes: number): Promise<void> {
	for (const { room, token } of boards) {
		const writer = connectTo(syncUrl, room, token);
		writer.doc.transact(() => {
			for (let i = 0; i < notes; i++) {
				addNote(writer.doc, { x: (i % 25) * 200, y: Math.floor(i / 25) * 140, text: `Lapp ${i}: ${'text '.repeat(8)}` }, benchAuthor);
			}
		});
		const reader = connectTo(syncUrl, room, token);
		try {
			await notesArrived(reader, notes);
		} finally {
			close(writer);
			close(reader);
		}
	}
}

/** Resolves when `client`'s board holds at least `count` notes; fails after `timeoutMs`. */
export function notesArrived(client: BenchClient, count: number, timeoutMs = 60_000): Promise<void> {
	const notes = client.doc.getMap('notes');
	if (notes.size >= count) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			notes.unobserve(check);
			reject(new Error(`a client saw ${notes.size} of ${count} notes after ${timeoutMs} ms`));
		}, timeoutMs);
		const check = () => {
			if (notes.size < count) return;
			clearTimeout(timer);
			notes.unobserve(check);
			resolve();
		};
		notes.observe(check);
	});
}
