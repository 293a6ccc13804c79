/**
 * `npm run bench:peer`: the same load against Verkstad (production build, SQLite) and against
 * y-websocket 1.5.4's reference server without and with LevelDB persistence (issue 11 §5).
 *
 *   load      8 stock y-websocket clients a board (in BENCH_CLIENT_PROCESSES forked processes,
 *             client-worker.ts), each adding a note every 2–4 s, one cursor a board at 10 Hz; 200
 *             clients on 25 boards and 1,000 on 125, on empty boards and on boards of 300 notes.
 *             Rounds alternate the servers (Verkstad, reference, reference + LevelDB, Verkstad, ...)
 *             and each ratio is the median over the rounds of that round's ratio, so that a machine
 *             that gets busier or quieter during the run moves both sides of a ratio alike.
 *   CPU       the server process's CPU time in the measured window (/proc/<pid>/stat) divided by
 *             the messages its clients counted: note deliveries and cursor updates from others.
 *   fan-out   sender's transaction → each other client's observer, CLOCK_MONOTONIC (as run.ts).
 *   idle      a freshly restarted server holding boards but no clients: CPU and RSS over
 *             BENCH_IDLE_SECONDS.
 *   join      after that restart, a client joins a 500-note board that the server has not loaded,
 *             until every note has arrived; one unmeasured join first warms the server up. Not
 *             for the reference server without persistence, which forgets its boards.
 *
 * Environment: BENCH_SECONDS (30), BENCH_WARMUP_SECONDS (5), BENCH_PEER_ROUNDS (2),
 * BENCH_IDLE_SECONDS (30), BENCH_CLIENT_PROCESSES (4). With these a run takes about 25 minutes,
 * which is why `npm run bench` leaves it out. BENCH_PEER_QUICK=1 is a smoke run of about 3
 * minutes: 200 clients only, one round, 5 s windows, nothing written to docs/benchmarks.md.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { close, connectTo, monotonicMs, percentile, processCpuMs, rssKiB, type BenchPerson } from './clients';
import { writeBenchSection } from './doc-section';
import { fillBoards, notesArrived, startTarget, TARGET_KINDS, type Target, type TargetKind } from './peer-targets';
import { forkWorkers, reply, stopWorkers, tell } from './workers';

const QUICK = process.env.BENCH_PEER_QUICK === '1';
const PER_BOARD = 8;
const CURSOR_HZ = 10;
const FULL_BOARD_NOTES = 300;
const JOIN_NOTES = 500;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 5 : 30)) * 1000;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_SECONDS ?? (QUICK ? 2 : 5)) * 1000;
const IDLE_MS = Number(process.env.BENCH_IDLE_SECONDS ?? (QUICK ? 5 : 30)) * 1000;
const ROUNDS = Number(process.env.BENCH_PEER_ROUNDS ?? (QUICK ? 1 : 2));
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);
const JOIN_RUNS = QUICK ? 3 : 10;
/** After a restart, before the idle window: the start-up's own work is not idling. */
const SETTLE_MS = 3000;

interface Scenario {
	boards: number;
	notes: number;
}

const SCENARIOS: Scenario[] = (QUICK ? [25] : [25, 125]).flatMap((boards) => [0, FULL_BOARD_NOTES].map((notes) => ({ boards, notes })));

interface LoadFigures {
	cpuPerMessageUs: number;
	p50: number;
	p99: number;
	rssMiB: number;
	deliveries: number;
	/** Deliveries over what the clients sent times the receivers: under 1 if messages were late or lost. */
	delivered: number;
	/**
	 * What the clients sent over the nominal load (a note every 3 s on average, CURSOR_HZ cursor
	 * moves a board): under 1 if the client processes could not keep up with their own timers.
	 */
	offered: number;
	serverCpuPct: number;
}

interface RestFigures {
	idleCpuPct: number;
	idleRssMiB: number;
	/** Not for the reference server without persistence, which forgets every board on a restart. */
	joinP50: number;
}

async function main() {
	const loadAtStart = os.loadavg();
	const started = performance.now();
	const rounds: Map<TargetKind, LoadFigures>[][] = [];
	for (let round = 0; round < ROUNDS; round++) {
		rounds.push([]);
		for (const scenario of SCENARIOS) {
			const byKind = new Map<TargetKind, LoadFigures>();
			for (const kind of TARGET_KINDS) {
				const figures = await loadRound(kind, scenario);
				console.log(`round ${round + 1}, ${label(scenario)}, ${kind}: ${JSON.stringify(figures)}`);
				byKind.set(kind, figures);
			}
			rounds[round]!.push(byKind);
		}
	}
	const rest = new Map<TargetKind, RestFigures>();
	for (const kind of TARGET_KINDS) {
		const figures = await restRound(kind);
		console.log(`idle and cold join, ${kind}: ${JSON.stringify(figures)}`);
		rest.set(kind, figures);
	}
	const minutes = (performance.now() - started) / 60_000;
	report(rounds, rest, { loadAtStart, loadAtEnd: os.loadavg(), minutes });
}

/** One server of `kind` under the load of `scenario`, from a fresh start to its stop. */
async function loadRound(kind: TargetKind, { boards, notes }: Scenario): Promise<LoadFigures> {
	const target = await startTarget(kind);
	let workers: ChildProcess[] = [];
	try {
		const seated = await target.seat(boards, PER_BOARD);
		await fillBoards(target.syncUrl, seated.boards, notes);
		workers = await forkWorkers(target.syncUrl, shareOut(seated.people));

		const measureFrom = monotonicMs() + WARMUP_MS;
		const end = measureFrom + DURATION_MS;
		const done = workers.map((w) => reply(w, 'done'));
		for (const worker of workers) tell(worker, { kind: 'edit', measureFrom, end, cursorHz: CURSOR_HZ });
		await sleep(WARMUP_MS);
		const cpuAtStart = processCpuMs(target.pid);
		// A benchmark window is a fixed time by definition; this sleep is its clock.
		await sleep(Math.max(0, end - monotonicMs()));
		const cpuMs = processCpuMs(target.pid) - cpuAtStart;
		const rss = rssKiB(target.pid);
		const results = await Promise.all(done);
		const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
		const deliveries = latencies.length + results.reduce((sum, r) => sum + r.awarenessDeliveries, 0);
		const sent = results.reduce((sum, r) => sum + r.edits + r.cursorMoves, 0);
		return {
			cpuPerMessageUs: (cpuMs * 1000) / deliveries,
			p50: percentile(latencies, 50),
			p99: percentile(latencies, 99),
			rssMiB: rss / 1024,
			deliveries,
			delivered: deliveries / (sent * (PER_BOARD - 1)),
			offered: sent / (boards * (PER_BOARD / 3 + CURSOR_HZ) * (DURATION_MS / 1000)),
			serverCpuPct: (100 * cpuMs) / DURATION_MS
		};
	} finally {
		stopWorkers(workers);
		await stopAndForget(target);
	}
}

/** Each board's clients spread over every process, so that most deliveries cross processes. */
function shareOut(people: BenchPerson[]): BenchPerson[][] {
	const shares: BenchPerson[][] = Array.from({ length: CLIENT_PROCESSES }, () => []);
	for (const person of people) shares[person.index % CLIENT_PROCESSES]!.push(person);
	return shares;
}

/**
 * Boards of JOIN_NOTES notes are written, the server restarts on its data (so none is loaded),
 * idles, and then a client joins each board in turn.
 */
async function restRound(kind: TargetKind): Promise<RestFigures> {
	let target: Target = await startTarget(kind);
	const persists = target.dataDir !== null;
	try {
		const { boards } = await target.seat(JOIN_RUNS + 1, 0);
		if (persists) {
			await fillBoards(target.syncUrl, boards, JOIN_NOTES);
			await target.persisted(boards, JOIN_NOTES);
		}
		await target.stop();
		target = await startTarget(kind, target.dataDir ?? undefined);

		await sleep(SETTLE_MS);
		const cpuAtStart = processCpuMs(target.pid);
		await sleep(IDLE_MS);
		const idleCpuPct = (100 * (processCpuMs(target.pid) - cpuAtStart)) / IDLE_MS;
		const idleRssMiB = rssKiB(target.pid) / 1024;

		const joinTimes: number[] = [];
		if (persists) {
			for (const [run, { room, token }] of boards.entries()) {
				const t0 = performance.now();
				const joiner = connectTo(target.syncUrl, room, token);
				try {
					await notesArrived(joiner, JOIN_NOTES);
				} finally {
					close(joiner);
				}
				if (run > 0) joinTimes.push(performance.now() - t0);
			}
		}
		return { idleCpuPct, idleRssMiB, joinP50: percentile(joinTimes.sort((a, b) => a - b), 50) };
	} finally {
		await stopAndForget(target);
	}
}

async function stopAndForget(target: Target): Promise<void> {
	await target.stop();
	if (target.dataDir) fs.rmSync(target.dataDir, { recursive: true, force: true });
}

function label({ boards, notes }: Scenario): string {
	return `${boards * PER_BOARD} clients on ${boards} ${notes ? `boards of ${notes} notes` : 'empty boards'}`;
}

function median(values: number[]): number {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	const mid = sorted.length / 2;
	return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
}

function report(
	rounds: Map<TargetKind, LoadFigures>[][],
	rest: Map<TargetKind, RestFigures>,
	run: { loadAtStart: number[]; loadAtEnd: number[]; minutes: number }
): void {
	const f = (n: number, d = 1, unit = '') => (Number.isFinite(n) ? `${n.toFixed(d)}${unit && ` ${unit}`}` : '—');
	const rows: string[] = [];
	const loadRow = (scenario: number, measure: string, unit: string, digits: number, pick: (x: LoadFigures) => number) => {
		const per = (kind: TargetKind) => median(rounds.map((r) => pick(r[scenario]!.get(kind)!)));
		const ratioOver = (kind: TargetKind) => median(rounds.map((r) => pick(r[scenario]!.get('verkstad')!) / pick(r[scenario]!.get(kind)!)));
		rows.push(
			`| ${measure}, ${label(SCENARIOS[scenario]!)} | ${f(per('verkstad'), digits, unit)} | ${f(per('reference'), digits, unit)} | ${f(per('reference+leveldb'), digits, unit)} | ${f(ratioOver('reference'), 2)} | ${f(ratioOver('reference+leveldb'), 2)} |`
		);
	};
	SCENARIOS.forEach((_, s) => {
		loadRow(s, 'CPU per delivered message', 'µs', 1, (x) => x.cpuPerMessageUs);
		loadRow(s, 'fan-out p50', 'ms', 1, (x) => x.p50);
		loadRow(s, 'fan-out p99', 'ms', 1, (x) => x.p99);
		loadRow(s, 'server RSS at the end of the window', 'MiB', 0, (x) => x.rssMiB);
		loadRow(s, 'server CPU (one core = 100 %)', '%', 1, (x) => x.serverCpuPct);
		loadRow(s, 'messages delivered (notes + cursors)', '', 0, (x) => x.deliveries);
		loadRow(s, 'share of the messages sent that were delivered', '%', 0, (x) => 100 * x.delivered);
		loadRow(s, 'load the clients achieved (messages sent / nominal)', '%', 0, (x) => 100 * x.offered);
	});
	const restRow = (measure: string, unit: string, digits: number, pick: (x: RestFigures) => number) => {
		const v = (kind: TargetKind) => pick(rest.get(kind)!);
		rows.push(
			`| ${measure} | ${f(v('verkstad'), digits, unit)} | ${f(v('reference'), digits, unit)} | ${f(v('reference+leveldb'), digits, unit)} | ${f(v('verkstad') / v('reference'), 2)} | ${f(v('verkstad') / v('reference+leveldb'), 2)} |`
		);
	};
	restRow(`idle server CPU over ${IDLE_MS / 1000} s (one core = 100 %)`, '%', 2, (x) => x.idleCpuPct);
	restRow('idle server RSS', 'MiB', 0, (x) => x.idleRssMiB);
	restRow(`cold join of a ${JOIN_NOTES}-note board until every note has arrived, p50 of ${JOIN_RUNS}`, 'ms', 1, (x) => x.joinP50);

	const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
	const table = [
		`${ROUNDS} alternating round${ROUNDS === 1 ? '' : 's'} of ${DURATION_MS / 1000} s measured (after ${WARMUP_MS / 1000} s of warm-up) a server and scenario; ` +
			`${PER_BOARD} clients a board, an edit every 2–4 s each, one cursor a board at ${CURSOR_HZ} Hz, clients in ${CLIENT_PROCESSES} processes. ` +
			`Figures are medians over the rounds; each ratio is the median of the rounds' own ratios. ` +
			`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; load average ${load(run.loadAtStart)} at the start, ${load(run.loadAtEnd)} at the end; ${run.minutes.toFixed(1)} min in all.`,
		'',
		'| measure | Verkstad | reference | reference + LevelDB | Verkstad / reference | Verkstad / reference + LevelDB |',
		'|---|---|---|---|---|---|',
		...rows
	].join('\n');
	console.log(table);
	if (QUICK) console.log('\nA quick run (BENCH_PEER_QUICK=1): docs/benchmarks.md is left as it was.');
	else writeBenchSection('peer', table);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
