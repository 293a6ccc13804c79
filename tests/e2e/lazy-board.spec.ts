/**
 * The board page loads the parts a participant does not need for the first look (chat, note
 * tools, vote controls, the facilitator's tools, drafts) on first use (issue 11 §4), and they
 * still work when they come: the chat opens in its text field, a note opens for typing.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addNoteWithButton, createWorkshop, figure, join, note } from './people';
import { startServer, type RunningServer } from './server';

/** What each on-demand part says, and nothing else in the app does: its code is loaded if it is there. */
const ON_DEMAND = {
	'the chat': 'Inga meddelanden än',
	"the chat's form": 'Skriv i chatten',
	"a note's toolbar": 'Lappens verktyg',
	"a note's text field": 'Text på lappen',
	"a note's vote controls": 'Ta bort prick',
	"a figure's vote bar": 'prickar kvar',
	"the facilitator's heading tools": 'Ändra rubriker i',
	"the facilitator's figure menu": 'Välj figur',
	'private drafts': 'Privat – bara du ser den',
	'the individual phase banner': 'dina lappar är privata'
};

const CLIENT = '.svelte-kit/output/client';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** The text of every script the page has loaded from the app so far. */
async function loadedCode(page: Page, baseUrl: string): Promise<string> {
	const paths = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((r) => new URL(r.name).pathname)
			.filter((p) => p.startsWith('/_app/') && p.endsWith('.js'))
	);
	const texts = await Promise.all(paths.map(async (p) => (await fetch(baseUrl + p)).text()));
	return texts.join('\n');
}

/**
 * The code the board page needs before its first render: the client entry and the board route's
 * node with everything they import statically, read from the build's manifest. (The page fetches
 * the note tools and the chat once idle after the first render, so what a browser holds a moment
 * later says nothing about the first render.)
 */
function firstRenderCode(): string {
	const generated = fs.readFileSync('.svelte-kit/generated/client-optimized/app.js', 'utf8');
	const node = /"\/w\/\[code\]\/board": \[(\d+)\]/.exec(generated)?.[1];
	expect(node, 'the board route is in the build').toBeDefined();
	const manifest = JSON.parse(fs.readFileSync(`${CLIENT}/.vite/manifest.json`, 'utf8')) as Record<string, { file: string; imports?: string[] }>;
	const keys = new Set<string>();
	const visit = (key: string) => {
		if (keys.has(key) || !manifest[key]) return;
		keys.add(key);
		for (const next of manifest[key].imports ?? []) visit(next);
	};
	for (const key of Object.keys(manifest)) if (key.endsWith(`nodes/${node}.js`) || key.endsWith('client-optimized/app.js') || key.endsWith('client/entry.js')) visit(key);
	return [...keys].map((k) => fs.readFileSync(`${CLIENT}/${manifest[k]!.file}`, 'utf8')).join('\n');
}

test('a participant\'s first look at the board loads none of the on-demand parts, and they work when used', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const { page } = anna;
	await expect(page.getByRole('heading', { name: 'Vilka förväntningar har du på Lärlabb?' })).toBeVisible();

	const first = firstRenderCode();
	// The board itself is in it, so the reading is of the right code.
	expect(first).toContain('board-view');
	for (const [part, text] of Object.entries(ON_DEMAND)) expect(first.includes(text), `${part} is not loaded at first`).toBe(false);
	// Fetched once the page is idle, so that a note still opens for writing if the Wi-Fi drops.
	await expect.poll(async () => (await loadedCode(page, server.url)).includes(ON_DEMAND["a note's text field"])).toBe(true);

	// The chat loads when opened, and opens in its text field as before.
	await page.getByRole('button', { name: /^Chatt/ }).click();
	await expect(page.getByRole('textbox', { name: 'Skriv i chatten' })).toBeFocused();
	await page.keyboard.press('Escape');

	// A new note opens for typing at once, and Enter on a note opens it again.
	await addNoteWithButton(page, 'Vilka förväntningar har du på Lärlabb?', 'En arena för samtal');
	await note(page, 'En arena för samtal').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Text på lappen' })).toBeFocused();
	await page.keyboard.press('End');
	await page.keyboard.type(' och tid');
	await page.keyboard.press('Escape');
	await expect(note(page, 'En arena för samtal och tid')).toBeVisible();
});

test('what is typed while the note\'s text field is still loading goes into the note, and no space adds another', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 1);
	const figureTitle = 'Vilka förväntningar har du på Lärlabb?';
	// The chunk that says what only the text field says (the first test checks it is not loaded at first).
	const chunks = `${CLIENT}/_app/immutable/chunks`;
	const fieldChunk = fs.readdirSync(chunks).find((file) => fs.readFileSync(`${chunks}/${file}`, 'utf8').includes(ON_DEMAND["a note's text field"]));
	expect(fieldChunk, "the text field's chunk").toBeDefined();
	// The text field's code arrives only when the test says so: a slow link, made certain.
	let deliver = () => {};
	const delivered = new Promise<void>((resolve) => (deliver = resolve));
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1', (context) =>
		context.route(`**/${fieldChunk}`, async (route) => {
			await delivered;
			await route.continue();
		})
	);
	const { page } = anna;
	await page.getByRole('button', { name: `+ Lapp i ${figureTitle}` }).focus();
	await page.keyboard.press('Enter');
	// Playwright types å, ä and ö as inserted text, with no key events, as no keyboard does: plain letters here.
	await page.keyboard.type('En arena att samtala i');
	await page.keyboard.press('Escape');
	deliver();
	await expect(note(page, 'En arena att samtala i')).toBeFocused();
	await expect(figure(page, figureTitle).getByRole('article', { name: /^Lapp av / })).toHaveCount(1);
});
