/**
 * The appends of one event-loop turn, committed together by a store: a burst of edits costs one
 * transaction, and every caller of the turn learns the outcome of that one commit.
 */
export interface AppendBatch {
	rows: [room: string, update: Uint8Array][];
	done: Promise<void>;
	resolve(): void;
	reject(err: unknown): void;
}

export class AppendBatcher {
	readonly #commit: (batch: AppendBatch) => void;
	#waiting: AppendBatch | null = null;

	/** `commit` writes a batch and settles it (resolve or reject); it is called once per batch. */
	constructor(commit: (batch: AppendBatch) => void) {
		this.#commit = commit;
	}

	/** Adds an update to this turn's batch; settles with that batch's commit. */
	add(room: string, update: Uint8Array): Promise<void> {
		if (!this.#waiting) {
			const batch = newAppendBatch();
			this.#waiting = batch;
			setImmediate(() => this.commitWaiting(batch));
		}
		this.#waiting.rows.push([room, update]);
		return this.#waiting.done;
	}

	/** Commits the waiting batch now (or `only` that batch, if it is still the waiting one). */
	commitWaiting(only?: AppendBatch): void {
		const batch = this.#waiting;
		if (!batch || (only && only !== batch)) return;
		this.#waiting = null;
		this.#commit(batch);
	}
}

function newAppendBatch(): AppendBatch {
	const batch = { rows: [] } as unknown as AppendBatch;
	batch.done = new Promise<void>((resolve, reject) => Object.assign(batch, { resolve, reject }));
	return batch;
}
