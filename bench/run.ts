/**
 * `npm run bench`: the server runs in its own process (the production build, embedded SQLite);
 * the stock y-websocket clients run in BENCH_CLIENT_PROCESSES forked processes (client-worker.ts).
 * Figures are printed and written to docs/benchmarks.md.
 *
 *   fan-out   8 participants (each joined with a token of their own) on each of 25 group boards,
 *             each adding a note every 2–4 s; latency is from the sender's transaction to each
 *             other client's observer (CLOCK_MONOTONIC, shared by the processes). Edits start
 *             BENCH_WARMUP_SECONDS before the measured window of BENCH_SECONDS, so that JIT warm-up
 *             and the tail of the 200 joins are not measured; every delivery inside the window
 *             counts.
 *   join      a new client syncs a board that holds 500 notes: time to the first full sync.
 *   memory    the server's RSS before and after the 200 clients connected, per client.
 *   context   the server's own event-loop delay and CPU time in the window (bench/server-probe.mjs),
 *             the client processes' event-loop delay, the same for this idle process (a control:
 *             its delay is the machine's scheduling noise), and what the rest of the machine used.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { boardRoom, readNotes, addNote, type Author } from '../src/lib/board';
import { startServer, type RunningServer } from '../tests/e2e/server';
import { close, connect, joinBoards, monotonicMs, percentile, postJson, rssKiB, synced, syncUrlOf } from './clients';
import { forkWorkers, reply, stopWorkers, tell } from './workers';

const GROUPS = 25;
const PER_GROUP = 8;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 30) * 1000;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5) * 1000;
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);
const JOIN_NOTES = 500;
const JOIN_RUNS = 20;
const DOC_FILE = 'docs/benchmarks.md';
/** Everything in DOC_FILE from this heading on is written by hand and kept across runs. */
const NOTES_HEADING = '## What we changed and why';

const here = path.dirname(fileURLToPath(import.meta.url));
const author: Author = { id: 'bench', name: 'Bänk', organisation: 'Region Bench' };

interface ServerProbe {
	delayP50: number;
	delayP99: number;
	delayMax: number;
	cpuMs: number;
}

async function main() {
	const probeFile = path.join(os.tmpdir(), `verkstad-bench-probe-${process.pid}.json`);
	const server = await startProbedServer(probeFile);
	const workers: ChildProcess[] = [];
	try {
		const { code, facilitatorKey } = await postJson<{ code: string; facilitatorKey: string }>(`${server.url}/api/workshops`, {
			title: 'Benchmark',
			template: 'larlabb',
			groups: GROUPS
		});
		const { token } = await postJson<{ token: string }>(`${server.url}/api/workshops/${code}/facilitator`, { key: facilitatorKey });

		// --- memory and fan-out -------------------------------------------------------------
		const rssBefore = rssKiB(server.pid);
		const shares = await joinBoards(server.url, code, { groups: GROUPS, perGroup: PER_GROUP, processes: CLIENT_PROCESSES });
		workers.push(...(await forkWorkers(syncUrlOf(server.url), shares)));
		const rssAfter = rssKiB(server.pid);

		const measureFrom = monotonicMs() + WARMUP_MS;
		const end = measureFrom + DURATION_MS;
		const done = workers.map((w) => reply(w, 'done'));
		for (const worker of workers) tell(worker, { kind: 'edit', measureFrom, end });
		await sleep(WARMUP_MS);
		process.kill(server.pid, 'SIGUSR2');
		const machineAtStart = machineBusyMs();
		const selfAtStart = process.cpuUsage();
		// This process only sleeps through the window: its event-loop delay is the machine's own
		// scheduling noise, the control for the server's and the clients' figures.
		const canary = monitorEventLoopDelay({ resolution: 1 });
		canary.enable();
		await sleep(Math.max(0, end - monotonicMs()));
		canary.disable();
		process.kill(server.pid, 'SIGUSR2');
		const machineMs = machineBusyMs() - machineAtStart;
		const selfCpu = process.cpuUsage(selfAtStart);
		const results = await Promise.all(done);
		const probe = await readProbe(probeFile);
		const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
		const edits = results.reduce((sum, r) => sum + r.edits, 0);
		const clientCpuMs = results.reduce((sum, r) => sum + r.cpuMs, 0) + (selfCpu.user + selfCpu.system) / 1000;

		// --- join a board of 500 notes ------------------------------------------------------
		const room = boardRoom(code, 'g1');
		const writer = connect(server.url, room, token);
		await synced(writer);
		writer.doc.transact(() => {
			for (let i = 0; i < JOIN_NOTES; i++) {
				addNote(writer.doc, { x: (i % 25) * 200, y: Math.floor(i / 25) * 140, text: `Lapp ${i}: ${'text '.repeat(8)}` }, author);
			}
		});
		const joinTimes: number[] = [];
		for (let run = 0; run < JOIN_RUNS; run++) {
			const t0 = performance.now();
			const joiner = connect(server.url, room, token);
			await synced(joiner);
			const count = readNotes(joiner.doc).length;
			joinTimes.push(performance.now() - t0);
			close(joiner);
			if (count < JOIN_NOTES) throw new Error(`joiner saw ${count} notes, expected at least ${JOIN_NOTES}`);
		}
		close(writer);
		joinTimes.sort((a, b) => a - b);

		const capacityMs = DURATION_MS * os.cpus().length;
		report({
			edits,
			deliveries: latencies.length,
			expected: edits * (PER_GROUP - 1),
			p50: percentile(latencies, 50),
			p99: percentile(latencies, 99),
			max: latencies.at(-1) ?? NaN,
			joinP50: percentile(joinTimes, 50),
			joinMax: joinTimes.at(-1) ?? NaN,
			kibPerClient: (rssAfter - rssBefore) / (GROUPS * PER_GROUP),
			rssBefore,
			rssAfter,
			serverDelayP99: probe.delayP99,
			serverDelayMax: probe.delayMax,
			serverCpu: (100 * probe.cpuMs) / DURATION_MS,
			clientDelayP99: Math.max(...results.map((r) => r.delayP99)),
			idleDelayP99: canary.percentile(99) / 1e6,
			idleDelayMax: canary.max / 1e6,
			othersCpu: (100 * Math.max(0, machineMs - probe.cpuMs - clientCpuMs)) / capacityMs
		});
	} finally {
		stopWorkers(workers);
		await server.stop();
		fs.rmSync(probeFile, { force: true });
	}
}

/**
 * startServer (tests/e2e/server.ts) gives the child a copy of this process's environment, so
 * the probe goes in through NODE_OPTIONS for that one spawn and is taken out again at once, before
 * any client process is forked.
 */
async function startProbedServer(probeFile: string): Promise<RunningServer> {
	const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, BENCH_PROBE_FILE: process.env.BENCH_PROBE_FILE };
	const probe = path.join(here, 'server-probe.mjs');
	process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --import ${JSON.stringify(probe)}`.trim();
	process.env.BENCH_PROBE_FILE = probeFile;
	const started = startServer();
	for (const [key, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[key];
		else process.env[key] = value;
	}
	return started;
}

async function readProbe(file: string): Promise<ServerProbe> {
	const deadline = Date.now() + 5000;
	while (!fs.existsSync(file)) {
		if (Date.now() > deadline) throw new Error(`the server probe wrote nothing to ${file}`);
		await sleep(20);
	}
	return JSON.parse(fs.readFileSync(file, 'utf8')) as ServerProbe;
}

/** CPU time every process on the machine has used since boot, all cores together. */
function machineBusyMs(): number {
	return os.cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);
}

function report(r: Record<string, number>) {
	const f = (n: number, d = 1) => n.toFixed(d);
	const rows = [
		`| fan-out latency p50 (${GROUPS} boards × ${PER_GROUP} clients) | ${f(r.p50!)} ms | |`,
		`| fan-out latency p99 | ${f(r.p99!)} ms | < 20 ms |`,
		`| fan-out latency max | ${f(r.max!)} ms | |`,
		`| edits sent / deliveries measured (expected) | ${r.edits} / ${r.deliveries} (${r.expected}) | |`,
		`| server event-loop delay p99 / max | ${f(r.serverDelayP99!)} / ${f(r.serverDelayMax!)} ms | |`,
		`| client processes' event-loop delay p99 (worst of ${CLIENT_PROCESSES}) | ${f(r.clientDelayP99!)} ms | |`,
		`| idle control process's event-loop delay p99 / max (machine noise) | ${f(r.idleDelayP99!)} / ${f(r.idleDelayMax!)} ms | |`,
		`| CPU: server (one core = 100 %) / other processes on the machine (all ${os.cpus().length} cores) | ${f(r.serverCpu!)} % / ${f(r.othersCpu!)} % | |`,
		`| new joiner syncs a board of ${JOIN_NOTES} notes, p50 of ${JOIN_RUNS} | ${f(r.joinP50!)} ms | < 300 ms |`,
		`| new joiner, slowest of ${JOIN_RUNS} | ${f(r.joinMax!)} ms | |`,
		`| server memory per connected client (RSS delta / clients) | ${f(r.kibPerClient!)} KiB | |`,
		`| server RSS before → after ${GROUPS * PER_GROUP} clients | ${f(r.rssBefore! / 1024)} → ${f(r.rssAfter! / 1024)} MiB | |`
	];
	const table = ['| measure | result | target |', '|---|---|---|', ...rows].join('\n');
	console.log(table);
	const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
	const previous = fs.existsSync(DOC_FILE) ? fs.readFileSync(DOC_FILE, 'utf8') : '';
	const notesAt = previous.indexOf(NOTES_HEADING);
	const notes = notesAt >= 0 ? `\n${previous.slice(notesAt)}` : '';
	const doc = `# Benchmarks

Run with \`npm run bench\` (set \`BENCH_SECONDS\` for a longer fan-out window). The server runs the
production build in its own process on embedded SQLite; the ${GROUPS * PER_GROUP} stock y-websocket
clients run in ${CLIENT_PROCESSES} other processes, each board's clients spread over all of them.
Edits start ${WARMUP_MS / 1000} s before the measured window (warm-up, not measured); every
delivery of a note sent inside the window counts, none is dropped as an outlier.

Last run: ${when} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${DURATION_MS / 1000} s measured.

${table}
${notes}`;
	fs.mkdirSync(path.dirname(DOC_FILE), { recursive: true });
	fs.writeFileSync(DOC_FILE, doc);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
