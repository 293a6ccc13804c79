/**
 * The workshop chat through ChatService on a real store and real rooms (the HTTP endpoint only adds
 * the bearer token, see requireToken): who may post, the text rules, the rate limit, and that a
 * stock client on the workshop doc sees a message appear live with the sender's own name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChat, workshopRoom, type ChatMessage } from '../../src/lib/board';
import { ChatService } from '../../server/workshops/chat';
import { claimsOf, connectClient, createWorkshop, refusal, startServer, type TestServer, type TestWorkshop, waitFor } from './helpers';

let server: TestServer;
let w: TestWorkshop;
let chat: ChatService;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	chat = new ChatService({ store: server.store, rooms: server.rooms, log: server.log });
});
afterEach(async () => {
	await server.close();
});

const storedChat = () => server.rooms.read(workshopRoom(w.code), readChat);

describe('posting to the chat', () => {
	it("shows a participant's message live, with the name and organisation they joined with", async () => {
		const reader = connectClient(server, workshopRoom(w.code), (await w.participant('g2', 'Bo')).token);
		await reader.synced;
		const { participantId, token } = await w.participant('g1', 'Anna');
		const before = Date.now();

		const { id } = await chat.post(w.code, claimsOf(server, token), { text: '  Har ni frågor till Ellen? https://example.se  ' });
		await waitFor(() => readChat(reader.doc).length === 1, { message: 'the message at the other participant' });
		const [message] = readChat(reader.doc) as [ChatMessage];
		expect(message).toMatchObject({
			id,
			authorId: participantId,
			name: 'Anna',
			organisation: 'Region Test',
			role: 'participant',
			text: 'Har ni frågor till Ellen? https://example.se'
		});
		expect(message.at).toBeGreaterThanOrEqual(before);
		expect(message.at).toBeLessThanOrEqual(Date.now());
	});

	it("marks the facilitator's messages as prompts from Workshopledare", async () => {
		await chat.post(w.code.toLowerCase(), claimsOf(server, w.facilitatorToken), { text: 'Skriv i chatten!' });
		expect(await storedChat()).toEqual([
			expect.objectContaining({ authorId: 'facilitator', name: 'Workshopledare', organisation: '', role: 'facilitator' })
		]);
	});

	it("names the facilitator in the workshop's language, as the name is written into the shared chat", async () => {
		const { code, facilitatorKey } = await server.workshops.create({ title: 'Nordic meeting', template: 'blank-board', groups: 1, language: 'en' });
		await chat.post(code, claimsOf(server, await server.workshops.facilitatorToken(code, facilitatorKey)), { text: 'Welcome!' });
		expect(await server.rooms.read(workshopRoom(code), readChat)).toEqual([expect.objectContaining({ name: 'Facilitator', role: 'facilitator' })]);
	});

	it('refuses empty, too long and malformed text with a sentence, and stores nothing', async () => {
		const claims = claimsOf(server, (await w.participant('g1')).token);
		expect(await refusal(chat.post(w.code, claims, { text: ' \n\t ' }))).toMatchObject({ status: 400, message: 'Skriv något innan du skickar.' });
		expect(await refusal(chat.post(w.code, claims, { text: 'x'.repeat(1001) }))).toEqual({
			status: 400,
			message: 'Meddelandet får vara högst 1000 tecken.'
		});
		expect(await refusal(chat.post(w.code, claims, { text: 42 }))).toMatchObject({ status: 400 });
		expect(await refusal(chat.post(w.code, claims, null))).toMatchObject({ status: 400 });
		expect(await chat.post(w.code, claims, { text: 'x'.repeat(1000) })).toHaveProperty('id');
		expect((await storedChat()).map((m) => m.text.length)).toEqual([1000]);
	});

	it('refuses a token for another workshop and a participant who is not in this one, with 403', async () => {
		const other = await createWorkshop(server, 1);
		const stranger = claimsOf(server, (await other.participant('g1')).token);
		expect(await refusal(chat.post(w.code, stranger, { text: 'hej' }))).toMatchObject({ status: 403 });
		// A validly signed token for this workshop naming someone the workshop doc does not know.
		const ghost = claimsOf(server, server.tokens.sign({ role: 'participant', code: w.code, participantId: 'pGhost', groupId: 'g1' }));
		expect(await refusal(chat.post(w.code, ghost, { text: 'hej' }))).toMatchObject({
			status: 403,
			message: expect.stringContaining('Du finns inte med')
		});
		expect(await storedChat()).toEqual([]);
	});

	it('limits each sender to 10 messages in 10 seconds, without slowing anyone else', async () => {
		const anna = claimsOf(server, (await w.participant('g1', 'Anna')).token);
		const bo = claimsOf(server, (await w.participant('g1', 'Bo')).token);
		for (let i = 0; i < 10; i++) await chat.post(w.code, anna, { text: `meddelande ${i}` });
		expect(await refusal(chat.post(w.code, anna, { text: 'ett till' }))).toMatchObject({
			status: 429,
			message: expect.stringContaining('Vänta några sekunder')
		});
		await chat.post(w.code, bo, { text: 'Bo hinner med' });
		expect((await storedChat()).map((m) => m.name)).toEqual([...Array(10).fill('Anna'), 'Bo']);
	});
});
