/**
 * A screen-reader user follows what others do (issue 9 §6): another person's note, the
 * facilitator's lock and unlock, a vote opened and closed, and a chat message while the chat is
 * closed are told in the board's polite live region. The test reads that region's text, as a
 * screen reader would; one's own note is not told as news.
 */
import { expect, test, type Page } from '@playwright/test';
import { addNoteWithButton, createWorkshop, enterControlRoom, join } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** The board's one polite live region (the broadcast banner has its own, with role=status). */
function liveRegion(page: Page) {
	return page.locator('.board-view > [aria-live="polite"]');
}

test("others' notes, a lock, a vote and a chat message are announced; one's own note is not", async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	await expect(liveRegion(anna.page)).toHaveCount(1);

	// Bo writes two notes in a burst: Anna hears one sentence for both, naming the figure.
	await addNoteWithButton(bo.page, EXPECTATIONS, 'Nya kontakter');
	await addNoteWithButton(bo.page, EXPECTATIONS, 'Konkreta verktyg');
	await expect(liveRegion(anna.page)).toHaveText(new RegExp(`(En ny lapp|2 nya lappar) i ”${escape(EXPECTATIONS)}”\\.`));
	// Bo's own notes are his own doing: he heard "Lapp tillagd", never "ny lapp".
	await expect(liveRegion(bo.page)).not.toContainText('ny lapp');

	// The facilitator locks Grupp 1, then unlocks it.
	await control.getByRole('button', { name: 'Lås Grupp 1' }).click();
	await expect(liveRegion(anna.page)).toContainText('Workshopledaren har låst tavlan.');
	await control.getByRole('button', { name: 'Lås upp Grupp 1' }).click();
	await expect(liveRegion(anna.page)).toContainText('Workshopledaren har låst upp tavlan. Du kan skriva igen.');

	// A vote on the expectations opens and closes.
	const voting = control.getByRole('region', { name: 'Röstning' });
	await voting.getByRole('checkbox', { name: EXPECTATIONS }).check();
	await voting.getByRole('button', { name: 'Öppna röstning' }).click();
	await expect(liveRegion(anna.page)).toContainText(new RegExp(`Röstningen är öppen: .+ i ”${escape(EXPECTATIONS)}”\\.`));
	await voting.getByRole('button', { name: 'Stäng röstning' }).click();
	await expect(liveRegion(anna.page)).toContainText('Röstningen är stängd.');

	// Bo writes in the chat while Anna's chat is closed.
	await bo.page.getByRole('button', { name: /^Chatt/ }).click();
	await bo.page.getByRole('textbox', { name: 'Skriv i chatten' }).fill('Ska vi börja med verktygen?');
	await bo.page.keyboard.press('Enter');
	await expect(liveRegion(anna.page)).toContainText('Chatt från Bo Ek: Ska vi börja med verktygen?');
	await expect(liveRegion(bo.page)).not.toContainText('Chatt från');
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
