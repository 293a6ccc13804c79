/**
 * The peer bench's harness (bench/peer-targets.ts, bench/reference-server.ts): it runs
 * y-websocket 1.5.4's reference server, stops it, and with LevelDB its boards outlive a restart
 * (the cold join that bench/peer.ts measures depends on it).
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { close, connectTo, type BenchClient } from '../../bench/clients';
import { fillBoards, notesArrived, startTarget, type Target } from '../../bench/peer-targets';

const running: Target[] = [];
const clients: BenchClient[] = [];

afterEach(async () => {
	clients.splice(0).forEach(close);
	for (const target of running.splice(0)) {
		await target.stop();
		if (target.dataDir) fs.rmSync(target.dataDir, { recursive: true, force: true });
	}
});

async function start(...args: Parameters<typeof startTarget>): Promise<Target> {
	const target = await startTarget(...args);
	running.push(target);
	return target;
}

function join(target: Target, room: string): BenchClient {
	const client = connectTo(target.syncUrl, room, '');
	clients.push(client);
	return client;
}

const isAlive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

describe('the reference server in the peer bench', () => {
	it('relays one client’s notes to another and ends on stop()', async () => {
		const target = await start('reference');
		const { boards } = await target.seat(1, 0);
		await fillBoards(target.syncUrl, boards, 5);
		await notesArrived(join(target, boards[0]!.room), 5, 10_000);

		expect(isAlive(target.pid)).toBe(true);
		await target.stop();
		expect(isAlive(target.pid)).toBe(false);
	});

	it('with LevelDB, gives a board back after a restart', async () => {
		const first = await start('reference+leveldb');
		const { boards } = await first.seat(2, 0);
		await fillBoards(first.syncUrl, boards, 40);
		await first.persisted(boards, 40);
		await first.stop();

		const again = await start('reference+leveldb', first.dataDir!);
		for (const { room } of boards) await notesArrived(join(again, room), 40, 10_000);
	});

	it('without LevelDB, refuses to promise that anything survives', async () => {
		const target = await start('reference');
		const { boards } = await target.seat(1, 0);
		await expect(target.persisted(boards, 1)).rejects.toThrow(/keeps nothing/);
	});
});
