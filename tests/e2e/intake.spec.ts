/**
 * What the production server answers when something new would cost it too much, over HTTP: rate
 * limits per address on workshop creation and on workshop and template imports (429 with
 * Retry-After), the free-space floor (507), and /readyz when the database has hit MAX_DB_MB.
 * No browser: these are the answers an API client, or an attacker, gets.
 */
import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from './server';

let server: RunningServer | null = null;
test.afterEach(async () => {
	await server?.stop();
	server = null;
});

const post = (path: string, body: unknown) =>
	fetch(`${server!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('one address may create 30 workshops and attempt 20 workshop and 20 template imports an hour; then 429 with Retry-After', async () => {
	server = await startServer();
	for (let i = 0; i < 30; i++) expect((await post('/api/workshops', { title: `Workshop ${i}`, template: 'blank', groups: 1 })).status).toBe(201);
	const refused = await post('/api/workshops', { title: 'En till', template: 'blank', groups: 1 });
	expect(refused.status).toBe(429);
	expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
	expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
	expect((await refused.json()) as unknown).toMatchObject({ error: expect.stringMatching(/^Många workshoppar har skapats härifrån på kort tid/) });

	// Each import counts as an attempt before its body is read, good file or not.
	for (const [path, first] of [['/api/workshops/import', /^Många workshoppar har lästs in/], ['/api/templates/import', /^Många mallar har lästs in/]] as const) {
		for (let i = 0; i < 20; i++) expect((await post(path, { not: 'a file' })).status).toBe(400);
		const over = await post(path, { not: 'a file' });
		expect(over.status).toBe(429);
		expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
		expect(((await over.json()) as { error: string }).error).toMatch(first);
	}
});

test('below the free-space floor (MIN_FREE_MB) a new workshop is refused with 507 and a sentence, and the server stays healthy', async () => {
	server = await startServer(undefined, 0, { MIN_FREE_MB: String(1024 ** 4) });
	const refused = await post('/api/workshops', { title: 'Lärlabb', template: 'larlabb', groups: 2 });
	expect(refused.status).toBe(507);
	expect((await refused.json()) as unknown).toMatchObject({ error: expect.stringMatching(/^Servern har nästan slut på lagringsutrymme/) });
	expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
});

test('at MAX_DB_MB the server stays up, and /readyz answers 503 with the reason', async () => {
	server = await startServer(undefined, 0, { MAX_DB_MB: '0.25' });
	expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ ok: true });
	// Big workshops (30 groups of the Lärlabb template) until the database is at its cap.
	let health = await fetch(`${server.url}/readyz`);
	for (let i = 0; i < 10 && health.status === 200; i++) {
		const created = await post('/api/workshops', { title: `Stor workshop ${i}`, template: 'larlabb', groups: 30 });
		expect([201, 507]).toContain(created.status);
		health = await fetch(`${server.url}/readyz`);
	}
	expect(health.status).toBe(503);
	const body = (await health.json()) as { ok: boolean; error: string; failures: { code: string; step: string }[] };
	expect(body.ok).toBe(false);
	expect(body.error).toMatch(/^Lagringen kan inte spara \(SQLITE_FULL\)/);
	expect(body.failures[0]).toMatchObject({ code: 'SQLITE_FULL' });
	// Alive all the same: an orchestrator must not restart a server for a full disk.
	expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	// Still serving: the start page loads.
	expect((await fetch(server.url)).status).toBe(200);
});
