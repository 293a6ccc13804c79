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

describe('a full disk', () => {
	it.skipIf(!hasPrlimit)('refuses writes with a coded error, keeps the process and its checkpointer alive, and recovers when space returns', async () => {
		const dataDir = tempDir();
		cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
		const store = startStoreProcess(dataDir);

		// Writes go on, a few a second, until the disk is full for the appends and for the
		// checkpointer (which copies the WAL into a database file that can no longer grow).
		let stored = 0;
		const refusals: Record<string, unknown>[] = [];
		await waitFor(
			async () => {
				const answer = await store.send('append 8192');
				if (answer.ok) stored++;
				else refusals.push(answer);
				const failures = (await store.send('failures')).failures as { step: string }[];
				return refusals.length > 0 && failures.some((f) => f.step === 'checkpoint');
			},
			{ timeout: 20_000, interval: 50, message: 'the appends and the checkpointer to meet the full disk' }
		);
		expect(stored).toBeGreaterThan(0);
		expect(refusals[0]).toMatchObject({ ok: false, name: 'StoreWriteError', step: 'appendUpdate' });
		expect(String(refusals[0]!.code)).toMatch(/^SQLITE_(FULL|IOERR)/);
		// The process is still up and still refusing, one call at a time.
		expect(await store.send('append 8192')).toMatchObject({ ok: false, name: 'StoreWriteError' });

		// Space returns: no restart, the next write succeeds and every fault clears.
		expect(spawnSync('prlimit', ['--pid', String(store.child.pid), '--fsize=unlimited:unlimited']).status).toBe(0);
		expect(await store.send('append 8192')).toEqual({ ok: true });
		await waitFor(async () => ((await store.send('failures')).failures as unknown[]).length === 0, {
			timeout: 10_000,
			interval: 100,
			message: 'every fault to clear'
		});
		expect(await store.send('count')).toEqual({ count: stored + 1 });
		expect(store.child.exitCode).toBeNull();
	});
});
