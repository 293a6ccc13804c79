/**
 * Templates with columns and grid figures, in browsers: cards move between the stages of
 * "Var befinner ni er i RUS-processen?" for everyone in the group, notes go into the cells of
 * the Årshjul activity plan, and the facilitator edits the headings.
 */
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { TEMPLATES } from '../../src/lib/board';
import { createWorkshop, figure, join, note } from './people';
import { seriousViolations } from './axe';
import { startServer, type RunningServer } from './server';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** The heading boxes of a figure, with their text and their box on screen. */
async function headings(page: Page, figureTitle: string, axis: 'columns' | 'rows') {
	const boxes = figure(page, figureTitle).locator(`[data-heading="${axis}"]`);
	const out: { text: string; x: number; y: number; w: number; h: number }[] = [];
	for (const box of await boxes.all()) {
		const b = (await box.boundingBox())!;
		out.push({ text: (await box.innerText()).trim(), x: b.x, y: b.y, w: b.width, h: b.height });
	}
	return out;
}

/** Which column (and row) a note is in, read off the screen the way a person would: by where it lies. */
async function cellOnScreen(page: Page, figureTitle: string, card: Locator) {
	const b = (await card.boundingBox())!;
	const cx = b.x + b.width / 2;
	const cy = b.y + b.height / 2;
	const column = (await headings(page, figureTitle, 'columns')).find((h) => cx >= h.x && cx < h.x + h.w)?.text ?? null;
	const row = (await headings(page, figureTitle, 'rows')).find((h) => cy >= h.y && cy < h.y + h.h)?.text ?? null;
	return { row, column };
}

const STAGES = 'Var befinner ni er i RUS-processen?';

/** Where a note lies inside the RUS figure, as a fraction of its size (each page has its own zoom). */
async function placeInFigure(page: Page, card: Locator) {
	const b = (await card.boundingBox())!;
	const f = (await figure(page, STAGES).boundingBox())!;
	return { x: (b.x - f.x) / f.width, y: (b.y - f.y) / f.height };
}

/** True when two places agree to well under one arrow-key step (screen pixels round differently per zoom). */
function samePlace(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
	return Math.abs(a.x - b.x) < 0.005 && Math.abs(a.y - b.y) < 0.005;
}

async function typeAndLeave(page: Page, text: string) {
	const editor = page.getByRole('textbox', { name: 'Text på lappen' });
	await expect(editor).toBeFocused();
	await page.keyboard.type(text);
	await page.keyboard.press('Escape');
	await expect(editor).toHaveCount(0);
}

test('a card dragged to the next RUS stage moves there for the whole group', async ({ browser }) => {
	server = await startServer();
	const { participantUrl, facilitatorUrl } = await createWorkshop(server.url, 1, 'rus-processen');
	const linnea = await join(browser, participantUrl, 'Linnea Hassis', 'Region Dalarna', 'Grupp 1');
	const cecilia = await join(browser, participantUrl, 'Cecilia Birgersson', 'Region Kronoberg', 'Grupp 1');

	// Linnea puts Dalarna in "Framtagande" with the column's own "+".
	await linnea.page.getByRole('button', { name: '+ Lapp i kolumnen Framtagande' }).click();
	await typeAndLeave(linnea.page, 'Dalarna: remiss i höst');
	const mine = note(linnea.page, 'Dalarna: remiss i höst');
	const seen = note(cecilia.page, 'Dalarna: remiss i höst');
	await expect(seen).toBeVisible();
	expect(await cellOnScreen(linnea.page, STAGES, mine)).toEqual({ row: null, column: 'Framtagande' });
	await expect.poll(() => cellOnScreen(cecilia.page, STAGES, seen)).toEqual({ row: null, column: 'Framtagande' });

	// "Imorgon kan du putta över Dalarna till nästa kolumn": a drag into "På remiss".
	const target = (await headings(linnea.page, STAGES, 'columns')).find((h) => h.text === 'På remiss')!;
	const from = (await mine.boundingBox())!;
	await linnea.page.mouse.move(from.x + from.width / 2, from.y + 20);
	await linnea.page.mouse.down();
	await linnea.page.mouse.move(target.x + target.w / 2, target.y + target.h + from.height, { steps: 15 });
	await linnea.page.mouse.up();
	await expect.poll(() => cellOnScreen(linnea.page, STAGES, mine)).toEqual({ row: null, column: 'På remiss' });
	await expect.poll(() => cellOnScreen(cecilia.page, STAGES, seen)).toEqual({ row: null, column: 'På remiss' });
	// The drag streams its way there; Cecilia's keys must start from where Linnea let go, not from a
	// position met on the way (a later one would arrive after her keys and put the card back).
	const dropped = await placeInFigure(linnea.page, mine);
	await expect.poll(async () => samePlace(await placeInFigure(cecilia.page, seen), dropped)).toBe(true);

	// By keyboard too: Shift+arrows move the focused card, and the new stage is announced.
	await seen.focus();
	for (let i = 0; i < 6; i++) await cecilia.page.keyboard.press('Shift+ArrowRight');
	await expect(cecilia.page.getByText('Lappen flyttad till Politiskt beslut')).toBeAttached();
	await expect.poll(() => cellOnScreen(linnea.page, STAGES, mine)).toEqual({ row: null, column: 'Politiskt beslut' });

	// The facilitator renames a stage and adds one; the group sees both, and the card keeps its stage.
	const facilitator = await browser.newContext();
	const page = await facilitator.newPage();
	await page.goto(facilitatorUrl);
	await page.getByRole('link', { name: 'Öppna Grupp 1' }).click();
	await page.getByRole('button', { name: `Ändra rubriker i ${STAGES}` }).click();
	const heading = page.getByRole('textbox', { name: 'Rubrik för kolumnen 4' });
	await heading.fill('Remiss');
	await heading.press('Enter');
	await page.getByRole('button', { name: `Lägg till kolumn i ${STAGES}` }).click();
	await page.getByRole('button', { name: `Ändra rubriker i ${STAGES}` }).click();
	await expect(figure(linnea.page, STAGES).getByRole('heading', { name: 'Remiss', exact: true })).toBeVisible();
	await expect(figure(linnea.page, STAGES).getByRole('heading', { name: 'Ny kolumn' })).toBeAttached();
	expect(await cellOnScreen(linnea.page, STAGES, mine)).toEqual({ row: null, column: 'Politiskt beslut' });
	// Participants have no heading tools.
	await expect(linnea.page.getByRole('button', { name: /^Ändra rubriker/ })).toHaveCount(0);
	await facilitator.close();
});

const PLAN = 'Aktivitetsplan – hur bidrar vi till stärkt utvecklingskraft?';

test('notes go into the cells of the Årshjul activity plan and move between them', async ({ browser }) => {
	server = await startServer();
	const { participantUrl } = await createWorkshop(server.url, 1, 'arshjul');
	const linnea = await join(browser, participantUrl, 'Linnea Hassis', 'Region Dalarna', 'Grupp 1');
	const anna = await join(browser, participantUrl, 'Anna Berg', 'Region Örebro län', 'Grupp 1');

	// The "+" of a cell.
	await linnea.page.getByRole('button', { name: '+ Lapp i Kunskap & analys, Aktivitet' }).click();
	await typeAndLeave(linnea.page, 'Regional analys av kompetensförsörjning');
	const analysis = note(anna.page, 'Regional analys av kompetensförsörjning');
	await expect(analysis).toBeVisible();
	await expect.poll(() => cellOnScreen(anna.page, PLAN, analysis)).toEqual({ row: 'Kunskap & analys', column: 'Aktivitet' });

	// A double-click near a cell's edge puts the note wholly inside that cell.
	const rows = await headings(anna.page, PLAN, 'rows');
	const columns = await headings(anna.page, PLAN, 'columns');
	const finance = rows.find((r) => r.text === 'Finansiering')!;
	const owner = columns.find((c) => c.text === 'Ansvarig')!;
	await anna.page.mouse.dblclick(owner.x + 8, finance.y + 8);
	await typeAndLeave(anna.page, 'Regiondirektören');
	const added = note(linnea.page, 'Regiondirektören');
	await expect(added).toBeVisible();
	await expect.poll(() => cellOnScreen(linnea.page, PLAN, added)).toEqual({ row: 'Finansiering', column: 'Ansvarig' });
	// A new note is brought wholly into view, which may pan the board: measure the cell anew.
	const ownerNow = (await headings(anna.page, PLAN, 'columns')).find((c) => c.text === 'Ansvarig')!;
	const financeNow = (await headings(anna.page, PLAN, 'rows')).find((r) => r.text === 'Finansiering')!;
	const box = (await note(anna.page, 'Regiondirektören').boundingBox())!;
	expect(box.x).toBeGreaterThanOrEqual(ownerNow.x);
	expect(box.x + box.width).toBeLessThanOrEqual(ownerNow.x + ownerNow.w);
	expect(box.y).toBeGreaterThanOrEqual(financeNow.y);
	expect(box.y + box.height).toBeLessThanOrEqual(financeNow.y + financeNow.h);

	// Dragged into the next row.
	const mine = note(linnea.page, 'Regional analys av kompetensförsörjning');
	const next = (await headings(linnea.page, PLAN, 'rows')).find((r) => r.text === 'Samverkan & nätverk')!;
	const from = (await mine.boundingBox())!;
	await linnea.page.mouse.move(from.x + from.width / 2, from.y + 20);
	await linnea.page.mouse.down();
	await linnea.page.mouse.move(from.x + from.width / 2, next.y + next.h / 2, { steps: 15 });
	await linnea.page.mouse.up();
	await expect.poll(() => cellOnScreen(anna.page, PLAN, analysis)).toEqual({ row: 'Samverkan & nätverk', column: 'Aktivitet' });

	// The grid's headings and "+" buttons keep the board free of serious accessibility problems.
	expect(await seriousViolations(anna.page)).toEqual([]);
});

test('every template in the library is created over HTTP and its board shows every figure', async ({ browser }) => {
	server = await startServer();
	for (const template of TEMPLATES) {
		const { code, participantUrl } = await createWorkshop(server.url, 1, template.id);
		const info = await (await fetch(`${server.url}/api/workshops/${code}`)).json();
		expect(info.template).toBe(template.id);
		const person = await join(browser, participantUrl, 'Helena Gidlöf', 'SKR', 'Grupp 1');
		for (const f of template.board.figures) await expect(figure(person.page, f.title), `${template.id}: ${f.title}`).toBeAttached();
		for (const f of template.board.figures.filter((x) => x.columns)) {
			const shown = await headings(person.page, f.title, 'columns');
			expect(shown.map((h) => h.text)).toEqual(f.columns);
		}
		await person.context.close();
	}
});

test('the vote form starts from the template: three success factors and three pitfalls', async ({ browser }) => {
	server = await startServer();
	const { facilitatorUrl } = await createWorkshop(server.url, 1, 'framgangsfaktorer');
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(facilitatorUrl);
	const vote = page.getByRole('region', { name: 'Röstning' });
	for (const [title, label] of [
		['Framgångsfaktorer', '3 framgångsfaktorer'],
		['Fallgropar', '3 fallgropar']
	] as const) {
		await expect(vote.getByRole('checkbox', { name: title })).toBeChecked();
		await expect(vote.getByRole('spinbutton', { name: `Prickar per person i ${title}` })).toHaveValue('3');
		await expect(vote.getByRole('textbox', { name: `Etikett för ${title}` })).toHaveValue(label);
	}
	await vote.getByRole('button', { name: 'Öppna röstning' }).click();
	await expect(vote.getByRole('listitem')).toHaveText(['3 framgångsfaktorer i ”Framgångsfaktorer”', '3 fallgropar i ”Fallgropar”']);
	await context.close();
});

test('the create form offers the workshop language’s templates first, and Lärlabb becomes Learning lab in English', async ({ browser }) => {
	server = await startServer();
	const context = await browser.newContext();
	const page = await context.newPage();
	const mounted = page.waitForResponse((response) => response.url().endsWith('/api/templates'));
	await page.goto(server.url);
	await mounted;
	const picker = page.getByRole('group', { name: 'Mall', exact: true });
	const builtIn = picker.getByRole('group', { name: 'Mallar från Verkstad' });
	const count = (language: string) => TEMPLATES.filter((t) => t.language === language).length;
	await expect(builtIn.getByRole('radio', { name: /^Lärlabb Hållbar utveckling/ })).toBeChecked();
	await expect(builtIn.getByRole('radio')).toHaveCount(count('sv'));
	await expect(picker.getByRole('group', { name: 'Mallar på engelska' }).getByRole('radio')).toHaveCount(count('en'));

	await page.getByLabel('Workshoppens språk').selectOption('en');
	await expect(builtIn.getByRole('radio', { name: /^Learning lab: Sustainable development/ })).toBeChecked();
	await expect(builtIn.getByRole('radio')).toHaveCount(count('en'));
	await expect(picker.getByRole('group', { name: 'Mallar på svenska' }).getByRole('radio', { name: /^Lärlabb Hållbar utveckling/ })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByLabel('Titel').fill('Nordic meeting');
	await page.getByRole('button', { name: 'Skapa workshop' }).click();
	const participantUrl = await page.getByLabel('Deltagarlänk').inputValue();
	// The join driver speaks Swedish: this participant has chosen it, so the English workshop does not choose for them.
	const swedish = (c: BrowserContext) => c.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'sv', url: server.url }]);
	const person = await join(browser, participantUrl, 'Alex Byrne', 'Interreg Nord', 'Group 1', swedish);
	await expect(figure(person.page, 'What do you expect from the Learning lab?')).toBeAttached();
	await person.context.close();
	await context.close();
});
