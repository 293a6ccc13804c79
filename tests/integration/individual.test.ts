/**
 * "Fundera själv först" (issue 3 §4) against stock y-websocket clients: drafts stay in their
 * author's private doc, which nobody else can open, until the facilitator reveals them; the server
 * then moves them, offline authors' included, into each author's group board in their figure.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	addDraft,
	boardRoom,
	privateRoom,
	readDrafts,
	readFigures,
	readIndividual,
	readNotes,
	startIndividual,
	WHOLE_BOARD,
	workshopRoom
} from '../../src/lib/board';
import { DRAFTS_PER_REVEAL_MAX, RevealService } from '../../server/workshops/reveal';
import { claimsOf, connectClient, rawClient, refusal, startServer, waitFor, type TestServer } from './helpers';

const FIRST = 'Vilka förväntningar har du på Lärlabb?';
const SECOND = 'Vad vill du veta om myndigheterna?';
let server: TestServer;
let code: string;
let facilitatorToken: string;
let reveal: RevealService;

beforeEach(async () => {
	server = await startServer();
	const created = await server.workshops.create({ title: 'Lärlabb', template: 'larlabb', groups: 2 });
	code = created.code;
	facilitatorToken = await server.workshops.facilitatorToken(code, created.facilitatorKey);
	reveal = new RevealService({ store: server.store, rooms: server.rooms, log: server.log });
});
afterEach(async () => {
	await server.close();
});

const facilitator = () => claimsOf(server, facilitatorToken);

async function startPhase(scope: string, anonymous = false): Promise<void> {
	await server.rooms.update(workshopRoom(code), (doc) => startIndividual(doc, { scope, anonymous }));
}

/** A participant writing drafts in their private doc, connected as the browser does. */
async function author(groupId: string, name: string, drafts: { figureTitle: string; text: string }[]) {
	const joined = await server.workshops.join(code, { name, organisation: `Region ${name}`, groupId });
	const client = connectClient(server, privateRoom(code, joined.participantId), joined.token);
	await client.synced;
	for (const d of drafts) addDraft(client.doc, { figureTitle: d.figureTitle, x: 20, y: 100, text: d.text });
	const count = drafts.length;
	await waitFor(async () => (await server.rooms.read(privateRoom(code, joined.participantId), (doc) => readDrafts(doc).length)) === count, {
		message: `${name}'s drafts on the server`
	});
	return { ...joined, client };
}

/** The notes of a group board, with the title of the figure each is in. */
const boardNotes = (groupId: string) =>
	server.rooms.read(boardRoom(code, groupId), (doc) => {
		const titles = new Map(readFigures(doc).map((f) => [f.id, f.title]));
		return readNotes(doc).map((n) => ({ ...n, figure: titles.get(n.figureId ?? '') }));
	});

describe('drafts during the individual phase', () => {
	it('are invisible to the rest of the group: the private doc is refused (4403) and the board has none', async () => {
		await startPhase(WHOLE_BOARD);
		const anna = await author('g1', 'Anna', [{ figureTitle: FIRST, text: 'Min egen tanke' }]);
		const bo = await server.workshops.join(code, { name: 'Bo', organisation: 'Region Bo', groupId: 'g1' });
		expect((await rawClient(server, privateRoom(code, anna.participantId), bo.token).closed).code).toBe(4403);
		expect((await rawClient(server, privateRoom(code, anna.participantId), facilitatorToken).closed).code).toBe(4403);
		const board = connectClient(server, boardRoom(code, 'g1'), bo.token);
		await board.synced;
		expect(readNotes(board.doc)).toEqual([]);
	});
});

describe('revealing', () => {
	it("moves an online and an offline author's drafts into their group boards, in the right figure, and ends the phase", async () => {
		await startPhase(WHOLE_BOARD);
		const anna = await author('g1', 'Anna', [
			{ figureTitle: FIRST, text: 'Träffa andra regioner' },
			{ figureTitle: SECOND, text: 'Hur de prioriterar' }
		]);
		const cem = await author('g2', 'Cem', [{ figureTitle: FIRST, text: 'Lära av varandra' }]);
		cem.client.destroy(); // Cem has gone offline
		const result = await reveal.reveal(code, facilitator(), {});
		expect(result).toEqual({ moved: 3, ended: true });

		const g1 = await boardNotes('g1');
		expect(g1.map((n) => [n.figure, n.text, n.authorName, n.organisation]).sort()).toEqual([
			[SECOND, 'Hur de prioriterar', 'Anna', 'Region Anna'],
			[FIRST, 'Träffa andra regioner', 'Anna', 'Region Anna']
		].sort());
		expect(g1.every((n) => n.authorId === anna.participantId)).toBe(true);
		const g2 = await boardNotes('g2');
		expect(g2.map((n) => [n.figure, n.text, n.authorId])).toEqual([[FIRST, 'Lära av varandra', cem.participantId]]);

		// The online author's client sees its drafts leave; the offline one's are gone on the server.
		await waitFor(() => readDrafts(anna.client.doc).length === 0, { message: "Anna's drafts gone from her client" });
		expect(await server.rooms.read(privateRoom(code, cem.participantId), (doc) => readDrafts(doc).length)).toBe(0);
		expect(await server.rooms.read(workshopRoom(code), (doc) => readIndividual(doc)?.active)).toBe(false);
	});

	it('leaves no author on an anonymous reveal', async () => {
		await startPhase(WHOLE_BOARD, true);
		await author('g1', 'Anna', [{ figureTitle: FIRST, text: 'Anonym tanke' }]);
		await reveal.reveal(code, facilitator(), {});
		expect(await boardNotes('g1')).toEqual([
			expect.objectContaining({ text: 'Anonym tanke', figure: FIRST, authorId: '', authorName: '', organisation: '' })
		]);
	});

	it('reveals one figure and keeps the other drafts private, with the phase still running', async () => {
		await startPhase(WHOLE_BOARD);
		const anna = await author('g1', 'Anna', [
			{ figureTitle: FIRST, text: 'Visas nu' },
			{ figureTitle: SECOND, text: 'Visas sen' }
		]);
		expect(await reveal.reveal(code, facilitator(), { figureTitle: FIRST })).toEqual({ moved: 1, ended: false });
		expect((await boardNotes('g1')).map((n) => [n.figure, n.text])).toEqual([[FIRST, 'Visas nu']]);
		await waitFor(() => readDrafts(anna.client.doc).length === 1, { message: 'the first draft gone from the client' });
		expect(readDrafts(anna.client.doc)[0]).toMatchObject({ figureTitle: SECOND, text: 'Visas sen' });
		expect(await server.rooms.read(workshopRoom(code), (doc) => readIndividual(doc)?.active)).toBe(true);
	});

	it(`brings at most ${DRAFTS_PER_REVEAL_MAX} drafts of one person per reveal; the rest stay private for the next`, async () => {
		await startPhase(WHOLE_BOARD);
		const many = Array.from({ length: DRAFTS_PER_REVEAL_MAX + 10 }, (_, i) => ({ figureTitle: FIRST, text: `utkast ${i}` }));
		const anna = await author('g1', 'Anna', many);
		expect(await reveal.reveal(code, facilitator(), { figureTitle: FIRST })).toEqual({ moved: DRAFTS_PER_REVEAL_MAX, ended: false });
		expect(await boardNotes('g1')).toHaveLength(DRAFTS_PER_REVEAL_MAX);
		await waitFor(() => readDrafts(anna.client.doc).length === 10, { message: 'ten drafts still private' });
		expect(await reveal.reveal(code, facilitator(), { figureTitle: FIRST })).toEqual({ moved: 10, ended: false });
		expect(await boardNotes('g1')).toHaveLength(DRAFTS_PER_REVEAL_MAX + 10);
	});

	it('refuses a participant (403)', async () => {
		const anna = await author('g1', 'Anna', []);
		expect((await refusal(reveal.reveal(code, claimsOf(server, anna.token), {}))).status).toBe(403);
	});
});
