/**
 * Preloaded into the server process by bench/run.ts (NODE_OPTIONS=--import), never by production:
 * measures the server's own event-loop delay and CPU time over the bench's measured window, so
 * that the latency figures can be told apart from a busy machine or a busy client process.
 * Plain JavaScript because it loads before tsx does.
 *
 * SIGUSR2 #1 starts the window; SIGUSR2 #2 writes the figures as JSON to $BENCH_PROBE_FILE.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const out = process.env.BENCH_PROBE_FILE;
const delay = monitorEventLoopDelay({ resolution: 1 });
let cpuAtStart = null;

process.on('SIGUSR2', () => {
	if (cpuAtStart === null) {
		cpuAtStart = process.cpuUsage();
		delay.reset();
		delay.enable();
		return;
	}
	delay.disable();
	const cpu = process.cpuUsage(cpuAtStart);
	const ms = (ns) => ns / 1e6;
	const figures = {
		delayP50: ms(delay.percentile(50)),
		delayP99: ms(delay.percentile(99)),
		delayMax: ms(delay.max),
		cpuMs: (cpu.user + cpu.system) / 1000
	};
	fs.writeFileSync(`${out}.tmp`, JSON.stringify(figures));
	// Renamed into place so that the bench never reads half a file.
	fs.renameSync(`${out}.tmp`, out);
});
