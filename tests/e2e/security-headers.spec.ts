/**
 * Every page the app has, in a real browser under the real Content-Security-Policy: the start page
 * (rendered on the server), the join page, a board with its websocket, the facilitator's control
 * room, the summary and the projector. Any `securitypolicyviolation` fails the test, and every kind
 * of response (page, API, healthz, readyz, built asset, error) carries the security headers.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { addNoteWithButton, connection, createWorkshop, openControlRoom } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** Collects every CSP violation any page of `context` reports, from before its first script runs. */
async function watchViolations(context: BrowserContext): Promise<string[]> {
	const violations: string[] = [];
	await context.exposeBinding('reportCspViolation', ({ page }, v: string) => void violations.push(`${page.url()}: ${v}`));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation;
			report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
		});
	});
	context.on('console', (message) => {
		if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	return violations;
}

function expectSecurityHeaders(headers: Record<string, string>, what: string): void {
	expect(headers['x-content-type-options'], what).toBe('nosniff');
	expect(headers['referrer-policy'], what).toBe('same-origin');
	expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
}

/** A page's policy: our own scripts and SvelteKit's nonce, never 'unsafe-inline' or 'unsafe-eval' for scripts. */
function expectPagePolicy(headers: Record<string, string>, what: string): void {
	expectSecurityHeaders(headers, what);
	const policy = headers['content-security-policy']!;
	const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1] ?? '';
	expect(scriptSrc, what).toMatch(/'self'/);
	expect(scriptSrc, what).toMatch(/'nonce-/);
	expect(scriptSrc, what).not.toMatch(/unsafe-inline|unsafe-eval/);
	expect(policy, what).toMatch(/connect-src 'self'/);
}

async function open(page: Page, url: string): Promise<void> {
	const response = await page.goto(url);
	expect(response, url).not.toBeNull();
	expectPagePolicy(await response!.allHeaders(), url);
}

test('every page runs under the policy with no violation, and every response has the headers', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);

	// A participant: start page, join page, board (with its websocket and a note).
	const participant = await browser.newContext();
	const participantViolations = await watchViolations(participant);
	const page = await participant.newPage();
	await open(page, server.url);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await open(page, workshop.participantUrl);
	await page.getByLabel('Ditt namn').fill('Åsa Öberg');
	await page.getByLabel('Organisation', { exact: true }).fill('Region Gotland');
	await page.getByRole('radio', { name: /^Grupp 1\b/ }).check();
	await page.getByRole('button', { name: 'Gå med i workshoppen' }).click();
	await page.waitForURL(/\/board$/);
	await expect(connection(page)).toHaveText(/Ansluten/);
	await addNoteWithButton(page, EXPECTATIONS, 'Att lära av varandra');
	// A reload loads the board page itself, under its own policy.
	await open(page, page.url());
	await expect(connection(page)).toHaveText(/Ansluten/);

	// The facilitator: control room (QR code, the boards live), summary, projector.
	const facilitator = await browser.newContext();
	const facilitatorViolations = await watchViolations(facilitator);
	const control = await facilitator.newPage();
	const controlResponse = control.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/facilitate'));
	await openControlRoom(control, workshop.facilitatorUrl);
	expectPagePolicy(await (await controlResponse).allHeaders(), 'control room');
	await control.getByRole('link', { name: 'Redigera sammanställningen' }).click();
	await expect(control.getByRole('heading', { level: 1, name: 'Sammanställning' })).toBeVisible();
	await expect(control.getByRole('textbox', { name: 'Punkt 1' })).toHaveValue('Att lära av varandra');
	const projector = await facilitator.newPage();
	await open(projector, `${server.url}/w/${workshop.code}/present`);
	await expect(projector.getByRole('heading', { level: 1 })).toBeVisible();
	await open(projector, `${server.url}/w/${workshop.code}/summary`);
	await expect(projector.getByRole('heading', { level: 1, name: 'Sammanställning' })).toBeVisible();

	expect(participantViolations).toEqual([]);
	expect(facilitatorViolations).toEqual([]);

	// Responses that are not pages: the API, healthz and readyz, an error, a built script, the favicon.
	const script = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="modulepreload"]')?.href);
	expect(script).toMatch(/\/_app\/immutable\//);
	for (const url of [
		`${server.url}/api/workshops/${workshop.code}`,
		`${server.url}/api/workshops/ZZZZZZ`,
		`${server.url}/healthz`,
		`${server.url}/readyz`,
		script!,
		`${server.url}/favicon.svg`
	]) {
		const response = await fetch(url);
		const headers = Object.fromEntries(response.headers);
		expectSecurityHeaders(headers, url);
		expect(headers['content-security-policy'], url).toContain("default-src 'none'");
	}
	const missing = await fetch(`${server.url}/finns-inte`);
	expect(missing.status).toBe(404);
	expectPagePolicy(Object.fromEntries(missing.headers), 'a page that does not exist');

	await participant.close();
	await facilitator.close();
});

test('another site cannot frame the app', async ({ browser }) => {
	server = await startServer();
	const context = await browser.newContext();
	const page = await context.newPage();
	const blocked = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
	// about:blank is not our origin; the frame's document must never load.
	await page.setContent(`<iframe src="${server.url}/" title="Verkstad"></iframe>`);
	await blocked;
	// Chromium shows its own error page in the frame instead; our app.html marks <body>.
	const frame = page.frames().find((f) => f !== page.mainFrame())!;
	expect(await frame.evaluate(() => document.body.hasAttribute('data-sveltekit-preload-data'))).toBe(false);
	await context.close();
});
