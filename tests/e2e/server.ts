/**
 * Starts the production server as `npm start` runs it (build/verkstad/index.js, compiled by
 * `npm run build`) as a child process on a free port with its own data directory, so that a test
 * can kill and restart it like an operator would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVER_ENTRY } from '../../scripts/build-state.js';

export interface RunningServer {
	url: string;
	dataDir: string;
	pid: number;
	/** SIGTERM: the server flushes and exits. */
	stop(): Promise<void>;
	/** SIGKILL by default: no chance to flush. Resolves once the process has exited. */
	kill(signal?: NodeJS.Signals): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of live) child.kill('SIGKILL');
});

export function newDataDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-e2e-'));
}

/** The last lines of the log a server started here writes into its data directory. */
export function logTail(dataDir: string, lines = 40): string {
	const file = path.join(dataDir, 'server.log');
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

/** `env` adds to or overrides the server's environment (MIN_FREE_MB, MAX_DB_MB, ...). */
export async function startServer(dataDir = newDataDir(), port = 0, env: Record<string, string> = {}): Promise<RunningServer> {
	// `npm test` and `npm run test:e2e` build first; a test file run on its own may not have.
	if (!fs.existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run \`npm run build\` first`);
	const child = spawn(process.execPath, [SERVER_ENTRY], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	live.add(child);
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (live.delete(child), resolve(code))));
	let stderr = '';
	child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
	// The server's log stays with its data, for reading after a failed test.
	const logFile = fs.createWriteStream(path.join(dataDir, 'server.log'), { flags: 'a' });
	child.stdout!.pipe(logFile);
	child.stderr!.pipe(logFile);

	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`server did not start within 30 s\n${out}\n${stderr}`)), 30_000);
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			// pino writes the fields before msg: find the line, then read its url.
			const line = out.split('\n').find((l) => l.includes('"msg":"listening"'));
			const match = line && /"url":"(http:\/\/[^"]+)"/.exec(line);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]!);
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code} before listening\n${out}\n${stderr}`));
		});
	});

	return {
		url,
		dataDir,
		pid: child.pid!,
		async stop() {
			child.kill('SIGTERM');
			// Shutdown is not what these tests are about (persistence.test.ts is), but a shutdown that
			// ran into the server's deadline is a bug: its log is printed for whoever reads the run.
			if ((await exited) !== 0) {
				console.error(`the server in ${dataDir} did not shut down cleanly; the end of its log:\n${logTail(dataDir)}`);
			}
		},
		async kill(signal = 'SIGKILL') {
			child.kill(signal);
			await exited;
		}
	};
}
