/**
 * `npm run bench:scale`: run.ts's fan-out load (8 stock clients on each of 25 boards, a note every
 * 2–4 s from each) against the compiled server in three setups:
 *
 *   sqlite      one instance on embedded SQLite (tests/e2e/server.ts), as `npm start`;
 *   pg+redis    one instance on PostgreSQL and Redis (tests/e2e/scaled-server.ts);
 *   2 × pg+redis two instances on one PostgreSQL schema and one Redis prefix, each board's clients
 *               spread over both, so most deliveries cross Redis.
 *
 * Clients connect straight to the instances, not through nginx: the figures are the servers',
 * and the client processes (bench/client-worker.ts) are split between the instances, each board's
 * clients over every process. Latency is from the sender's transaction to each other client's
 * observer. CPU is the instances' own (from /proc), summed, over the measured window;
 * PostgreSQL's and Redis's CPU is not in it. The machine's load average is printed beside each
 * run: the bench shares the machine with whatever else runs.
 */
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from '../tests/e2e/server';
import { startScaled } from '../tests/e2e/scaled-server';
import { joinBoards, monotonicMs, percentile, postJson, processCpuMs, syncUrlOf } from './clients';
import { writeBenchSection } from './doc-section';
import { forkWorkers, reply, stopWorkers, tell } from './workers';

const GROUPS = 25;
const PER_GROUP = 8;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 30) * 1000;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5) * 1000;
/** Even, so that two instances get as many client processes each. */
const CLIENT_PROCESSES = 4;

interface Servers {
	/** Where the bench makes the workshop and joins the participants. */
	apiUrl: string;
	instanceUrls: string[];
	pids: number[];
	stop(): Promise<void>;
}

interface Figures {
	setup: string;
	p50: number;
	p99: number;
	max: number;
	edits: number;
	deliveries: number;
	expected: number;
	/** The instances' CPU over the window, summed, in ms. */
	cpuMs: number;
	loadBefore: number;
	loadAfter: number;
}

async function main() {
	const results: Figures[] = [];
	results.push(await measure('1 × SQLite', async () => {
		const server = await startServer();
		return { apiUrl: server.url, instanceUrls: [server.url], pids: [server.pid], stop: () => server.stop() };
	}));
	results.push(await measure('1 × PostgreSQL + Redis', () => scaled(1)));
	results.push(await measure('2 × PostgreSQL + Redis', () => scaled(2)));
	report(results);
}

async function scaled(instances: number): Promise<Servers> {
	const cluster = await startScaled({ instances });
	return { apiUrl: cluster.instanceUrls[0]!, instanceUrls: cluster.instanceUrls, pids: cluster.pids, stop: () => cluster.stop() };
}

async function measure(setup: string, start: () => Promise<Servers>): Promise<Figures> {
	console.log(`${setup}: starting`);
	const servers = await start();
	const workers: ChildProcess[] = [];
	try {
		const { code } = await postJson<{ code: string }>(`${servers.apiUrl}/api/workshops`, { title: 'Benchmark', template: 'larlabb', groups: GROUPS });
		const shares = await joinBoards(servers.apiUrl, code, { groups: GROUPS, perGroup: PER_GROUP, processes: CLIENT_PROCESSES });
		// Client process w connects to instance w mod n: every board has clients on every instance.
		const n = servers.instanceUrls.length;
		const forked = await Promise.all(
			servers.instanceUrls.map((url, k) => forkWorkers(syncUrlOf(url), shares.filter((_, w) => w % n === k)))
		);
		workers.push(...forked.flat());

		const loadBefore = os.loadavg()[0]!;
		const measureFrom = monotonicMs() + WARMUP_MS;
		const end = measureFrom + DURATION_MS;
		const done = Promise.all(workers.map((w) => reply(w, 'done')));
		// A client process that dies fails the run below, after the servers are stopped (finally), not at once.
		done.catch(() => {});
		for (const worker of workers) tell(worker, { kind: 'edit', measureFrom, end });
		// The window is a fixed time by definition; these sleeps are its clock.
		await sleep(WARMUP_MS);
		const cpuAtStart = totalCpuMs(servers.pids);
		await sleep(Math.max(0, end - monotonicMs()));
		const cpuMs = totalCpuMs(servers.pids) - cpuAtStart;
		const loadAfter = os.loadavg()[0]!;
		const results = await done;
		const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
		const edits = results.reduce((sum, r) => sum + r.edits, 0);
		const figures = {
			setup,
			p50: percentile(latencies, 50),
			p99: percentile(latencies, 99),
			max: latencies.at(-1) ?? NaN,
			edits,
			deliveries: latencies.length,
			expected: edits * (PER_GROUP - 1),
			cpuMs,
			loadBefore,
			loadAfter
		};
		console.log(`${setup}: p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, ${figures.deliveries} deliveries, load ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`);
		return figures;
	} finally {
		stopWorkers(workers);
		await servers.stop();
	}
}

const totalCpuMs = (pids: number[]) => pids.reduce((sum, pid) => sum + processCpuMs(pid), 0);

function report(results: Figures[]) {
	const f = (n: number, d = 1) => n.toFixed(d);
	const seconds = DURATION_MS / 1000;
	const rows = results.map(
		(r) =>
			`| ${r.setup} | ${f(r.p50)} ms | ${f(r.p99)} ms | ${f(r.max)} ms | ${f(r.deliveries / seconds, 0)} (${r.deliveries} of ${r.expected}) | ${f((100 * r.cpuMs) / DURATION_MS)} % | ${f((1000 * r.cpuMs) / r.deliveries, 0)} µs | ${f(r.loadBefore, 2)} → ${f(r.loadAfter, 2)} |`
	);
	const table = [
		`${GROUPS} boards × ${PER_GROUP} stock clients, a note every 2–4 s from each, ${seconds} s measured after ${WARMUP_MS / 1000} s of warm-up, on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}.`,
		'Clients connect straight to the instances (not through nginx); with two instances each board has clients on both.',
		'CPU is the instances\' own, summed (one core = 100 %); PostgreSQL and Redis are not counted. The machine is shared: see the load average (1 min) beside each run.',
		'',
		'| setup | fan-out p50 | p99 | max | deliveries/s (measured of expected) | instances\' CPU | CPU per delivery | load average |',
		'|---|---|---|---|---|---|---|---|',
		...rows
	].join('\n');
	console.log(table);
	writeBenchSection('scale', table);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
