/**
 * A full disk, for real: the store runs in a child process under a file-size limit (prlimit
 * --fsize), so that every write past the limit fails in write(2) exactly as on a full file system,
 * in the main connection and in the checkpointer thread alike. Raising the limit on the live
 * process is the disk getting space back.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, waitFor } from './helpers';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = path.join(repoRoot, 'tests/integration/fixtures/store-process.ts');
/** Room for the schema and a few updates, then the "disk" is full. */
const FILE_LIMIT_BYTES = 256 * 1024;
const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;

const cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

interface StoreProcess {
	child: ChildProcess;
	exited: Promise<number | null>;
	send(command: string): Promise<Record<string, unknown>>;
}

function startStoreProcess(dataDir: string): StoreProcess {
	const child = spawn('prlimit', [`--fsize=${FILE_LIMIT_BYTES}:unlimited`, process.execPath, '--import', 'tsx', fixture], {
		cwd: repoRoot,
		env: { ...process.env, DATA_DIR: dataDir },
		stdio: ['pipe', 'pipe', 'pipe']
	});
	cleanups.push(() => child.kill('SIGKILL'));
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const answers: ((line: string) => void)[] = [];
	readline.createInterface({ input: child.stdout! }).on('line', (line) => answers.shift()?.(line));
	return {
		child,
		exited,
		send(command) {
			return new Promise((resolve, reject) => {
				answers.push((line) => resolve(JSON.parse(line) as Record<string, unknown>));
				child.stdin!.write(`${command}\n`);
				void exited.then((code) => reject(new Error(`store process exited with ${code}:\n${stderr}`)));
			});
		}
	};
}

/** What the store process reports failing, by step. */
async function failingSteps(store: StoreProcess): Promise<string[]> {
	return ((await store.send('failures')).failures as { step: string }[]).map((f) => f.step);
}

/**
 * Appends, a few a second, until the disk is full for the appends and for the checkpointer (which
 * copies the WAL into a database file that can no longer grow). Answers how many were stored and
 * the first refusal.
 */
async function fillUntilFull(store: StoreProcess): Promise<{ stored: number; refused: Record<string, unknown> }> {
	let stored = 0;
	const refusals: Record<string, unknown>[] = [];
	await waitFor(
		async () => {
			const answer = await store.send('append 8192');
			if (answer.ok) stored++;
			else refusals.push(answer);
			return refusals.length > 0 && (await failingSteps(store)).includes('checkpoint');
		},
		{ timeout: 20_000, interval: 50, message: 'the appends and the checkpointer to meet the full disk' }
	);
	return { stored, refused: refusals[0]! };
}

/** Space returns, for the live process: no restart. */
async function giveSpaceBack(store: StoreProcess): Promise<void> {
	expect(spawnSync('prlimit', ['--pid', String(store.child.pid), '--fsize=unlimited:unlimited']).status).toBe(0);
	expect(await store.send('append 8192')).toEqual({ ok: true });
	await waitFor(async () => (await failingSteps(store)).length === 0, { timeout: 10_000, interval: 100, message: 'every fault to clear' });
}

describe.skipIf(!hasPrlimit)('a full disk', () => {
	it('refuses writes with a coded error, keeps the process and its checkpointer alive, and recovers when space returns', async () => {
		const dataDir = tempDir();
		cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
		const store = startStoreProcess(dataDir);

		const { stored, refused } = await fillUntilFull(store);
		expect(stored).toBeGreaterThan(0);
		expect(refused).toMatchObject({ ok: false, name: 'StoreWriteError', step: 'appendUpdate' });
		expect(String(refused.code)).toMatch(/^SQLITE_(FULL|IOERR)/);
		// The process is still up and still refusing, one call at a time.
		expect(await store.send('append 8192')).toMatchObject({ ok: false, name: 'StoreWriteError' });

		await giveSpaceBack(store);
		expect(await store.send('count')).toEqual({ count: stored + 1 });
		expect(store.child.exitCode).toBeNull();
	});

	it('starts again on the full disk after a crash, serves what it has, and recovers when space returns', async () => {
		const dataDir = tempDir();
		cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
		const first = startStoreProcess(dataDir);
		const { stored } = await fillUntilFull(first);
		first.child.kill('SIGKILL');
		await first.exited;

		// The restart replays a WAL that the database file has no room for: the checkpointer meets
		// the full disk at once, and the process stays up.
		const store = startStoreProcess(dataDir);
		expect(await store.send('count')).toEqual({ count: stored });
		await waitFor(async () => (await failingSteps(store)).includes('checkpoint'), {
			timeout: 10_000,
			interval: 100,
			message: 'the checkpointer to report the full disk after the restart'
		});
		expect(await store.send('append 8192')).toMatchObject({ ok: false, name: 'StoreWriteError' });

		await giveSpaceBack(store);
		expect(await store.send('count')).toEqual({ count: stored + 1 });
	});
});
