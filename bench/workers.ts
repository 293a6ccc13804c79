/**
 * The bench parent's side of the client processes (client-worker.ts): forking them with their
 * share of the clients, and talking to them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchPerson, FromWorker, ToWorker } from './clients';

const workerScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'client-worker.ts');

/** One client process for each share, told to connect its clients; resolves once all have synced. */
export async function forkWorkers(syncUrl: string, shares: BenchPerson[][]): Promise<ChildProcess[]> {
	const workers = shares.map((clients) => {
		const worker = fork(workerScript, { execArgv: ['--import', 'tsx'] });
		tell(worker, { kind: 'connect', syncUrl, clients });
		return worker;
	});
	try {
		await Promise.all(workers.map((w) => reply(w, 'synced')));
	} catch (e) {
		stopWorkers(workers);
		throw e;
	}
	return workers;
}

export function stopWorkers(workers: ChildProcess[]): void {
	for (const worker of workers) if (worker.exitCode === null) worker.kill();
}

export function tell(worker: ChildProcess, message: ToWorker): void {
	worker.send(message);
}

export function reply<K extends FromWorker['kind']>(worker: ChildProcess, kind: K): Promise<Extract<FromWorker, { kind: K }>> {
	return new Promise((resolve, reject) => {
		const onMessage = (message: FromWorker) => {
			if (message.kind !== kind) return;
			worker.off('message', onMessage);
			worker.off('exit', onExit);
			resolve(message as Extract<FromWorker, { kind: K }>);
		};
		const onExit = (code: number | null) => reject(new Error(`client process exited with ${code} before '${kind}'`));
		worker.on('message', onMessage);
		worker.once('exit', onExit);
	});
}
