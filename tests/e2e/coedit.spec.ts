/**
 * Two people write in one note at the same time, at a person's pace: one in the middle, one at
 * the end. Each person's words come out whole on both screens, each caret stays where its person
 * types, and each sees that the other is writing.
 */
import { expect, test, type Page } from '@playwright/test';
import { addNoteWithButton, announced, createWorkshop, join, note, recordAnnouncements } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

function editor(page: Page) {
	return page.getByRole('textbox', { name: 'Text på lappen' });
}

/** The card that holds this page's open text field. */
function openCard(page: Page) {
	return page.getByRole('article').filter({ has: editor(page) });
}

function caretOf(page: Page): Promise<[number, number]> {
	return editor(page).evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd]);
}

test('two people typing in one note keep their words whole and their carets in place', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1', recordAnnouncements);
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1', recordAnnouncements);
	// Bo writes on his phone, with the instructions put away.
	await bo.page.setViewportSize({ width: 360, height: 740 });
	await bo.page.getByRole('button', { name: 'Dölj instruktioner' }).click();

	await addNoteWithButton(anna.page, EXPECTATIONS, 'En arena för samtal');
	await expect(note(bo.page, 'En arena för samtal')).toBeVisible();

	// Anna opens the note and stays at the end; Bo opens it and goes to just after "En arena".
	await note(anna.page, 'En arena för samtal').focus();
	await anna.page.keyboard.press('Enter');
	await expect(editor(anna.page)).toBeFocused();
	await anna.page.keyboard.press('Control+End');
	await note(bo.page, 'En arena för samtal').focus();
	await bo.page.keyboard.press('Enter');
	await expect(editor(bo.page)).toBeFocused();
	await bo.page.keyboard.press('Control+Home'); // the start of the text, not of the wrapped line
	for (let i = 0; i < 'En arena'.length; i++) await bo.page.keyboard.press('ArrowRight');
	expect(await caretOf(bo.page)).toEqual([8, 8]);

	// Each sees, on the note, that the other is writing in it.
	await expect(openCard(anna.page)).toContainText('Bo Ek skriver…');
	await expect(openCard(bo.page)).toContainText('Anna Berg skriver…');
	// The label is not read out; the board's polite live region says it once instead.
	await expect.poll(() => announced(anna.page)).toContain('Också i lappen: Bo Ek skriver…');
	await expect.poll(() => announced(bo.page)).toContain('Också i lappen: Anna Berg skriver…');

	await Promise.all([
		anna.page.keyboard.type(' och möten som ger energi', { delay: 150 }),
		bo.page.keyboard.type(' med ett tydligt syfte', { delay: 150 })
	]);

	const whole = 'En arena med ett tydligt syfte för samtal och möten som ger energi';
	for (const p of [anna, bo]) await expect(editor(p.page)).toHaveValue(whole);
	// Carets: Anna still at the end, Bo right after his own words.
	expect(await caretOf(anna.page)).toEqual([whole.length, whole.length]);
	const boEnd = 'En arena med ett tydligt syfte'.length;
	expect(await caretOf(bo.page)).toEqual([boEnd, boEnd]);

	await anna.page.screenshot({ path: test.info().outputPath('coedit-1440x900.png') });
	await bo.page.screenshot({ path: test.info().outputPath('coedit-360x740.png') });

	// Leaving the note ends "skriver" for the other, and the text is saved as both wrote it.
	await bo.page.keyboard.press('Escape');
	await expect(openCard(anna.page)).not.toContainText('Bo Ek skriver…');
	await anna.page.keyboard.press('Escape');
	for (const p of [anna, bo]) await expect(note(p.page, whole)).toBeVisible();
});

test("a word composed on a phone's keyboard comes out once while someone else types", async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');
	await addNoteWithButton(anna.page, EXPECTATIONS, 'En arena för samtal');
	for (const p of [anna, bo]) {
		await note(p.page, 'En arena för samtal').focus();
		await p.page.keyboard.press('Enter');
		await expect(editor(p.page)).toBeFocused();
	}
	await anna.page.keyboard.press('Control+End');
	await bo.page.keyboard.press('Control+Home');

	// Bo's keyboard composes "Hallå" letter by letter (as Android keyboards do with every word),
	// and a letter of Anna's arrives on his screen between each step.
	const cdp = await bo.context.newCDPSession(bo.page);
	const word = 'Hallå';
	for (let i = 1; i <= word.length; i++) {
		await cdp.send('Input.imeSetComposition', { text: word.slice(0, i), selectionStart: i, selectionEnd: i });
		await anna.page.keyboard.type('!');
		await expect(openCard(bo.page)).toHaveAttribute('aria-label', new RegExp(`samtal${'!'.repeat(i)}$`));
	}
	await cdp.send('Input.insertText', { text: `${word} ` });

	const whole = 'Hallå En arena för samtal!!!!!';
	for (const p of [anna, bo]) await expect(editor(p.page)).toHaveValue(whole);
	expect(await caretOf(bo.page)).toEqual([6, 6]);
	expect(await caretOf(anna.page)).toEqual([whole.length, whole.length]);
});
