/**
 * The Lärlabb run-sheet runs the exercise by itself (issue 10 §4): the facilitator presses only
 * "Starta" on its first phase, with "Gå vidare automatiskt", and a participant's board goes
 * think-first → reveal → discuss → summary → locked. During think-first the control room counts
 * drafts and "Klar" per group, never their text. The phases are shortened through the
 * facilitator's doc (fractional minutes, as tests/integration/phases.test.ts does).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { findTemplate, setAutoAdvance, setPhases, workshopRoom } from '../../src/lib/board';
import { createWorkshop, enterControlRoom, figure, join, note } from './people';
import { startServer, type RunningServer } from './server';
import { facilitatorToken } from './stock-client';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const DRAFT = 'Att lära av andra regioner';
/** Long enough to write, press "Klar" and take the screenshots under load; the rest are short. */
const THINK_SECONDS = 30;
const SIZES = [
	{ name: '1440x900', width: 1440, height: 900 },
	{ name: '360x740', width: 360, height: 740 },
	{ name: '1920x1080', width: 1920, height: 1080 }
];

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/**
 * The Lärlabb template's phases, with their actions, at test speed, written as the facilitator's
 * browser would; answers the client's close, for when the control room shows them.
 */
async function shortenRunSheet(baseUrl: string, code: string, token: string): Promise<() => void> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, workshopRoom(code), doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	await new Promise<void>((resolve) => provider.on('sync', (done: boolean) => done && resolve()));
	const seconds = [THINK_SECONDS, 8, 5];
	const phases = findTemplate('larlabb')!.runSheet.map((p, i) => ({ ...p, minutes: seconds[i]! / 60 }));
	setPhases(doc, phases);
	setAutoAdvance(doc, true);
	return () => {
		provider.destroy();
		doc.destroy();
	};
}

async function shoot(page: Page, target: Locator, name: string): Promise<void> {
	for (const size of SIZES) {
		await page.setViewportSize({ width: size.width, height: size.height });
		await target.scrollIntoViewIfNeeded();
		await target.screenshot({ path: `/work/wt/shots/runsheet-${name}-${size.name}.png` });
	}
	await page.setViewportSize({ width: 1440, height: 900 });
}

test('"Starta" alone runs the Lärlabb exercise: think-first, reveal, discuss, summary, locked', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1, 'larlabb');
	const { page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const close = await shortenRunSheet(server.url, workshop.code, await facilitatorToken(server.url, workshop.code, workshop.facilitatorKey));

	const runSheet = control.getByRole('region', { name: 'Körschema' });
	await expect(runSheet.getByText(`${THINK_SECONDS} s`)).toBeVisible();
	close();
	// The card says what each phase does.
	await expect(runSheet.getByText('Fundera själv först, visar lapparna vid slutet')).toBeVisible();
	await expect(runSheet.getByText('Låser tavlorna')).toBeVisible();
	await expect(runSheet.getByRole('checkbox', { name: 'Gå vidare automatiskt' })).toBeChecked();

	await runSheet.getByRole('button', { name: 'Starta Individuellt' }).click();

	// Think-first started on the board with no other click: a note becomes a private draft.
	const banner = anna.page.getByText(/Fundera själv först: dina lappar är privata/);
	await expect(banner).toBeVisible();
	await anna.page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` }).click();
	await expect(anna.page.getByRole('textbox', { name: 'Text på privat lapp' })).toBeFocused();
	await anna.page.keyboard.type(DRAFT);
	await anna.page.keyboard.press('Escape');
	const done = anna.page.getByRole('button', { name: 'Klar', exact: true });
	await expect(done).toHaveAttribute('aria-pressed', 'false');
	await done.click();
	await expect(done).toHaveAttribute('aria-pressed', 'true');
	await expect(anna.page.getByText('Du är markerad som klar.')).toBeAttached();

	// The control room counts, and shows no text.
	const individual = control.getByRole('region', { name: 'Fundera själv först' });
	const group = individual.getByRole('list', { name: 'Hur långt grupperna har kommit' }).getByRole('listitem').filter({ hasText: 'Grupp 1' });
	await expect(group).toContainText('1 utkast');
	await expect(group).toContainText('1 av 1 klara');
	await expect(individual.getByRole('status')).toHaveText('Alla i Grupp 1 är klara.');
	await expect(control.getByText(DRAFT)).toHaveCount(0);

	await shoot(control, runSheet, 'card');
	await shoot(control, individual, 'counts');
	await shoot(anna.page, anna.page.locator('.individual'), 'klar');

	// Reveal at the phase's end: the draft is a note on the group board, and the board says discuss.
	const timer = anna.page.getByRole('timer', { name: /Tid kvar/ });
	await expect(note(figure(anna.page, EXPECTATIONS), DRAFT)).toBeVisible({ timeout: (THINK_SECONDS + 15) * 1000 });
	await expect(anna.page.getByRole('article', { name: 'Privat lapp' })).toHaveCount(0);
	await expect(banner).toHaveCount(0);
	// Discussion starts as think-first ends (8 s), then the summary (5 s).
	await expect(timer).toContainText('Diskutera');
	await expect(timer).toContainText('Sammanfatta', { timeout: 15_000 });
	// Summary's end locks the board.
	await expect(anna.page.getByText('Låst av workshopledaren')).toBeVisible({ timeout: 15_000 });
	await expect(runSheet.getByRole('listitem').filter({ hasText: 'Sammanfatta' })).toHaveAttribute('aria-current', 'step');
});
