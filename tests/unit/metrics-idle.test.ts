/**
 * An idle server must not wake for nothing (issue 11): the event-loop delay metric samples with a
 * timer, and prom-client's default of one every 10 ms was nearly all of an idle server's CPU.
 */
import perfHooks from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_LOOP_SAMPLE_MS, Metrics } from '../../server/metrics';

const realMonitor = perfHooks.monitorEventLoopDelay;

afterEach(() => {
	perfHooks.monitorEventLoopDelay = realMonitor;
});

describe('the event-loop delay metric', () => {
	it('samples at most ten times a second', () => {
		const resolutions: number[] = [];
		perfHooks.monitorEventLoopDelay = (options) => {
			// Node's own default when no resolution is given.
			resolutions.push(options?.resolution ?? 10);
			return realMonitor(options);
		};
		const metrics = new Metrics();
		expect(resolutions).toEqual([EVENT_LOOP_SAMPLE_MS]);
		expect(EVENT_LOOP_SAMPLE_MS).toBeGreaterThanOrEqual(100);
		expect(metrics.registry.getSingleMetric('nodejs_eventloop_lag_p99_seconds')).toBeDefined();
	});
});
