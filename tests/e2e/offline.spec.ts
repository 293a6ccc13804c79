/**
 * A lost network, as conference Wi-Fi loses it: the browser goes offline for 5 s or 30 s while
 * the board is open, or the person reloads while offline. The badge must say what is true once
 * the network is back ("Ansluten" only when the socket is open and synced again), the presence
 * list must come back, and what was written offline must reach the server and the others — also
 * when the page was reloaded before the network returned (the edits wait in IndexedDB).
 *
 * The offline spells are not slept through: Anna's browser runs on Playwright's clock, which is
 * moved forward by the spell's length, so every timer of the page (y-websocket's 30 s silence
 * check, our 5 s resync check) fires as it would after that long. Everything else polls with a
 * deadline.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { addNoteWithButton, connection, createWorkshop, figure, join, note } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const OFFLINE = /^Offline/;

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

for (const seconds of [5, 30]) {
	test(`after ${seconds} s offline the badge says "Ansluten" again, presence returns and the offline edit arrives`, async ({ browser }) => {
		test.setTimeout(90_000 + seconds * 1000);
		server = await startServer();
		const workshop = await createWorkshop(server.url, 2);
		// Anna's page runs on Playwright's clock, flowing as real time until the test moves it.
		const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1', (context) =>
			context.clock.install()
		);
		const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
		for (const p of [anna, bo]) await expect(p.page.getByText('2 på tavlan')).toBeVisible();

		await anna.context.setOffline(true);
		await expect(connection(anna.page)).toHaveText(OFFLINE);
		const text = `Skrivet utan nät i ${seconds} s`;
		await addNoteWithButton(anna.page, EXPECTATIONS, text);
		await expect(note(figure(anna.page, EXPECTATIONS), text)).toBeVisible();
		await anna.context.clock.fastForward(seconds * 1000);
		await expect(connection(anna.page)).toHaveText(OFFLINE);

		await anna.context.setOffline(false);
		await expect(connection(anna.page)).toHaveText('Ansluten', { timeout: 20_000 });
		await expect(note(figure(bo.page, EXPECTATIONS), text)).toBeVisible({ timeout: 20_000 });
		for (const p of [anna, bo]) await expect(p.page.getByText('2 på tavlan')).toBeVisible({ timeout: 20_000 });
		// And the socket is live, not just labelled so: a new edit from Bo reaches Anna.
		await addNoteWithButton(bo.page, EXPECTATIONS, 'Svar efter avbrottet');
		await expect(note(figure(anna.page, EXPECTATIONS), 'Svar efter avbrottet')).toBeVisible();
		for (const p of [anna, bo]) await p.context.close();
	});
}

test('a reload while offline keeps the edits, and they reach the server and another browser once online', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	const boardUrl = anna.page.url();

	await anna.context.setOffline(true);
	await expect(connection(anna.page)).toHaveText(OFFLINE);
	await addNoteWithButton(anna.page, EXPECTATIONS, 'Skrivet innan sidan laddades om');
	// The edit has not left the browser: Bo's board does not have it.
	await expect(connection(bo.page)).toHaveText('Ansluten');
	await expect(note(bo.page, 'Skrivet innan sidan laddades om')).toHaveCount(0);

	// Reloading without a network shows the browser's own error page: the board's page is gone.
	await expect(anna.page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
	await anna.context.setOffline(false);
	await anna.page.goto(boardUrl);
	await expect(connection(anna.page)).toHaveText('Ansluten');
	await expect(note(figure(anna.page, EXPECTATIONS), 'Skrivet innan sidan laddades om')).toBeVisible();
	await expect(note(figure(bo.page, EXPECTATIONS), 'Skrivet innan sidan laddades om')).toBeVisible();

	// It is on the server: a third person who opens the board now gets it from there.
	const cecilia = await join(browser, workshop.participantUrl, 'Cecilia Lind', 'Region Gotland', 'Grupp 1');
	await expect(note(figure(cecilia.page, EXPECTATIONS), 'Skrivet innan sidan laddades om')).toBeVisible();
	for (const p of [anna, bo, cecilia]) await p.context.close();
});

/** The text of every update in this page's offline copies of boards. */
function offlineCopyText(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('verkstad-offline:') && n.includes('/board/'));
		const texts: string[] = [];
		for (const name of names) {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const updates = await new Promise<Uint8Array[]>((resolve, reject) => {
				const all = db.transaction('updates').objectStore('updates').getAll();
				all.onsuccess = () => resolve(all.result as Uint8Array[]);
				all.onerror = () => reject(all.error);
			});
			db.close();
			for (const update of updates) texts.push(new TextDecoder().decode(update));
		}
		return texts.join('\n');
	});
}

/**
 * Holds what the server sends on the board's socket until this browser's offline copy of the
 * board is open, as on a return visit where the copy opens before the server has answered.
 */
async function answerAfterTheCopyOpens(context: BrowserContext): Promise<void> {
	let release!: () => void;
	const copyOpen = new Promise<void>((resolve) => (release = resolve));
	await context.routeWebSocket(/\/sync\/.*\/board\//, (ws) => {
		const server = ws.connectToServer();
		server.onMessage(async (message) => {
			await copyOpen;
			ws.send(message);
		});
	});
	context.on('page', (page) => {
		const poll = async () => {
			if (page.isClosed()) return;
			const open = await page
				.evaluate(async () => (await indexedDB.databases()).some((d) => d.name?.startsWith('verkstad-offline:') && d.name.includes('/board/')))
				.catch(() => false);
			if (open) release();
			else setTimeout(poll, 50);
		};
		void poll();
	});
}

test('the offline copy holds the board as the server sent it, once the first sync is done', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	await addNoteWithButton(bo.page, EXPECTATIONS, 'Bos lapp fanns före Anna');
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1', answerAfterTheCopyOpens);
	await expect(note(figure(anna.page, EXPECTATIONS), 'Bos lapp fanns före Anna')).toBeVisible();

	// The server's first answer is not stored update by update (src/lib/sync/unencoded-updates.ts):
	// the whole doc is, once the browser is idle. Bo's note must be in Anna's copy of the board.
	await expect.poll(() => offlineCopyText(anna.page), { timeout: 10_000 }).toContain('Bos lapp fanns före Anna');
	for (const p of [anna, bo]) await p.context.close();
});
