/**
 * Workshops through WorkshopService on a real store and real rooms: creating from a template,
 * joining with every kind of bad input, group capacity, and the facilitator's key. Each refusal
 * must be a UserError with a status and a Swedish sentence, and must change nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardRoom, readFigures, readWorkshop, workshopRoom } from '../../src/lib/board';
import { connectClient, refusal, startServer, type TestServer, waitFor } from './helpers';

let server: TestServer;
beforeEach(async () => {
	server = await startServer();
});
afterEach(async () => {
	await server.close();
});

describe('creating a workshop', () => {
	it('builds every group board from the Lärlabb template', async () => {
		const { code } = await server.workshops.create({ title: 'Lärlabb', template: 'larlabb', groups: 3 });
		expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
		for (const g of ['g1', 'g2', 'g3']) {
			const titles = await server.rooms.read(boardRoom(code, g), (doc) => readFigures(doc).map((f) => f.title));
			expect(titles).toContain('Vad vill du veta om myndigheterna?');
			expect(titles).toContain('Att tänka på inför Lärlabb');
		}
		const info = await server.rooms.read(workshopRoom(code), readWorkshop);
		expect(info.groups.map((g) => g.name)).toEqual(['Grupp 1', 'Grupp 2', 'Grupp 3']);
	});

	it('refuses a missing title, an unknown template and a number of groups outside 1–30', async () => {
		expect(await refusal(server.workshops.create({ title: '  ', groups: 2 }))).toMatchObject({ status: 400, message: expect.stringContaining('titel') });
		expect(await refusal(server.workshops.create({ title: 'X', template: 'nope' }))).toMatchObject({ status: 400, message: expect.stringContaining('Mallen') });
		for (const groups of [0, 31, 2.5]) {
			expect(await refusal(server.workshops.create({ title: 'X', groups }))).toMatchObject({ status: 400, message: expect.stringContaining('1 till 30') });
		}
	});

	it('keeps the language chosen at creation in the workshop doc and shows it on the join page; Swedish unless chosen', async () => {
		const english = await server.workshops.create({ title: 'Interreg', template: 'blank', groups: 1, language: 'en' });
		expect(await server.rooms.read(workshopRoom(english.code), readWorkshop)).toMatchObject({ language: 'en' });
		expect((await server.workshops.summary(english.code)).language).toBe('en');
		const unchosen = await server.workshops.create({ title: 'Lärlabb', template: 'blank', groups: 1 });
		expect((await server.workshops.summary(unchosen.code)).language).toBe('sv');
		expect(await refusal(server.workshops.create({ title: 'X', language: 'de' }))).toMatchObject({ status: 400 });
	});
});

describe('joining', () => {
	it('refuses an empty name and a 200-character name with a message, and adds nobody', async () => {
		const { code } = await server.workshops.create({ title: 'W', template: 'blank', groups: 1 });
		expect(await refusal(server.workshops.join(code, { name: '   ', groupId: 'g1' }))).toMatchObject({ status: 400, message: expect.stringContaining('Skriv ditt namn') });
		expect(await refusal(server.workshops.join(code, { name: 'A'.repeat(200), groupId: 'g1' }))).toMatchObject({ status: 400, message: expect.stringContaining('högst 60 tecken') });
		const info = await server.rooms.read(workshopRoom(code), readWorkshop);
		expect(info.participants).toEqual([]);
	});

	it('refuses an unknown code, however it is typed', async () => {
		for (const code of ['ZZZZZZ', 'nope', '../../etc']) {
			expect(await refusal(server.workshops.join(code, { name: 'Anna' }))).toMatchObject({ status: 404, message: expect.stringContaining('Det finns ingen workshop') });
		}
	});

	it('accepts a code typed in lower case with a dash', async () => {
		const { code } = await server.workshops.create({ title: 'W', template: 'blank', groups: 1 });
		const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`;
		expect((await server.workshops.join(typed, { name: 'Anna', organisation: 'Region Skåne' })).groupId).toBe('g1');
	});

	it('refuses a full group and keeps everyone already in it; another group still has room', async () => {
		const { code } = await server.workshops.create({ title: 'W', template: 'blank', groups: 2 });
		const capacity = (await server.workshops.summary(code)).groups[0]!.capacity;
		// Everyone races for the same group at once: exactly `capacity` of them get in.
		const attempts = await Promise.allSettled(
			Array.from({ length: capacity + 3 }, (_, i) => server.workshops.join(code, { name: `Person ${i}`, groupId: 'g1' }))
		);
		expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(capacity);
		const refused = attempts.find((a) => a.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toMatchObject({ status: 409, message: 'Grupp 1 är full (12 personer). Välj en annan grupp.' });
		const summary = await server.workshops.summary(code);
		expect(summary.groups.map((g) => g.members)).toEqual([capacity, 0]);
		expect((await server.workshops.join(code, { name: 'Sen ankomst', groupId: 'g2' })).groupId).toBe('g2');
	});

	it('puts a person without a chosen group in the emptiest group', async () => {
		const { code } = await server.workshops.create({ title: 'W', template: 'blank', groups: 3 });
		await server.workshops.join(code, { name: 'A', groupId: 'g1' });
		await server.workshops.join(code, { name: 'B', groupId: 'g2' });
		expect((await server.workshops.join(code, { name: 'C' })).groupId).toBe('g3');
	});

	it('shows a new participant live to the facilitator, who is connected to the workshop document', async () => {
		const { code, facilitatorKey } = await server.workshops.create({ title: 'W', template: 'blank', groups: 1 });
		const facilitator = connectClient(server, workshopRoom(code), await server.workshops.facilitatorToken(code, facilitatorKey));
		await facilitator.synced;
		await server.workshops.join(code, { name: 'Charlotta Levin', organisation: 'Region Skåne', groupId: 'g1' });
		await waitFor(() => readWorkshop(facilitator.doc).participants.length === 1);
		expect(readWorkshop(facilitator.doc).participants[0]).toMatchObject({ name: 'Charlotta Levin', organisation: 'Region Skåne', groupId: 'g1' });
	});
});

describe('the facilitator key', () => {
	it('signs in with the right key and is refused with a wrong one', async () => {
		const { code, facilitatorKey } = await server.workshops.create({ title: 'W', template: 'blank', groups: 1 });
		const token = await server.workshops.facilitatorToken(code, facilitatorKey);
		expect(server.tokens.verify(token)).toMatchObject({ ok: true, claims: { role: 'facilitator', code } });
		expect(await refusal(server.workshops.facilitatorToken(code, facilitatorKey + 'x'))).toMatchObject({ status: 403, message: expect.stringContaining('Nyckeln stämmer inte') });
		expect(await refusal(server.workshops.facilitatorToken(code, undefined))).toMatchObject({ status: 403 });
	});
});
