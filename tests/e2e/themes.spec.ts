/**
 * "Teman": three groups' boards hold seed 003's bullets (written by stock clients); in the summary
 * editor the server suggests themes across the groups, the facilitator moves a stray point out of
 * one, edits its title and accepts it, and the downloaded Markdown lists the theme with its points.
 * A participant asking the endpoint gets 403.
 */
import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { THEME_QUESTIONS } from '../fixtures/theme-pairs';
import { seriousViolations } from './axe';
import { createWorkshop, openControlRoom } from './people';
import { startServer, type RunningServer } from './server';
import { facilitatorToken, writeNotes } from './stock-client';

const FIGURE = 'Vad vill ni diskutera?'; // the blank template's one figure
const SEED_003 = THEME_QUESTIONS[0]!.points;
const SAMLAS = SEED_003[10]!; // 'Samlas kring regional utveckling regionalt och lokalt'
const TILLAMPA = SEED_003[8]!; // 'Tillämpa i regional utveckling tillsammans med andra nyckeltalssamlingar'
const GEMENE = SEED_003[6]!; // shares only "utvecklingen" with them: the point to move out
const SHOTS = '/work/wt/shots';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

/** A screenshot at `size` with `what` scrolled to the top of the window. */
async function shoot(page: Page, what: Locator, name: string, size: { width: number; height: number }) {
	await page.setViewportSize(size);
	await what.evaluate((element) => element.scrollIntoView({ block: 'start' }));
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: `${SHOTS}/themes-${name}-${size.width}x${size.height}.png` });
}

test('the facilitator accepts a theme across groups, without a stray point, and downloads it', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 3, 'blank');
	const token = await facilitatorToken(server.url, workshop.code, workshop.facilitatorKey);
	await writeNotes(server.url, token, workshop.code, 'g1', FIGURE, [SEED_003[0]!, SEED_003[2]!, TILLAMPA]);
	await writeNotes(server.url, token, workshop.code, 'g2', FIGURE, [SEED_003[4]!, SEED_003[3]!, SAMLAS]);
	await writeNotes(server.url, token, workshop.code, 'g3', FIGURE, [GEMENE, SEED_003[9]!]);

	// A participant's token does not open the suggestions: they quote every group's notes.
	const joined = await fetch(`${server.url}/api/workshops/${workshop.code}/participants`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'Anna Berg', organisation: 'Region Skåne', groupId: 'g1' })
	});
	const participant = (await joined.json()) as { token: string };
	const refused = await fetch(`${server.url}/api/workshops/${workshop.code}/themes`, { headers: { authorization: `Bearer ${participant.token}` } });
	expect(refused.status).toBe(403);
	expect(((await refused.json()) as { error: string }).error).toContain('Bara workshopledaren');

	const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	await openControlRoom(page, workshop.facilitatorUrl);
	await page.getByRole('link', { name: 'Redigera sammanställningen' }).click();
	const themes = page.getByRole('region', { name: 'Teman' });
	const suggestion = themes.getByRole('listitem').filter({ has: page.getByRole('textbox', { name: 'Rubrik för temat' }) }).filter({ hasText: SAMLAS });
	await expect(suggestion).toBeVisible();
	await expect(suggestion).toContainText(TILLAMPA);
	await expect(suggestion).toContainText(GEMENE);
	// Across groups: the members' groups are named beside them.
	await expect(suggestion).toContainText('Grupp 1');
	await expect(suggestion).toContainText('Grupp 2');
	expect(await seriousViolations(page)).toEqual([]);
	for (const size of [
		{ width: 1440, height: 900 },
		{ width: 360, height: 740 },
		{ width: 1920, height: 1080 }
	]) {
		await shoot(page, suggestion, 'suggested', size);
	}
	await page.setViewportSize({ width: 1440, height: 900 });

	// Move the stray point out: it leaves the suggestion, and a screen reader hears it.
	await suggestion.getByRole('listitem').filter({ hasText: GEMENE }).getByRole('button', { name: /^Flytta ut/ }).click();
	await expect(suggestion).not.toContainText(GEMENE);
	await expect(page.getByRole('status').filter({ hasText: 'är utflyttad ur förslaget' })).toBeAttached();

	// A title of the facilitator's own, then accept.
	await suggestion.getByRole('textbox', { name: 'Rubrik för temat' }).fill('Regional utveckling tillsammans');
	await suggestion.getByRole('button', { name: 'Godkänn temat ”Regional utveckling tillsammans”' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Temat ”Regional utveckling tillsammans” är godkänt' })).toBeAttached();
	await expect(themes).not.toContainText(SAMLAS);

	// The theme is an item of the question now, its title editable, its points listed under it.
	const question = page.getByRole('region', { name: `1. ${FIGURE}` });
	const title = question.getByRole('textbox', { name: /^Tema/ });
	await expect(title).toHaveValue('Regional utveckling tillsammans');
	await expect(question.getByText('Fler punkter i temat:')).toBeVisible();

	// The choices hold after a reload: the theme stays, the suggestion does not come back.
	await page.reload();
	await expect(page.getByRole('region', { name: `1. ${FIGURE}` }).getByRole('textbox', { name: /^Tema/ })).toHaveValue('Regional utveckling tillsammans');
	await expect(page.getByRole('region', { name: 'Teman' }).getByRole('textbox', { name: 'Rubrik för temat' }).first()).toBeVisible();
	await expect(page.getByRole('region', { name: 'Teman' })).not.toContainText(SAMLAS);
	await shoot(page, page.getByRole('region', { name: `1. ${FIGURE}` }), 'accepted', { width: 1440, height: 900 });

	await page.getByRole('link', { name: '← Tillbaka till ledarsidan' }).click();
	const panel = page.getByRole('region', { name: 'Sammanställning' });
	const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Markdown, per fråga' }).click()]);
	const md = fs.readFileSync((await download.path())!, 'utf8');
	const lines = md.split('\n');
	const at = lines.findIndex((l) => l.startsWith('- **Tema: Regional utveckling tillsammans**'));
	expect(at, md).toBeGreaterThanOrEqual(0);
	const points = lines.slice(at + 1).filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('  - ')));
	expect(points.some((p) => p.startsWith(`  - ${SAMLAS} *(Grupp 2)*`))).toBe(true);
	expect(points.some((p) => p.startsWith(`  - ${TILLAMPA} *(Grupp 1)*`))).toBe(true);
	expect(points.some((p) => p.includes('Gemene medarbetare'))).toBe(false);
	// The moved-out point is still in the summary, as a point of its own.
	expect(lines.some((l) => l.startsWith('- Gemene medarbetare'))).toBe(true);

	await context.close();
});
