/**
 * A participant finds their way among the boards (issue 9 §7): the bar names their group, the
 * plenary leads back to their board, and while the facilitator keeps the boards open they can
 * read another group's board (and not write there); closed, it is neither offered nor opened.
 */
import { expect, test, type Page } from '@playwright/test';
import { addNoteWithButton, createWorkshop, enterControlRoom, figure, join, note } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

function boards(page: Page) {
	return page.getByRole('navigation', { name: 'Tavlor' });
}

function shownBoard(page: Page) {
	return page.locator('.board-view');
}

test('the bar names the group, and the plenary leads back to the board', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 2');
	await expect(boards(bo.page)).toContainText('Grupp 2');

	await bo.page.getByRole('link', { name: 'Plenum' }).click();
	await bo.page.waitForURL(/\/plenum$/);
	await expect(shownBoard(bo.page)).toHaveAttribute('data-board-id', 'plenary');
	await boards(bo.page).getByRole('link', { name: /Till min grupps tavla/ }).click();
	await bo.page.waitForURL(/\/board$/);
	await expect(shownBoard(bo.page)).toHaveAttribute('data-board-id', 'g2');
	await expect(bo.page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` })).toBeEnabled();
});

test("another group's board can be read while the boards are open, and only then", async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const cecilia = await join(browser, workshop.participantUrl, 'Cecilia Holm', 'Tillväxtverket', 'Grupp 2');
	await addNoteWithButton(cecilia.page, EXPECTATIONS, 'Lära av andra regioner');

	// Closed: no menu, and a link to Grupp 2's board shows Anna her own, and says why.
	await expect(boards(anna.page)).toContainText('Grupp 1');
	await expect(boards(anna.page).getByRole('button', { name: 'Tavlor' })).toHaveCount(0);
	await anna.page.goto(`${server.url}/w/${workshop.code}/board?tavla=g2`);
	await anna.page.waitForURL(/\/board$/);
	await expect(anna.page.getByRole('status').filter({ hasText: 'inte öppna' })).toBeVisible();
	await expect(shownBoard(anna.page)).toHaveAttribute('data-board-id', 'g1');
	await expect(note(anna.page, 'Lära av andra regioner')).toHaveCount(0);

	// The facilitator opens the boards: Anna chooses Grupp 2 from "Tavlor" and reads it.
	await control.getByRole('checkbox', { name: /Öppna alla gruppers tavlor för alla/ }).check();
	const menu = boards(anna.page).getByRole('button', { name: 'Tavlor' });
	await menu.click();
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	await anna.page.screenshot({ path: test.info().outputPath('boards-menu-1440.png') });
	await boards(anna.page).getByRole('link', { name: /^Grupp 2/ }).click();
	await anna.page.waitForURL(/\?tavla=g2$/);
	await expect(shownBoard(anna.page)).toHaveAttribute('data-board-id', 'g2');
	await expect(note(figure(anna.page, EXPECTATIONS), 'Lära av andra regioner')).toBeVisible();
	await expect(boards(anna.page)).toContainText('Du läser tavlan för Grupp 2');
	await expect(anna.page.getByText('Endast läsning')).toBeVisible();
	// Reading only: no way to add, and the note does not open for writing.
	await expect(anna.page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` })).toHaveCount(0);
	await note(anna.page, 'Lära av andra regioner').dblclick();
	await expect(anna.page.getByRole('textbox', { name: 'Text på lappen' })).toHaveCount(0);

	// Closing the boards again takes Anna back to her own board.
	await control.getByRole('checkbox', { name: /Öppna alla gruppers tavlor för alla/ }).uncheck();
	await anna.page.waitForURL(/\/board$/);
	await expect(shownBoard(anna.page)).toHaveAttribute('data-board-id', 'g1');
	await expect(boards(anna.page).getByRole('button', { name: 'Tavlor' })).toHaveCount(0);

	// And from her own board Anna can still go back and forth: open again, read, return.
	await control.getByRole('checkbox', { name: /Öppna alla gruppers tavlor för alla/ }).check();
	await boards(anna.page).getByRole('button', { name: 'Tavlor' }).click();
	await boards(anna.page).getByRole('link', { name: /^Grupp 2/ }).click();
	await anna.page.waitForURL(/\?tavla=g2$/);
	await boards(anna.page).getByRole('link', { name: /Till min grupps tavla/ }).click();
	await anna.page.waitForURL(/\/board$/);
	await expect(shownBoard(anna.page)).toHaveAttribute('data-board-id', 'g1');
	await expect(anna.page.getByRole('button', { name: `+ Lapp i ${EXPECTATIONS}` })).toBeEnabled();
});

test('the group and the boards menu fit a phone', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 3);
	const { page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const dan = await join(browser, workshop.participantUrl, 'Dan Lind', 'Region Gävleborg', 'Grupp 3');
	await dan.page.setViewportSize({ width: 360, height: 740 });
	// The page opened at desktop size, with the instructions beside the board; a phone starts without.
	await dan.page.getByRole('button', { name: 'Dölj instruktioner' }).click();
	await control.getByRole('checkbox', { name: /Öppna alla gruppers tavlor för alla/ }).check();
	await boards(dan.page).getByRole('button', { name: 'Tavlor' }).click();
	const links = boards(dan.page).getByRole('listitem');
	await expect(links).toHaveCount(3);
	for (const link of await links.all()) await expect(link).toBeInViewport({ ratio: 1 });
	await dan.page.screenshot({ path: test.info().outputPath('boards-menu-360.png') });
	await boards(dan.page).getByRole('link', { name: /^Grupp 1/ }).click();
	await dan.page.waitForURL(/\?tavla=g1$/);
	await expect(boards(dan.page).getByRole('link', { name: /Till min grupps tavla/ })).toBeInViewport({ ratio: 1 });
	await dan.page.screenshot({ path: test.info().outputPath('reading-other-board-360.png') });
});
