/**
 * Voting with labelled quotas (issue 3 §5), enforced by the server against stock y-websocket
 * clients: dots over the quota or stacked while stacking is off are undone for the sender, dots
 * stay secret in each person's private doc, and closing tallies everyone's dots, offline people
 * included, into every group board.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	boardRoom,
	privateRoom,
	readDots,
	readFigures,
	readNotes,
	readVote,
	placeDot,
	workshopRoom,
	newId
} from '../../src/lib/board';
import { claimsOf, connectClient, createWorkshop, rawClient, refusal, startServer, waitFor, type TestServer, type TestWorkshop } from './helpers';
import { VoteService } from '../../server/workshops/votes';

const FIGURE = 'Vad vill ni diskutera?'; // the blank template's one figure
let server: TestServer;
let w: TestWorkshop;
let votes: VoteService;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	votes = new VoteService({ store: server.store, rooms: server.rooms, log: server.log });
});
afterEach(async () => {
	await server.close();
});

const facilitator = () => claimsOf(server, w.facilitatorToken);

/** Adds notes to a group board as the server would, returning their ids and the figure's id. */
async function notesOn(boardId: string, texts: string[]): Promise<{ figureId: string; ids: string[] }> {
	let figureId = '';
	const ids: string[] = [];
	await server.rooms.update(boardRoom(w.code, boardId), (doc) => {
		const figure = readFigures(doc).find((f) => f.title === FIGURE)!;
		figureId = figure.id;
		for (const [i, text] of texts.entries()) {
			ids.push(addNote(doc, { x: figure.x + 20 + i * 10, y: figure.y + 100, text, figureId }, { id: 'x', name: 'X', organisation: '' }));
		}
	});
	return { figureId, ids };
}

async function openVote(allowStacking = false, quota = 2) {
	return votes.open(w.code, facilitator(), { allowStacking, figures: [{ title: FIGURE, label: `${quota} favoriter`, quota }] });
}

/** A participant's private doc, connected as the browser does. */
async function privateDoc(groupId: string, name: string) {
	const person = await w.participant(groupId, name);
	const client = connectClient(server, privateRoom(w.code, person.participantId), person.token);
	await client.synced;
	return { ...person, client };
}

function dot(doc: Y.Doc, voteId: string, boardId: string, figureId: string, noteId: string): void {
	placeDot(doc, { voteId, boardId, figureId, noteId }, newId());
}

const serverDots = (pid: string) => server.rooms.read(privateRoom(w.code, pid), (doc) => readDots(doc).length);

describe('placing dots', () => {
	it('undoes a dot over the quota, and the stock client converges to the quota', async () => {
		const { figureId, ids } = await notesOn('g1', ['a', 'b', 'c']);
		const vote = await openVote(false, 2);
		const anna = await privateDoc('g1', 'Anna');
		dot(anna.client.doc, vote.id, 'g1', figureId, ids[0]!);
		dot(anna.client.doc, vote.id, 'g1', figureId, ids[1]!);
		await waitFor(async () => (await serverDots(anna.participantId)) === 2, { message: 'two dots on the server' });
		dot(anna.client.doc, vote.id, 'g1', figureId, ids[2]!);
		await waitFor(() => readDots(anna.client.doc).length === 2, { message: 'the third dot undone on the client' });
		expect(await serverDots(anna.participantId)).toBe(2);
	});

	it('undoes a second dot on one note while stacking is off, and keeps it when on', async () => {
		const { figureId, ids } = await notesOn('g1', ['a']);
		const off = await openVote(false);
		const anna = await privateDoc('g1', 'Anna');
		dot(anna.client.doc, off.id, 'g1', figureId, ids[0]!);
		dot(anna.client.doc, off.id, 'g1', figureId, ids[0]!);
		await waitFor(() => readDots(anna.client.doc).length === 1, { message: 'the stacked dot undone' });
		expect(await serverDots(anna.participantId)).toBe(1);

		const on = await openVote(true);
		dot(anna.client.doc, on.id, 'g1', figureId, ids[0]!);
		dot(anna.client.doc, on.id, 'g1', figureId, ids[0]!);
		await waitFor(async () => (await server.rooms.read(privateRoom(w.code, anna.participantId), (d) => readDots(d, on.id).length)) === 2, {
			message: 'two stacked dots kept'
		});
	});

	it("undoes dots with no vote open, and on another group's note", async () => {
		const g1 = await notesOn('g1', ['a']);
		const g2 = await notesOn('g2', ['b']);
		const anna = await privateDoc('g1', 'Anna');
		dot(anna.client.doc, 'no-vote', 'g1', g1.figureId, g1.ids[0]!);
		await waitFor(() => readDots(anna.client.doc).length === 0, { message: 'the dot with no vote undone' });
		const vote = await openVote();
		dot(anna.client.doc, vote.id, 'g2', g2.figureId, g2.ids[0]!);
		await waitFor(() => readDots(anna.client.doc).length === 0, { message: "the dot on g2's note undone" });
		expect(await serverDots(anna.participantId)).toBe(0);
	});

	it("refuses a participant another person's private doc (4403) and a participant's open/close (403)", async () => {
		const anna = await w.participant('g1', 'Anna');
		const bo = await w.participant('g1', 'Bo');
		const peek = rawClient(server, privateRoom(w.code, anna.participantId), bo.token);
		expect((await peek.closed).code).toBe(4403);
		expect((await refusal(votes.open(w.code, claimsOf(server, bo.token), { figures: [] }))).status).toBe(403);
		expect((await refusal(votes.close(w.code, claimsOf(server, bo.token)))).status).toBe(403);
	});
});

describe('closing a vote', () => {
	it('keeps dots secret before close, then tallies everyone, offline people too, into every board', async () => {
		const g1 = await notesOn('g1', ['a', 'b', 'c']);
		const g2 = await notesOn('g2', ['x', 'y']);
		const vote = await openVote(false, 2);
		const anna = await privateDoc('g1', 'Anna');
		const bo = await privateDoc('g1', 'Bo');
		const cia = await privateDoc('g2', 'Cia');
		const board = connectClient(server, boardRoom(w.code, 'g1'), bo.token);
		await board.synced;
		dot(anna.client.doc, vote.id, 'g1', g1.figureId, g1.ids[0]!);
		dot(anna.client.doc, vote.id, 'g1', g1.figureId, g1.ids[1]!);
		dot(bo.client.doc, vote.id, 'g1', g1.figureId, g1.ids[0]!);
		dot(cia.client.doc, vote.id, 'g2', g2.figureId, g2.ids[1]!);
		await waitFor(async () => (await serverDots(anna.participantId)) === 2, { message: "Anna's dots stored" });
		await waitFor(async () => (await serverDots(cia.participantId)) === 1, { message: "Cia's dot stored" });
		// Bo sees only his own dot, and nothing of Anna's shows on the board before close.
		expect(readDots(bo.client.doc)).toHaveLength(1);
		expect(readNotes(board.doc).every((n) => n.votes === undefined)).toBe(true);
		// Anna and Cia go offline; their dots still count.
		anna.client.destroy();
		cia.client.destroy();

		const result = await votes.close(w.code, facilitator());
		expect(result.dots).toBe(4);
		await waitFor(() => readNotes(board.doc).some((n) => n.votes !== undefined), { message: 'results on the g1 board' });
		const byText = (notes: ReturnType<typeof readNotes>) => Object.fromEntries(notes.map((n) => [n.text, [n.votes, n.top]]));
		expect(byText(readNotes(board.doc))).toEqual({ a: [2, true], b: [1, true], c: [0, false] });
		const g2Notes = await server.rooms.read(boardRoom(w.code, 'g2'), readNotes);
		expect(byText(g2Notes)).toEqual({ x: [0, false], y: [1, true] });
		expect(await server.rooms.read(workshopRoom(w.code), (d) => readVote(d)?.status)).toBe('closed');

		// After close no dot is accepted; a new vote clears the old counts.
		dot(bo.client.doc, vote.id, 'g1', g1.figureId, g1.ids[2]!);
		await waitFor(() => readDots(bo.client.doc).length === 1, { message: 'a dot after close undone' });
		await openVote();
		await waitFor(() => readNotes(board.doc).every((n) => n.votes === undefined), { message: 'old counts cleared' });
	});

	it("undoes a participant's own writes of vote results, on an existing note or a new one", async () => {
		const g1 = await notesOn('g1', ['a']);
		const person = await w.participant('g1', 'Mallory');
		const cheat = connectClient(server, boardRoom(w.code, 'g1'), person.token);
		const witness = connectClient(server, boardRoom(w.code, 'g1'), w.facilitatorToken);
		await Promise.all([cheat.synced, witness.synced]);
		const notes = cheat.doc.getMap('notes') as Y.Map<Y.Map<unknown>>;
		cheat.doc.transact(() => {
			notes.get(g1.ids[0]!)!.set('votes', 99);
			notes.get(g1.ids[0]!)!.set('top', true);
		});
		const fake = new Y.Map<unknown>();
		fake.set('text', new Y.Text('falsk'));
		fake.set('figureId', g1.figureId);
		fake.set('votes', 42);
		cheat.doc.transact(() => notes.set(newId(), fake));
		// An honest edit after the cheats goes through, so the server has seen all of them.
		const honest = addNote(cheat.doc, { x: 30, y: 120, text: 'ärlig' }, person.author);
		await waitFor(() => readNotes(witness.doc).some((n) => n.id === honest), { message: 'the honest note arrives' });
		await waitFor(() => readNotes(cheat.doc).every((n) => n.votes === undefined), { message: 'the cheater converges' });
		expect(readNotes(witness.doc).map((n) => [n.text, n.votes, n.top])).toEqual(
			expect.arrayContaining([['a', undefined, undefined], ['ärlig', undefined, undefined]])
		);
		expect(readNotes(witness.doc).some((n) => n.text === 'falsk')).toBe(false);
	});
});
