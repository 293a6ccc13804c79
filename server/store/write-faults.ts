/**
 * The open storage faults of a store, by step (a store call, or SQLite's background
 * 'checkpoint'): what writeFailures() answers for /healthz. A write that succeeds clears its own
 * step. The start and the end of a failure are written to stderr as a Node warning, since the
 * stores have no log of their own.
 */
import { StoreWriteError, type StoreWriteFailure } from './doc-store';

export class WriteFaults {
	readonly #backend: string;
	readonly #faults = new Map<string, StoreWriteFailure>();

	/** `backend` names the store in the warnings, e.g. 'SQLite store'. */
	constructor(backend: string) {
		this.#backend = backend;
	}

	list(): StoreWriteFailure[] {
		return [...this.#faults.values()].sort((a, b) => a.since - b.since);
	}

	/** Records a storage fault of a store call and gives the error that call rejects with. */
	refuse(step: string, code: string, cause: unknown): StoreWriteError {
		this.set(step, code, cause);
		return new StoreWriteError(code, step, { cause });
	}

	set(step: string, code: string, detail: unknown): void {
		if (this.#faults.get(step)?.code === code) return;
		const wasWritable = this.#faults.size === 0;
		this.#faults.set(step, { code, step, since: Date.now() });
		if (wasWritable) {
			process.emitWarning(`${this.#backend} cannot write: ${code} in ${step} (${detail instanceof Error ? detail.message : String(detail)}); writes are refused until the cause is gone`);
		}
	}

	clear(step: string): void {
		if (!this.#faults.delete(step) || this.#faults.size > 0) return;
		process.emitWarning(`${this.#backend} writes again`);
	}
}
