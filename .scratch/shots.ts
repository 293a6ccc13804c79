import { chromium } from '@playwright/test';
import { startServer } from '../tests/e2e/server';
import { SEED_NOTES } from '../tests/fixtures/seed-notes';

const server = await startServer();
const res = await fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Lärlabb', template: process.argv[2] ?? 'larlabb', groups: 2 }) });
const w = await res.json();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'sv-SE' });
const page = await ctx.newPage();
await page.goto(w.participantUrl);
await page.getByLabel('Ditt namn').fill('Anna Berg');
await page.getByLabel('Organisation', { exact: true }).fill('Region Skåne');
await page.getByRole('radio', { name: /^Grupp 1\b/ }).check();
await page.getByRole('button', { name: 'Gå med i workshoppen' }).click();
await page.waitForURL(/\/board$/);
await page.getByRole('button', { name: 'Lista', exact: true }).click();
const adds = page.getByRole('button', { name: /^\+ Lapp i/ });
for (let i = 0; i < 5; i++) {
	await adds.nth(i % 3).click();
	await page.keyboard.type(SEED_NOTES[i]!);
	await page.keyboard.press('Escape');
}
for (const [wd, ht] of [[1440, 900], [1920, 1080], [360, 740]]) {
	await page.setViewportSize({ width: wd, height: ht });
	await page.screenshot({ path: `/work/wt/shots/list-${process.argv[2] ?? 'larlabb'}-${wd}.png` });
}
await browser.close();
await server.stop();
