/**
 * The Lärlabb exercise (larlabb-exercise.ts) at scale: two instances on PostgreSQL and Redis behind
 * nginx (scaled-server.ts), the facilitator and the participants all going through the proxy,
 * their sockets spread over both instances.
 */
import { expect, test } from '@playwright/test';
import { runLarlabbExercise } from './larlabb-exercise';
import { startScaled, type ScaledServer } from './scaled-server';

let scaled: ScaledServer | undefined;

test.afterEach(async ({}, testInfo) => {
	if (scaled && testInfo.status !== testInfo.expectedStatus) console.log(scaled.logTails());
	await scaled?.stop();
	scaled = undefined;
});

/** The open sync sockets of one instance, from its /metrics. */
async function syncConnections(instanceUrl: string): Promise<number> {
	const metrics = await (await fetch(`${instanceUrl}/metrics`)).text();
	const line = metrics.split('\n').find((l) => l.startsWith('verkstad_sync_connections '));
	return Number(line?.split(' ')[1] ?? NaN);
}

test('two instances behind nginx run the Lärlabb exercise, with the people spread over both', async ({ browser }) => {
	test.setTimeout(180_000);
	scaled = await startScaled();
	const { instanceUrls } = scaled;
	await runLarlabbExercise(browser, scaled.url, {
		everyoneIn: async () => {
			const perInstance = await Promise.all(instanceUrls.map(syncConnections));
			expect(perInstance.every((n: number) => n > 0), `sockets per instance: ${perInstance.join(', ')}`).toBe(true);
		}
	});
});
