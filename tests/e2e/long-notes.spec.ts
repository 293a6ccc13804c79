/**
 * Notes as long as people write them (seed 002: 100–250 characters) are read whole where they
 * stand: on the board at the zoom it opens at, under WCAG 1.4.12 text spacing, and on the
 * projector. Nothing is cut with "…" or hidden by an overflow.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LONG_SEED_NOTE, SEED_NOTES } from '../fixtures/seed-notes';
import { addNoteWithButton, connection, createWorkshop, enterControlRoom, figure, join, note, showCanvas } from './people';
import { startServer, type RunningServer } from './server';
import { facilitatorToken, writeNotes } from './stock-client';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const SUMMARY = 'Att tänka på inför Lärlabb';

/** WCAG 1.4.12: the user's own spacing must not make content disappear. */
const TEXT_SPACING = `* {
	line-height: 1.5 !important;
	letter-spacing: 0.12em !important;
	word-spacing: 0.16em !important;
}
p {
	margin-bottom: 2em !important;
}`;

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/**
 * The words of a note that a person cannot see: clipped by the card's own overflow or by any
 * clipping ancestor (the canvas), or covered by something else at the word's middle.
 */
async function hiddenWords(card: Locator): Promise<string[]> {
	return card.evaluate((el) => {
		const text = el.querySelector('p');
		if (!text) return ['(no text)'];
		const clips: DOMRect[] = [];
		for (let node: Element | null = el; node; node = node.parentElement) {
			const style = getComputedStyle(node);
			if (node === el || style.overflowX !== 'visible' || style.overflowY !== 'visible') clips.push(node.getBoundingClientRect());
		}
		clips.push(new DOMRect(0, 0, innerWidth, innerHeight));
		const hidden: string[] = [];
		const source = text.firstChild!;
		const range = document.createRange();
		for (const match of (source.textContent ?? '').matchAll(/\S+/g)) {
			range.setStart(source, match.index);
			range.setEnd(source, match.index + match[0].length);
			// A word broken over two lines has a rect per line: each part must show.
			for (const r of range.getClientRects()) {
				const inside = clips.every((c) => r.left >= c.left - 0.5 && r.right <= c.right + 0.5 && r.top >= c.top - 0.5 && r.bottom <= c.bottom + 0.5);
				const middle = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
				if (!inside) hidden.push(`${match[0]} (clipped)`);
				else if (!el.contains(middle)) hidden.push(`${match[0]} (under ${middle?.textContent?.slice(0, 40)})`);
			}
		}
		if (text.scrollHeight > text.clientHeight + 1) hidden.push('(text overflows its box)');
		return hidden;
	});
}

async function expectWhole(page: Page, text: string) {
	const card = note(page, text);
	await expect(card).toBeVisible();
	await expect(card.locator('p')).toHaveText(text);
	expect(await hiddenWords(card)).toEqual([]);
}

test('a 250-character note is read whole on the board, also under WCAG text spacing', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await addNoteWithButton(anna.page, EXPECTATIONS, LONG_SEED_NOTE);

	// Bo opens the board afterwards, at the zoom it starts at, and reads it without touching it.
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	await expectWhole(bo.page, LONG_SEED_NOTE);

	// As a person's own style sheet (a bookmarklet or extension), which the page's CSP does not govern.
	await bo.page.evaluate((css) => {
		const sheet = new CSSStyleSheet();
		sheet.replaceSync(css);
		document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
	}, TEXT_SPACING);
	await expect.poll(() => note(bo.page, LONG_SEED_NOTE).locator('p').evaluate((p) => getComputedStyle(p).letterSpacing)).not.toBe('normal');
	await expectWhole(bo.page, LONG_SEED_NOTE);
	await bo.page.screenshot({ path: test.info().outputPath('board-long-note-text-spacing.png') });

	await anna.context.close();
	await bo.context.close();
});

test('a figure full of seed-length notes: each reads whole on the board, on a phone and on the projector', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const notes = [LONG_SEED_NOTE, ...SEED_NOTES];
	for (const text of notes) await addNoteWithButton(anna.page, EXPECTATIONS, text);

	const shown = figure(anna.page, EXPECTATIONS);
	for (const text of notes) await expect(note(shown, text)).toBeVisible();
	await anna.page.screenshot({ path: test.info().outputPath('board-seed-notes-1440x900.png') });
	// Where a long note grows over the next one, the later note lies on top; pointing at the part of
	// a note that shows (its first line) brings it to the front, whole.
	for (const text of notes) {
		await note(anna.page, text).hover({ position: { x: 30, y: 8 } });
		await expectWhole(anna.page, text);
	}

	const phone = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	await phone.page.setViewportSize({ width: 360, height: 740 });
	// Opened anew at phone size, so that the first view is the phone's own.
	await phone.page.reload();
	await expect(connection(phone.page)).toHaveText(/Ansluten/);
	// A phone opens in the list, where notes are whole anyway (list-view.spec.ts); this is the canvas.
	await showCanvas(phone.page);
	// The phone opens on the first figure; the long note is its first. A phone has no hover: a tap
	// on the note's first line selects it and brings it to the front.
	await phone.page.screenshot({ path: test.info().outputPath('board-seed-notes-360x740.png') });
	await note(phone.page, LONG_SEED_NOTE).click({ position: { x: 30, y: 8 } });
	await expectWhole(phone.page, LONG_SEED_NOTE);
	await phone.page.screenshot({ path: test.info().outputPath('board-seed-notes-360x740-tapped.png') });

	// On the projector every note is in a list, in full, at projector size.
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl, { viewport: { width: 1920, height: 1080 } });
	await control.getByRole('region', { name: 'Projektor' }).getByRole('radio', { name: 'En grupps tavla' }).check();
	const projector = await facilitatorContext.newPage();
	await projector.goto(`${server.url}/w/${workshop.code}/present`);
	const column = projector.getByRole('region', { name: EXPECTATIONS });
	const pageNumber = projector.getByText(/^Sida \d+ \/ \d+$/);
	for (const text of notes) {
		const item = column.getByRole('listitem').filter({ hasText: text });
		// The board may not fit one screen at 28 px: turn pages (they wrap) until the note shows.
		for (let turns = 0; turns < 5 && !(await item.isVisible()); turns++) {
			const shown = await pageNumber.textContent();
			await projector.keyboard.press('PageDown');
			await expect(pageNumber).not.toHaveText(shown!);
		}
		await expect(item).toBeVisible();
		await item.scrollIntoViewIfNeeded();
		const cut = await item.evaluate((li) => {
			const p = li.querySelector('p')!;
			return p.scrollHeight > p.clientHeight + 1 || getComputedStyle(p).textOverflow === 'ellipsis';
		});
		expect(cut).toBe(false);
	}
	// A figure that goes on in the next column repeats its heading there ("forts."): the first.
	await column.getByRole('heading').first().scrollIntoViewIfNeeded();
	await projector.screenshot({ path: test.info().outputPath('projector-seed-notes-1920x1080.png') });

	await facilitatorContext.close();
	await anna.context.close();
	await phone.context.close();
});

/** Pairs of note cards on the page whose boxes overlap, by the start of their text. */
async function overlappingNotes(page: Page): Promise<string[]> {
	return page.getByRole('article').evaluateAll((cards) => {
		const boxes = cards.map((card) => ({ box: card.getBoundingClientRect(), text: card.querySelector('p')?.textContent?.slice(0, 24) ?? '' }));
		const pairs: string[] = [];
		for (const [i, a] of boxes.entries()) {
			for (const b of boxes.slice(i + 1)) {
				const overlap = a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom;
				if (overlap) pairs.push(`${a.text} / ${b.text}`);
			}
		}
		return pairs;
	});
}

test('the plenary gives summary notes of seed length room: none lies over another, on a laptop, a projector or a phone', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 3);
	const token = await facilitatorToken(server.url, workshop.code, workshop.facilitatorKey);
	const notes = [LONG_SEED_NOTE, ...SEED_NOTES];
	for (const group of ['g1', 'g2', 'g3']) await writeNotes(server.url, token, workshop.code, group, SUMMARY, notes);

	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	await anna.page.getByRole('link', { name: 'Plenum' }).click();
	await anna.page.waitForURL(/\/plenum$/);
	for (const size of [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }]) {
		await anna.page.setViewportSize(size);
		await expect(note(anna.page, LONG_SEED_NOTE).first()).toBeVisible();
		await expect.poll(() => anna.page.getByRole('article').count()).toBeGreaterThanOrEqual(notes.length);
		expect(await overlappingNotes(anna.page)).toEqual([]);
		await anna.page.screenshot({ path: test.info().outputPath(`plenary-seed-notes-${size.width}x${size.height}.png`) });
	}
	// A phone opens the plenary as a list (list-view.spec.ts); its canvas is the same layout.
	await anna.page.setViewportSize({ width: 360, height: 740 });
	await anna.page.reload();
	await showCanvas(anna.page);
	await expect(note(anna.page, LONG_SEED_NOTE).first()).toBeVisible();
	expect(await overlappingNotes(anna.page)).toEqual([]);
	await anna.page.screenshot({ path: test.info().outputPath('plenary-seed-notes-360x740.png') });
	await anna.context.close();
});
