/**
 * The WAL checkpointer: a worker thread with its own SQLite connection that copies the WAL back
 * into the database file (PRAGMA wal_checkpoint(PASSIVE): it copies what no reader still needs
 * and never waits for, or blocks, the writer).
 *
 * It runs only when there is WAL to copy: once at start (a WAL left by the previous process), then
 * `intervalMs` after the owner says it wrote (`wrote()`), and again every interval while a
 * checkpoint fails or could not copy every frame. Once the WAL is copied the thread sleeps until
 * the next write: an idle server has no timer in it. The owner posts at most one 'wrote' per
 * checkpoint (the thread answers 'caught-up'), not one per write. On 'stop' it checkpoints once
 * more, closes its connection and answers 'stopped'; the owner then terminates it.
 *
 * It never throws out of the thread. A checkpoint that fails (SQLITE_FULL or SQLITE_IOERR on a
 * full or failing disk, a file it cannot open) is reported to the owner once, when the failure
 * starts or its code changes, and tried again on the next tick: at most one attempt per interval,
 * so a disk that stays full costs one failed syscall a second, not a hot loop. The first tick
 * that succeeds again reports the recovery. A connection that could not be opened is opened
 * again on the next tick; the file must already exist (the store makes it), so the thread never
 * creates an empty database in its place.
 *
 * Messages from the thread are plain objects: an Error does not survive the trip between threads
 * with its class, so only the code and the message cross.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type CheckpointStatus = { ok: true } | { ok: false; code: string; message: string };

export interface Checkpointer {
	/** A write went to the WAL: checkpoint within the interval. Cheap to call on every write. */
	wrote(): void;
	/** Checkpoints once more, closes the thread's connection and ends the thread. */
	stop(): Promise<void>;
	/** Resolves when the thread has ended, for whatever reason (stop, or a crash of the thread itself). */
	exited: Promise<void>;
}

/**
 * Plain CommonJS source run with `eval`, so that the thread does not depend on how this TypeScript
 * module was loaded (tsx in production, vitest in tests). A 'stop' message ends it.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
let failing = null;
function open() {
	const opened = new Database(workerData.file, { fileMustExist: true });
	try {
		opened.pragma('synchronous = NORMAL');
	} catch (e) {
		opened.close();
		throw e;
	}
	return opened;
}
/** True when every frame of the WAL is in the database file. */
function checkpoint() {
	try {
		db ??= open();
		const [result] = db.pragma('wal_checkpoint(PASSIVE)');
		if (failing !== null) {
			failing = null;
			parentPort.postMessage({ ok: true });
		}
		return !result || result.log === result.checkpointed;
	} catch (e) {
		const code = e && typeof e.code === 'string' ? e.code : 'UNKNOWN';
		if (failing !== code) {
			failing = code;
			parentPort.postMessage({ ok: false, code, message: String((e && e.message) || e) });
		}
		return false;
	}
}
let timer = null;
let stopped = false;
function schedule() {
	if (!stopped) timer ??= setTimeout(tick, workerData.intervalMs);
}
function tick() {
	timer = null;
	if (checkpoint()) parentPort.postMessage('caught-up');
	else schedule();
}
parentPort.on('message', (message) => {
	if (message === 'wrote') return schedule();
	if (stopped) return;
	stopped = true;
	clearTimeout(timer);
	timer = null;
	checkpoint();
	try {
		if (db) db.close();
	} catch {}
	db = null;
	parentPort.postMessage('stopped');
});
schedule();
`;

/** How long stop() waits for the thread's last checkpoint before it ends the thread regardless. */
const STOP_TIMEOUT_MS = 5_000;
const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

export function startCheckpointer(file: string, opts: { intervalMs: number; onStatus(status: CheckpointStatus): void }): Checkpointer {
	const worker = new Worker(SOURCE, { eval: true, workerData: { driver: driverPath, file, intervalMs: opts.intervalMs } });
	// A background thread must not keep the process alive; stop() ends it explicitly.
	worker.unref();
	// True from a 'wrote' until the thread is caught up; a write meanwhile asks once more after.
	let asked = false;
	let wroteSinceAsked = false;
	const wrote = () => {
		if (asked) {
			wroteSinceAsked = true;
			return;
		}
		asked = true;
		wroteSinceAsked = false;
		worker.postMessage('wrote');
	};
	let confirmStopped = () => {};
	const stoppedHere = new Promise<void>((resolve) => (confirmStopped = resolve));
	worker.on('message', (message: CheckpointStatus | 'caught-up' | 'stopped') => {
		if (message === 'stopped') return confirmStopped();
		if (message !== 'caught-up') return opts.onStatus(message);
		asked = false;
		if (wroteSinceAsked) wrote();
	});
	// Only a crash of the thread itself gets here (checkpoint errors are messages). What arrives
	// may be a plain object rather than an Error, so it is reported as a status, never re-thrown.
	worker.on('error', (err: unknown) => {
		const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
		opts.onStatus({ ok: false, code: typeof code === 'string' ? code : 'WORKER_ERROR', message: String(message ?? err) });
	});
	const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
	let stopping: Promise<void> | null = null;
	return {
		exited,
		wrote,
		stop() {
			stopping ??= (async () => {
				// Waiting for the thread must keep the process alive until it has closed its connection.
				worker.ref();
				worker.postMessage('stop');
				// The thread says when its connection is closed; terminate() then ends it for certain,
				// rather than trusting its event loop to drain (a shutdown once hung here, waiting on it).
				// A thread that does not answer in time is ended all the same: the main connection's
				// own close copies the WAL back.
				let timeout: NodeJS.Timeout | undefined;
				const late = new Promise<void>((resolve) => (timeout = setTimeout(resolve, STOP_TIMEOUT_MS)));
				await Promise.race([stoppedHere, exited, late]);
				clearTimeout(timeout);
				await worker.terminate();
				await exited;
			})();
			return stopping;
		}
	};
}
