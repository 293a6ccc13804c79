/**
 * "Jag är gruppledare" through LeaderService on a real store and real rooms: a participant leads
 * their own group and steps down; the facilitator appoints through the workshop doc instead; the
 * change shows live at a stock client on the workshop doc.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWorkshop, workshopRoom } from '../../src/lib/board';
import { LeaderService } from '../../server/workshops/leaders';
import { claimsOf, connectClient, createWorkshop, refusal, startServer, type TestServer, type TestWorkshop, waitFor } from './helpers';

let server: TestServer;
let w: TestWorkshop;
let leaders: LeaderService;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	leaders = new LeaderService({ store: server.store, rooms: server.rooms, log: server.log });
});
afterEach(async () => {
	await server.close();
});

const storedLeaders = () => server.rooms.read(workshopRoom(w.code), (doc) => readWorkshop(doc).leaders);

describe('Jag är gruppledare', () => {
	it('makes a participant the leader of their own group, live at the control room', async () => {
		const control = connectClient(server, workshopRoom(w.code), w.facilitatorToken);
		await control.synced;
		const anna = await w.participant('g2', 'Anna');

		expect(await leaders.volunteer(w.code, claimsOf(server, anna.token))).toEqual({ groupId: 'g2', participantId: anna.participantId });
		await waitFor(() => readWorkshop(control.doc).leaders.g2 === anna.participantId, { message: 'the leader at the control room' });
		expect(readWorkshop(control.doc).leaders).toEqual({ g2: anna.participantId });
	});

	it('lets a volunteer take over, and stepping down only removes yourself', async () => {
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');
		await leaders.volunteer(w.code, claimsOf(server, anna.token));
		expect(await leaders.volunteer(w.code, claimsOf(server, bo.token))).toEqual({ groupId: 'g1', participantId: bo.participantId });
		// Anna is no longer the leader: stepping down leaves Bo in place.
		expect(await leaders.stepDown(w.code, claimsOf(server, anna.token))).toEqual({ groupId: 'g1', participantId: bo.participantId });
		expect(await leaders.stepDown(w.code, claimsOf(server, bo.token))).toEqual({ groupId: 'g1', participantId: null });
		expect(await storedLeaders()).toEqual({});
	});

	it('refuses the facilitator (who appoints in the control room), strangers and other workshops', async () => {
		expect(await refusal(leaders.volunteer(w.code, claimsOf(server, w.facilitatorToken)))).toMatchObject({
			status: 400,
			message: expect.stringContaining('kontrollrummet')
		});
		const ghost = claimsOf(server, server.tokens.sign({ role: 'participant', code: w.code, participantId: 'pGhost', groupId: 'g1' }));
		expect(await refusal(leaders.volunteer(w.code, ghost))).toMatchObject({ status: 403 });
		const other = await createWorkshop(server, 1);
		const stranger = claimsOf(server, (await other.participant('g1')).token);
		expect(await refusal(leaders.volunteer(w.code, stranger))).toMatchObject({ status: 403 });
		expect(await storedLeaders()).toEqual({});
	});
});
