/**
 * A facilitator downloads the compiled summary (Sammanställning) of a workshop that two groups
 * filled in their browsers, as Markdown and as CSV for Excel, and reads it back.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { addNoteWithButton, createWorkshop, join, openControlRoom } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

test('a facilitator downloads the summary of what two groups wrote', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const cia = await join(browser, workshop.participantUrl, 'Cia Lund', 'Region Gotland', 'Grupp 2');
	await addNoteWithButton(anna.page, EXPECTATIONS, 'En arena för samtal');
	await addNoteWithButton(cia.page, EXPECTATIONS, 'En arena för samtal');
	await addNoteWithButton(cia.page, EXPECTATIONS, '=Tid att lära känna varandra');

	const facilitatorContext = await browser.newContext({ acceptDownloads: true });
	const control = await facilitatorContext.newPage();
	await openControlRoom(control, workshop.facilitatorUrl);
	const panel = control.getByRole('region', { name: 'Sammanställning' });

	const [markdown] = await Promise.all([control.waitForEvent('download'), panel.getByRole('button', { name: 'Ladda ner (Markdown)' }).click()]);
	expect(markdown.suggestedFilename()).toBe(`sammanstallning-${workshop.code}.md`);
	const md = fs.readFileSync((await markdown.path())!, 'utf8');
	expect(md).toContain(`## 1. ${EXPECTATIONS}`);
	// The same point from both groups is one item, credited to both.
	expect(md).toContain('- En arena för samtal *(Grupp 1, Grupp 2)*');

	const [csv] = await Promise.all([control.waitForEvent('download'), panel.getByRole('button', { name: 'Ladda ner (CSV för Excel)' }).click()]);
	const text = fs.readFileSync((await csv.path())!, 'utf8');
	expect(text.startsWith('\uFEFF')).toBe(true);
	const rows = text.slice(1).trim().split('\r\n').map((r) => r.split(';'));
	expect(rows[0]).toEqual(['Fråga', 'Lapp', 'Grupper', 'Organisationer', 'Antal lappar']);
	expect(rows).toContainEqual([EXPECTATIONS, 'En arena för samtal', 'Grupp 1, Grupp 2', 'Region Skåne, Region Gotland', '2']);
	// A note that looks like a formula is neutralised for Excel.
	expect(rows).toContainEqual([EXPECTATIONS, "'=Tid att lära känna varandra", 'Grupp 2', 'Region Gotland', '1']);

	// A participant's token is refused.
	const participantToken = await anna.page.evaluate((code) => JSON.parse(localStorage.getItem(`verkstad:${code}:participant`)!).token, workshop.code);
	const refused = await fetch(`${server.url}/api/workshops/${workshop.code}/export?format=md`, { headers: { authorization: `Bearer ${participantToken}` } });
	expect(refused.status).toBe(403);
	expect((await fetch(`${server.url}/api/workshops/${workshop.code}/export?format=md`)).status).toBe(401);

	for (const c of [facilitatorContext, anna.context, cia.context]) await c.close();
});
