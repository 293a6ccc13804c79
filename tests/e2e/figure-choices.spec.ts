/**
 * The control room offers the figures on the group boards, not only the built-in template's: a
 * figure the facilitator adds and names by hand can be voted in, shown on the projector and
 * thought about alone first, and a workshop made from an own template has its figures offered.
 * The miniatures and the figure choices share one connection per group board.
 */
import { expect, test, type Page } from '@playwright/test';
import { addNoteWithButton, createWorkshop, enterControlRoom, figure, join, note, openControlRoom } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const TAKE_HOME = 'Vad tar ni med er hem?';
/** The Lärlabb template's figures as a reader meets them. */
const LARLABB_FIGURES = [
	EXPECTATIONS,
	'Vad vill du veta om myndigheterna?',
	'Vad vill du att myndigheterna ska veta om regionerna?',
	'Att tänka på inför Lärlabb',
	'Goda exempel på samverkan mellan myndigheter och regioner'
];

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** Counts the sync connections a page opens, by room ("<code>", "<code>/board/g1", …). */
function countSyncConnections(page: Page): Map<string, number> {
	const opened = new Map<string, number>();
	page.on('websocket', (ws) => {
		const url = new URL(ws.url());
		if (!url.pathname.startsWith('/sync/')) return;
		const room = decodeURIComponent(url.pathname.slice('/sync/'.length));
		opened.set(room, (opened.get(room) ?? 0) + 1);
	});
	return opened;
}

test('a figure added and named by hand on one board is offered for a vote, the projector and thinking alone', async ({
	browser
}) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const facilitator = await browser.newContext();
	const control = await facilitator.newPage();
	const connections = countSyncConnections(control);
	await openControlRoom(control, workshop.facilitatorUrl);
	for (const group of ['Grupp 1', 'Grupp 2']) {
		const tile = control.getByRole('article').filter({ has: control.getByRole('heading', { name: group }) });
		await expect(tile.getByRole('img', { name: 'Miniatyr av tavlan: 5 figurer, inga lappar än' })).toBeVisible();
	}
	const voting = control.getByRole('region', { name: 'Röstning' });
	const projector = control.getByRole('region', { name: 'Projektor' });
	const individual = control.getByRole('region', { name: 'Fundera själv först' });
	await expect(voting.getByRole('checkbox', { name: EXPECTATIONS })).toBeVisible();
	await expect(voting.getByRole('checkbox', { name: TAKE_HOME })).toHaveCount(0);

	// In another tab the facilitator adds a figure to group 1's board only, and names it.
	const boardTab = await facilitator.newPage();
	await boardTab.goto(`${server.url}/w/${workshop.code}/facilitate?grupp=g1`);
	await boardTab.getByRole('button', { name: '+ Figur' }).click();
	await boardTab.getByRole('button', { name: /^Fråga/ }).click();
	const title = boardTab.getByRole('textbox', { name: 'Figurens titel' });
	await expect(title).toBeFocused();
	await title.fill(TAKE_HOME);
	await title.press('Enter');
	await expect(figure(boardTab, TAKE_HOME)).toBeAttached();

	// The control room offers it in every card that names a figure, besides the template's figures.
	await expect(voting.getByRole('checkbox', { name: TAKE_HOME })).toBeVisible();
	await expect(projector.getByRole('combobox', { name: 'Figur att visa' }).getByRole('option', { name: TAKE_HOME })).toBeAttached();
	await expect(individual.getByRole('combobox', { name: 'Gäller' }).getByRole('option', { name: TAKE_HOME })).toBeAttached();
	await expect(projector.getByRole('combobox', { name: 'Figur att visa' }).getByRole('option')).toHaveCount(
		LARLABB_FIGURES.length + 1
	);

	// A vote on it works: Anna in group 1 writes a note there and spends a dot on it.
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	// The new figure may lie outside the part of the board she starts with; "Anpassa" shows all.
	await anna.page.getByRole('button', { name: 'Anpassa' }).click();
	await addNoteWithButton(anna.page, TAKE_HOME, 'Nya kontakter');
	await voting.getByRole('checkbox', { name: TAKE_HOME }).check();
	await expect(voting.getByRole('textbox', { name: `Etikett för ${TAKE_HOME}` })).toHaveValue(/^3 /);
	await voting.getByRole('button', { name: 'Öppna röstning' }).click();
	await expect(voting.getByRole('status')).toHaveText('Röstningen är öppen på alla gruppers tavlor.');
	const annaFigure = figure(anna.page, TAKE_HOME);
	const left = annaFigure.getByRole('status').filter({ hasText: 'prickar kvar' });
	await expect(left).toHaveText('3 av 3 prickar kvar');
	await annaFigure.getByRole('button', { name: 'Rösta på lappen Nya kontakter' }).click();
	await expect(left).toHaveText('2 av 3 prickar kvar');
	await voting.getByRole('button', { name: 'Stäng röstning' }).click();
	await expect(voting.getByRole('status')).toHaveText('Röstningen är stängd. 1 prick räknades in på tavlorna.');
	await expect(note(annaFigure, 'Nya kontakter').getByText('1 röst', { exact: true })).toBeVisible();

	// The projector shows it across the groups.
	await projector.getByRole('combobox', { name: 'Figur att visa' }).selectOption(TAKE_HOME);
	await projector.getByRole('radio', { name: 'En figur i alla grupper' }).check();
	const bigScreen = await facilitator.newPage();
	await bigScreen.goto(`${server.url}/w/${workshop.code}/present`);
	await expect(bigScreen.getByRole('heading', { level: 1 })).toHaveText(`${TAKE_HOME} – alla grupper`);
	await expect(bigScreen.getByRole('region', { name: `Grupp 1: ${TAKE_HOME}` })).toContainText('Nya kontakter');

	// A rename on the board renames the choice.
	await boardTab.getByRole('button', { name: `Byt namn på ${TAKE_HOME}` }).click();
	await boardTab.getByRole('textbox', { name: 'Figurens titel' }).fill('Utcheckning');
	await boardTab.getByRole('textbox', { name: 'Figurens titel' }).press('Enter');
	await expect(voting.getByRole('checkbox', { name: 'Utcheckning' })).toBeVisible();
	await expect(voting.getByRole('checkbox', { name: TAKE_HOME })).toHaveCount(0);

	// All along, the control room had one connection to the workshop and one per group board.
	expect(Object.fromEntries(connections)).toEqual({
		[workshop.code]: 1,
		[`${workshop.code}/board/g1`]: 1,
		[`${workshop.code}/board/g2`]: 1
	});

	await facilitator.close();
	await anna.context.close();
});

test('a workshop made from an own template offers its figures in the control room', async ({ browser }) => {
	server = await startServer();
	const first = await createWorkshop(server.url, 1);
	const key = new URL(first.facilitatorUrl).hash.slice('#key='.length);
	const auth = await fetch(`${server.url}/api/workshops/${first.code}/facilitator`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ key })
	});
	const { token } = (await auth.json()) as { token: string };
	const saved = await fetch(`${server.url}/api/workshops/${first.code}/templates`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify({ groupId: 'g1', name: 'Vår Lärlabb', description: '' })
	});
	expect(saved.status).toBe(201);
	const { id } = (await saved.json()) as { id: string };
	expect(id).toMatch(/^egen-/);
	const workshop = await createWorkshop(server.url, 2, id);

	const { context: facilitator, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const voting = control.getByRole('region', { name: 'Röstning' });
	await expect(voting.getByRole('checkbox', { name: EXPECTATIONS })).toBeVisible();
	// Five figures and "Flera prickar på samma lapp".
	await expect(voting.getByRole('checkbox')).toHaveCount(6);
	const figures = control.getByRole('region', { name: 'Projektor' }).getByRole('combobox', { name: 'Figur att visa' });
	await expect(figures.getByRole('option')).toHaveText(LARLABB_FIGURES);
	await expect(
		control.getByRole('region', { name: 'Fundera själv först' }).getByRole('combobox', { name: 'Gäller' }).getByRole('option')
	).toHaveCount(1 + LARLABB_FIGURES.length); // "Hela tavlan" and the figures

	await facilitator.close();
});
