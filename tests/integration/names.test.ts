/**
 * Names, organisations, titles and chat through the services the HTTP endpoints call, on a real
 * store and real rooms: text with NUL, bidi overrides or nothing but zero-width characters is
 * refused with a Swedish 400 and changes nothing; honest text is stored normalised (src/lib/board/names.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChat, readWorkshop, workshopRoom } from '../../src/lib/board';
import type { WorkshopFile } from '../../src/lib/board/workshop-file';
import { ChatService } from '../../server/workshops/chat';
import { claimsOf, createWorkshop, refusal, startServer, type TestServer, type TestWorkshop } from './helpers';

let server: TestServer;
let w: TestWorkshop;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 1);
});
afterEach(async () => {
	await server.close();
});

const participants = async () => (await server.rooms.read(workshopRoom(w.code), readWorkshop)).participants;

describe('joining with a name', () => {
	it('refuses NUL, a bidi override and a zero-width-only name with a Swedish 400, and adds nobody', async () => {
		const cases = [
			{ name: 'Anna\u0000', message: 'styrtecken' },
			{ name: 'Anna \u202Egreb', message: 'riktning' },
			{ name: 'Anna \u2066Berg\u2069', message: 'riktning' },
			{ name: '\u200B\u200C\u200D\uFEFF', message: 'Skriv ditt namn' }
		];
		for (const { name, message } of cases) {
			expect(await refusal(server.workshops.join(w.code, { name, groupId: 'g1' }))).toMatchObject({ status: 400, message: expect.stringContaining(message) });
		}
		expect(await refusal(server.workshops.join(w.code, { name: 'Anna', organisation: 'Region\u202E Gotland', groupId: 'g1' }))).toMatchObject({
			status: 400,
			message: expect.stringMatching(/^Organisationen .*riktning/)
		});
		expect(await participants()).toEqual([]);
	});

	it('stores the name and organisation NFC, trimmed and with whitespace collapsed, keeping å ä ö and emoji', async () => {
		const { participantId } = await server.workshops.join(w.code, {
			name: '  A\u030Asa \n Ö\u200Bberg 🌱 ',
			organisation: '\u200FRegion   Västra\tGötaland ',
			groupId: 'g1'
		});
		expect(await participants()).toMatchObject([{ id: participantId, name: 'Åsa Öberg 🌱', organisation: 'Region Västra Götaland' }]);
	});
});

describe('titles and group names', () => {
	it('refuses a new workshop whose title is invisible or holds a control character', async () => {
		for (const title of ['\u200B\u2060', 'Lärlabb\u0007', '\u202ELärlabb']) {
			expect(await refusal(server.workshops.create({ title, template: 'blank', groups: 1 }))).toMatchObject({ status: 400 });
		}
		const { code } = await server.workshops.create({ title: ' Lärlabb\u00A0\u00A0hösten ', template: 'blank', groups: 1 });
		expect((await server.rooms.read(workshopRoom(code), readWorkshop)).title).toBe('Lärlabb hösten');
	});

	it('refuses an imported workshop whose group name holds a bidi override', async () => {
		const exported = await server.exports.file(w.code, claimsOf(server, w.facilitatorToken), { format: 'json' });
		const file = JSON.parse(String(exported.body)) as WorkshopFile;
		file.workshop.groups[0]!.name = 'Grupp \u202E1';
		expect(await refusal(server.workshops.importFile(file))).toMatchObject({ status: 400, message: expect.stringContaining('riktning') });
	});
});

describe('chat messages', () => {
	it('refuses NUL and bidi overrides and keeps the line breaks of an honest message', async () => {
		const chat = new ChatService({ store: server.store, rooms: server.rooms, log: server.log });
		const { token } = await w.participant('g1', 'Anna');
		const claims = claimsOf(server, token);
		expect(await refusal(chat.post(w.code, claims, { text: 'Hej\u0000' }))).toMatchObject({ status: 400, message: expect.stringContaining('styrtecken') });
		expect(await refusal(chat.post(w.code, claims, { text: 'Se \u202Egp.exe' }))).toMatchObject({ status: 400, message: expect.stringContaining('riktning') });
		await chat.post(w.code, claims, { text: ' Två frågor:\r\n1. Tid?\r\n2. Plats? ' });
		const messages = await server.rooms.read(workshopRoom(w.code), readChat);
		expect(messages.map((m) => m.text)).toEqual(['Två frågor:\n1. Tid?\n2. Plats?']);
	});
});
