/**
 * The facilitator runs the room from the control room: a timer on the server's clock, a message
 * to every board, locks the server enforces, a group leader, and the chat beside the board.
 */
import { expect, test, type Page } from '@playwright/test';
import { addNoteWithButton, createWorkshop, enterControlRoom, figure, join, note } from './people';
import { startServer, type RunningServer } from './server';

const AUTHORITIES = 'Vad vill du veta om myndigheterna?';

let server: RunningServer;

test.afterEach(async () => {
	await server?.stop();
});

test('timer, message, locks, leader and chat reach the groups live', async ({ browser }) => {
	server = await startServer();
	const workshop = await createWorkshop(server.url, 2);
	const { context: facilitatorContext, page: control } = await enterControlRoom(browser, workshop.facilitatorUrl);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	// Bo's computer clock is seven minutes fast: his timer must still agree with everyone's.
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1', (context) =>
		context.addInitScript(() => {
			const realNow = Date.now.bind(Date);
			Date.now = () => realNow() + 7 * 60_000;
		})
	);

	// Timer: 40 minutes for all groups; both boards show the same time, from the server's clock.
	await control.getByRole('button', { name: '40 min – Hela övningen' }).click();
	for (const p of [anna.page, bo.page]) {
		await expect(p.getByRole('timer', { name: /Tid kvar/ })).toContainText(/\b(40:00|39:\d\d)\b/);
	}
	// The running timers agree within a second or two, though Bo's clock is seven minutes off.
	const left = async (p: Page) => {
		const [m, s] = ((await p.getByRole('timer', { name: /Tid kvar/ }).textContent()) ?? '').match(/(\d+):(\d\d)/)!.slice(1).map(Number);
		return m! * 60 + s!;
	};
	await expect.poll(async () => Math.abs((await left(anna.page)) - (await left(bo.page)))).toBeLessThanOrEqual(2);
	await control.getByRole('button', { name: 'Pausa' }).click();
	await expect(anna.page.getByText('Pausad')).toBeVisible();
	await control.getByRole('button', { name: 'Fortsätt' }).click();
	await expect(anna.page.getByText('Pausad')).toHaveCount(0);

	// A message to every board.
	await control.getByRole('textbox', { name: 'Meddelande till alla grupper' }).fill('Efter 30 minuter: sammanfatta i figuren!');
	await control.getByRole('region', { name: 'Meddelande' }).getByRole('button', { name: 'Skicka', exact: true }).click();
	await expect(anna.page.getByText('Efter 30 minuter: sammanfatta i figuren!')).toBeVisible();

	// Lock group 1's board: the UI turns read-only, and nothing written reaches the others.
	await addNoteWithButton(anna.page, AUTHORITIES, 'Före låsningen');
	await control.getByRole('button', { name: 'Lås Grupp 1' }).click();
	await expect(anna.page.getByText('Låst av workshopledaren')).toBeVisible();
	await expect(anna.page.getByRole('button', { name: `+ Lapp i ${AUTHORITIES}` })).toHaveCount(0);
	await control.getByRole('button', { name: 'Lås upp Grupp 1' }).click();
	await expect(anna.page.getByText('Låst av workshopledaren')).toHaveCount(0);
	await addNoteWithButton(anna.page, AUTHORITIES, 'Efter upplåsningen');
	await expect(note(figure(bo.page, AUTHORITIES), 'Efter upplåsningen')).toBeVisible();

	// Bo volunteers as group leader; the control room and Anna see it.
	await bo.page.getByRole('button', { name: 'Jag är gruppledare' }).click();
	await expect(control.getByRole('combobox', { name: 'Gruppledare i Grupp 1' })).toHaveValue(/.+/);
	await expect(anna.page.getByRole('button', { name: 'Jag är gruppledare' })).toHaveCount(0);

	// Chat: Anna writes with a link; Bo sees her name, organisation and a link he can click.
	await anna.page.getByRole('button', { name: /^Chatt/ }).click();
	await anna.page.getByRole('textbox', { name: 'Skriv i chatten' }).fill('Se https://utveckling.skane.se/ för mer.');
	await anna.page.keyboard.press('Enter');
	await expect(bo.page.getByRole('button', { name: /^Chatt 1 oläst/ })).toBeVisible();
	await bo.page.getByRole('button', { name: /^Chatt/ }).click();
	const log = bo.page.getByRole('log', { name: 'Chattmeddelanden' });
	await expect(log).toContainText('Anna Berg');
	await expect(log).toContainText('Region Skåne');
	await expect(log.getByRole('link', { name: 'https://utveckling.skane.se/' })).toHaveAttribute('rel', /noopener/);

	// The facilitator prompts from the control room; the prompt is marked as the facilitator's.
	const controlChat = control.getByRole('region', { name: 'Chatt med alla deltagare' });
	await expect(controlChat).toContainText('Anna Berg · Region Skåne');
	await controlChat.getByRole('textbox', { name: 'Skriv i chatten' }).fill('Har du frågor till Ellen – skriv i chatten!');
	await controlChat.getByRole('textbox', { name: 'Skriv i chatten' }).press('Enter');
	const prompt = log.getByRole('listitem').filter({ hasText: 'Har du frågor till Ellen' });
	await expect(prompt).toContainText('Workshopledare');

	await facilitatorContext.close();
	await anna.context.close();
	await bo.context.close();
});
