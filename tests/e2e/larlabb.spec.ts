/** The Lärlabb exercise (larlabb-exercise.ts) on one server with its embedded SQLite store. */
import { test } from '@playwright/test';
import { runLarlabbExercise } from './larlabb-exercise';
import { startServer, type RunningServer } from './server';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

test('a facilitator runs the Lärlabb exercise with two groups, from instructions to the plenary', async ({ browser }) => {
	server = await startServer();
	await runLarlabbExercise(browser, server.url);
});
