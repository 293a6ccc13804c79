/**
 * The projector shows everything it is pointed at (issue 10 §1): 6 groups × 8 notes of seed
 * length at 1920×1080 do not fit at 28 px, so they page, "Sida n / m", and every note is read
 * whole on some page, turned from the control room and by keyboard on the projector. A group with
 * a few notes gets larger type instead.
 */
import { expect, test, type Page } from '@playwright/test';
import { cellRect } from '../../src/lib/board';
import { SEED_NOTES } from '../fixtures/seed-notes';
import { createWorkshop, enterControlRoom } from './people';
import { startServer, type RunningServer } from './server';
import { facilitatorToken, writeNotes } from './stock-client';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const SHOTS = '/work/wt/shots/projector';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** Seed-length notes (the seed's first four, 100–200 characters), each told apart by its group and number. */
const notesOf = (group: number) => Array.from({ length: 8 }, (_, i) => `G${group}:${i + 1} ${SEED_NOTES[i % 4]}`);

/** The texts of the notes shown wholly (author too) inside the projector's window, and their smallest font size. */
async function shownNotes(projector: Page): Promise<{ texts: string[]; smallestPx: number }> {
	return projector.locator('main li .text').evaluateAll((texts) => {
		const whole = texts.filter((t) => {
			const r = t.closest('li')!.getBoundingClientRect();
			return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.height > 0;
		});
		return {
			texts: whole.map((t) => t.textContent ?? ''),
			smallestPx: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize)))
		};
	});
}

async function openProjector(browser: import('@playwright/test').Browser, facilitatorUrl: string) {
	const { context, page: control } = await enterControlRoom(browser, facilitatorUrl);
	const [projector] = await Promise.all([context.waitForEvent('page'), control.getByRole('link', { name: 'Öppna projektorvy' }).click()]);
	await projector.setViewportSize({ width: 1920, height: 1080 });
	return { control, projector, present: control.getByRole('region', { name: 'Projektor' }) };
}

test('6 groups × 8 seed notes page on the projector, turned from the control room and by keyboard', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 6);
	const token = await facilitatorToken(server.url, workshop.code, workshop.facilitatorKey);
	const all = [1, 2, 3, 4, 5, 6].flatMap(notesOf);
	for (const group of [1, 2, 3, 4, 5, 6]) await writeNotes(server.url, token, workshop.code, `g${group}`, EXPECTATIONS, notesOf(group));

	const { projector, present } = await openProjector(browser, workshop.facilitatorUrl);
	await present.getByRole('combobox', { name: 'Figur att visa' }).selectOption(EXPECTATIONS);
	await present.getByRole('radio', { name: 'En figur i alla grupper' }).check();
	const pageNumber = projector.getByText(/^Sida \d+ \/ \d+$/);
	await expect(pageNumber).toHaveText(/^Sida 1 \/ \d+$/);
	const count = Number((await pageNumber.textContent())!.split('/ ')[1]);
	expect(count).toBeGreaterThan(1);
	await projector.screenshot({ path: `${SHOTS}-1920x1080.png` });

	// From the control room: every note is read whole, at 28 px or more, on some page.
	const seen = new Set<string>();
	for (let n = 1; n <= count; n++) {
		await expect(pageNumber).toHaveText(`Sida ${n} / ${count}`);
		await expect(projector.locator('main li .text').first()).toBeVisible();
		const { texts, smallestPx } = await shownNotes(projector);
		expect(smallestPx).toBeGreaterThanOrEqual(28);
		texts.forEach((t) => seen.add(t));
		await present.getByRole('button', { name: 'Nästa sida' }).click();
	}
	expect([...seen].sort()).toEqual([...all].sort());
	// Past the last page is the first again.
	await expect(pageNumber).toHaveText(`Sida 1 / ${count}`);
	await present.getByRole('button', { name: 'Föregående sida' }).click();
	await expect(pageNumber).toHaveText(`Sida ${count} / ${count}`);

	// By keyboard on the projector, forward from the first page.
	await projector.keyboard.press('PageDown');
	await expect(pageNumber).toHaveText(`Sida 1 / ${count}`);
	seen.clear();
	for (let n = 1; n <= count; n++) {
		await expect(pageNumber).toHaveText(`Sida ${n} / ${count}`);
		(await shownNotes(projector)).texts.forEach((t) => seen.add(t));
		await projector.keyboard.press(n % 2 ? 'ArrowRight' : 'PageDown');
	}
	expect([...seen].sort()).toEqual([...all].sort());
	await projector.keyboard.press('PageUp');
	await expect(pageNumber).toHaveText(`Sida ${count} / ${count}`);

	// A choice of another target starts on its first page.
	await present.getByRole('radio', { name: 'En grupps tavla' }).check();
	await expect(projector.getByRole('heading', { name: 'Grupp 1', level: 1 })).toBeVisible();
	await expect(pageNumber).toHaveText(/^Sida 1 \/ \d+$/);

	await projector.setViewportSize({ width: 1440, height: 900 });
	await projector.screenshot({ path: `${SHOTS}-1440x900.png` });
	await projector.setViewportSize({ width: 360, height: 740 });
	await expect(pageNumber).toHaveCount(0);
	await projector.screenshot({ path: `${SHOTS}-360x740.png`, fullPage: true });
});

test('one group with a few notes gets type larger than 28 px, on one page', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const token = await facilitatorToken(server.url, workshop.code, workshop.facilitatorKey);
	const few = notesOf(1).slice(0, 2);
	await writeNotes(server.url, token, workshop.code, 'g1', EXPECTATIONS, few);

	const { projector, present } = await openProjector(browser, workshop.facilitatorUrl);
	await present.getByRole('radio', { name: 'En figur i alla grupper' }).check();
	await expect(projector.locator('main li .text')).toHaveCount(2);
	await projector.screenshot({ path: `${SHOTS}-few-1920x1080.png` });
	await expect.poll(async () => (await shownNotes(projector)).texts.sort()).toEqual([...few].sort());
	expect((await shownNotes(projector)).smallestPx).toBeGreaterThan(28);
	await expect(projector.getByText(/^Sida \d+ \/ \d+$/)).toHaveCount(0);
});

test("a grid figure (Årshjul) shows as a table of its cells", async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1, 'arshjul');
	const token = await facilitatorToken(server.url, workshop.code, workshop.facilitatorKey);
	const plan = 'Aktivitetsplan – hur bidrar vi till stärkt utvecklingskraft?';
	// Row "Finansiering" (the 4th): an activity, and who is responsible for it.
	const cells = [{ row: 3, column: 0 }, { row: 3, column: 3 }];
	await writeNotes(server.url, token, workshop.code, 'g1', plan, ['Söka medel ur ERUF tillsammans', 'Regionens EU-samordnare'], (figure, i) => {
		const rect = cellRect(figure, cells[i]!)!;
		return { x: rect.x + 10, y: rect.y + 10 };
	});

	const { projector, present } = await openProjector(browser, workshop.facilitatorUrl);
	await present.getByRole('radio', { name: 'En grupps tavla' }).check();
	const table = projector.getByRole('table');
	await expect(table.getByRole('columnheader', { name: 'Ansvarig' })).toBeVisible();
	const row = table.getByRole('row', { name: /^Finansiering/ });
	await expect(row.getByRole('cell').nth(0)).toHaveText('Söka medel ur ERUF tillsammans');
	await expect(row.getByRole('cell').nth(3)).toHaveText('Regionens EU-samordnare');
	await expect(projector.getByText('Sida 1 / 2')).toBeVisible();
	// No row heading breaks inside a word ("Interna verksamhetsprocesser"): each word is on one line.
	const brokenWords = await table.locator('th[scope="row"]').evaluateAll((headings) =>
		headings.flatMap((th) => {
			const text = th.firstChild!;
			const words = [...(text.textContent ?? '').matchAll(/\S+/g)];
			return words.flatMap((word) => {
				const range = document.createRange();
				range.setStart(text, word.index!);
				range.setEnd(text, word.index! + word[0].length);
				return range.getClientRects().length > 1 ? [word[0]] : [];
			});
		})
	);
	expect(brokenWords).toEqual([]);
	await projector.screenshot({ path: `${SHOTS}-arshjul-1920x1080.png` });
});
