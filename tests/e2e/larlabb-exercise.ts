/**
 * One facilitator and two groups through a whole Lärlabb exercise (seed 002), on whatever serves
 * `url`: instructions, the run-sheet on the timer, thinking individually first, reveal, discussion,
 * a vote, locking the boards, and the plenary summary on the projector. larlabb.spec.ts runs it on
 * one server, larlabb-scaled.spec.ts on two instances behind a proxy.
 */
import { expect, type Browser, type Page } from '@playwright/test';
import { addNoteWithButton, createWorkshop, figure, join, note, openVote } from './people';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const AUTHORITIES = 'Vad vill du veta om myndigheterna?';
const SUMMARY = 'Att tänka på inför Lärlabb';

async function writeDraft(page: Page, figureTitle: string, text: string) {
	await page.getByRole('button', { name: `+ Lapp i ${figureTitle}` }).click();
	await expect(page.getByRole('textbox', { name: 'Text på privat lapp' })).toBeFocused();
	await page.keyboard.type(text);
	await page.keyboard.press('Escape');
}

/** `everyoneIn` runs once the facilitator and the three participants are on their pages. */
export async function runLarlabbExercise(browser: Browser, url: string, hooks: { everyoneIn?: () => Promise<void> } = {}): Promise<void> {
	const workshop = await createWorkshop(url, 2);
	const facilitatorContext = await browser.newContext();
	const control = await facilitatorContext.newPage();
	await control.goto(workshop.facilitatorUrl);
	await expect(control.getByText('Live', { exact: true })).toBeVisible();
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	const cia = await join(browser, workshop.participantUrl, 'Cia Lund', 'Region Gotland', 'Grupp 2');
	await hooks.everyoneIn?.();

	// Instructions: everyone has the "Gör så här" of seed 002 at hand.
	await expect(anna.page.getByRole('region', { name: 'Instruktioner' })).toContainText('Ni har 40 minuter totalt');

	// Run-sheet: the first phase, "Individuellt", runs on every board's timer.
	const runSheet = control.getByRole('region', { name: 'Körschema' });
	await runSheet.getByRole('button', { name: 'Starta Individuellt' }).click();
	for (const p of [anna.page, cia.page]) await expect(p.getByRole('timer', { name: /Tid kvar/ })).toContainText('Individuellt');

	// Think individually first, started by the phase itself: private drafts, then "Visa alla".
	const individual = control.getByRole('region', { name: 'Fundera själv först' });
	await expect(individual).toContainText('Pågår för hela tavlan');
	await writeDraft(anna.page, EXPECTATIONS, 'En arena för samtal');
	await writeDraft(cia.page, EXPECTATIONS, 'Tid att lära känna varandra');
	await expect(bo.page.getByRole('article', { name: 'Privat lapp' })).toHaveCount(0);
	await individual.getByRole('button', { name: 'Visa alla' }).click();
	await expect(note(figure(bo.page, EXPECTATIONS), 'En arena för samtal')).toBeVisible();
	await expect(note(figure(cia.page, EXPECTATIONS), 'Tid att lära känna varandra')).toBeVisible();
	// Groups stay private: Grupp 2's note is not on Grupp 1's board.
	await expect(note(bo.page, 'Tid att lära känna varandra')).toHaveCount(0);

	// Discussion: the next phase; the groups write, and summarise.
	await runSheet.getByRole('button', { name: 'Nästa fas' }).click();
	await expect(anna.page.getByRole('timer', { name: /Tid kvar/ })).toContainText('Diskutera');
	await addNoteWithButton(bo.page, AUTHORITIES, 'Deras syn på roller och funktioner');
	await addNoteWithButton(anna.page, SUMMARY, 'Diskussionen behöver föras på fler nivåer');
	await addNoteWithButton(cia.page, SUMMARY, 'Poängtera vinsten för myndigheterna');

	// A vote: one favourite each among the expectations.
	const voting = await openVote(control, EXPECTATIONS, 1);
	await figure(bo.page, EXPECTATIONS).getByRole('button', { name: 'Rösta på lappen En arena för samtal' }).click();
	await expect(figure(bo.page, EXPECTATIONS).getByRole('status').filter({ hasText: 'prickar kvar' })).toHaveText('0 av 1 prickar kvar');
	await voting.getByRole('button', { name: 'Stäng röstning' }).click();
	const voted = note(figure(anna.page, EXPECTATIONS), 'En arena för samtal');
	await expect(voted.getByText('1 röst', { exact: true })).toBeVisible();
	// The group's only expectation: counted, but not "Topp 1", since the vote left nothing out.
	await expect(voted.getByText(/^Topp/)).toHaveCount(0);

	// Lock every board: the groups can no longer write.
	await control.getByRole('button', { name: 'Lås alla tavlor' }).click();
	for (const p of [anna.page, cia.page]) {
		await expect(p.getByText('Låst av workshopledaren')).toBeVisible();
		await expect(p.getByRole('button', { name: `+ Lapp i ${SUMMARY}` })).toHaveCount(0);
	}

	// The plenary summary on the projector: both groups' conclusions, by group.
	const [projector] = await Promise.all([
		facilitatorContext.waitForEvent('page'),
		control.getByRole('link', { name: 'Öppna projektorvy' }).click()
	]);
	await projector.setViewportSize({ width: 1920, height: 1080 });
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText('Plenum: gruppernas sammanfattningar');
	await expect(projector.getByRole('region', { name: `Grupp 1: ${SUMMARY}` })).toContainText('Diskussionen behöver föras på fler nivåer');
	await expect(projector.getByRole('region', { name: `Grupp 2: ${SUMMARY}` })).toContainText('Poängtera vinsten för myndigheterna');

	for (const c of [facilitatorContext, anna.context, bo.context, cia.context]) await c.close();
}
