/**
 * Voting with labelled quotas (issue 3 §5), enforced by the server against stock y-websocket
 * clients: dots over the quota or stacked while stacking is off are undone for the sender, dots
 * stay secret in each person's private doc, and closing tallies everyone's dots, offline people
 * included, into every group board.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addFigure,
	addNote,
	boardRoom,
	moveNote,
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
async function notesOn(boardId: string, texts: string[], figureId?: string): Promise<{ figureId: string; ids: string[] }> {
	const ids: string[] = [];
	let id = figureId ?? '';
	await server.rooms.update(boardRoom(w.code, boardId), (doc) => {
		const figure = readFigures(doc).find((f) => (figureId ? f.id === figureId : f.title === FIGURE))!;
		id = figure.id;
		for (const [i, text] of texts.entries()) {
			ids.push(addNote(doc, { x: figure.x + 20 + i * 10, y: figure.y + 100, text, figureId: id }, { id: 'x', name: 'X', organisation: '' }));
		}
	});
	return { figureId: id, ids };
}

/** Adds a figure below every other one on a group board, as the facilitator may; returns its id. */
async function figureBelow(boardId: string, title: string): Promise<string> {
	let id = '';
	await server.rooms.update(boardRoom(w.code, boardId), (doc) => {
		const bottom = Math.max(...readFigures(doc).map((f) => f.y + f.h));
		id = addFigure(doc, { kind: 'question', title, x: 0, y: bottom + 100, w: 900, h: 600 });
	});
	return id;
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

describe('figures by id', () => {
	it('lets one figure per title and board take dots: a twin titled like it, before or after the open, takes none', async () => {
		const first = await notesOn('g1', ['a', 'b']);
		const twin = await notesOn('g1', ['c', 'd'], await figureBelow('g1', FIGURE));
		const vote = await openVote(false, 2);
		const late = await notesOn('g1', ['e'], await figureBelow('g1', FIGURE));
		const anna = await privateDoc('g1', 'Anna');
		for (const id of first.ids) dot(anna.client.doc, vote.id, 'g1', first.figureId, id);
		await waitFor(async () => (await serverDots(anna.participantId)) === 2, { message: 'two dots in the voted figure' });
		for (const id of twin.ids) dot(anna.client.doc, vote.id, 'g1', twin.figureId, id);
		dot(anna.client.doc, vote.id, 'g1', late.figureId, late.ids[0]!);
		expect(readDots(anna.client.doc)).toHaveLength(5);
		await waitFor(() => readDots(anna.client.doc).length === 2, { message: 'the dots in the twin figures undone' });
		expect(await serverDots(anna.participantId)).toBe(2);

		await votes.close(w.code, facilitator());
		const notes = await server.rooms.read(boardRoom(w.code, 'g1'), readNotes);
		expect(Object.fromEntries(notes.map((n) => [n.text, n.votes]))).toEqual({ a: 1, b: 1, c: undefined, d: undefined, e: undefined });
	});

	/** Two voted figures on g1 with two dots each, three notes in the first, two in "Fallgropar". */
	async function twoFigureVote() {
		const fallgropar = await figureBelow('g1', 'Fallgropar');
		const a = await notesOn('g1', ['a1', 'a2', 'a3']);
		const b = await notesOn('g1', ['b1', 'b2'], fallgropar);
		const vote = await votes.open(w.code, facilitator(), {
			figures: [
				{ title: FIGURE, label: '2 favoriter', quota: 2 },
				{ title: 'Fallgropar', label: '2 fallgropar', quota: 2 }
			]
		});
		const anna = await privateDoc('g1', 'Anna');
		const board = connectClient(server, boardRoom(w.code, 'g1'), anna.token);
		await board.synced;
		/** Anna moves a note into a figure on her board, as she may. */
		const moveInto = async (noteId: string, figureId: string) => {
			const target = readFigures(board.doc).find((f) => f.id === figureId)!;
			moveNote(board.doc, noteId, target.x + 400, target.y + 300);
			const figureOf = (doc: Y.Doc) => readNotes(doc).find((n) => n.id === noteId)?.figureId;
			await waitFor(async () => (await server.rooms.read(boardRoom(w.code, 'g1'), figureOf)) === figureId, { message: 'the move on the server' });
		};
		const votesIn = async (figureId: string) => {
			const notes = await server.rooms.read(boardRoom(w.code, 'g1'), readNotes);
			return Object.fromEntries(notes.filter((n) => n.figureId === figureId).map((n) => [n.text, n.votes]));
		};
		return { a, b, fallgropar, vote, anna, moveInto, votesIn };
	}

	it('counts a dot only while its note is in the figure the dot names: voted notes moved into another figure add nothing there', async () => {
		const { a, b, fallgropar, vote, anna, moveInto, votesIn } = await twoFigureVote();
		for (const id of a.ids.slice(0, 2)) dot(anna.client.doc, vote.id, 'g1', a.figureId, id);
		await waitFor(async () => (await serverDots(anna.participantId)) === 2, { message: 'two dots in the first figure' });
		for (const id of a.ids.slice(0, 2)) await moveInto(id, fallgropar);
		for (const id of b.ids) dot(anna.client.doc, vote.id, 'g1', fallgropar, id);
		await waitFor(async () => (await serverDots(anna.participantId)) === 4, { message: 'two dots in Fallgropar' });

		await votes.close(w.code, facilitator());
		expect(await votesIn(fallgropar)).toEqual({ a1: 0, a2: 0, b1: 1, b2: 1 });
	});

	it('frees the quota of a dot whose note left, and counts no more than the quota when the note returns', async () => {
		const { a, fallgropar, vote, anna, moveInto, votesIn } = await twoFigureVote();
		for (const id of a.ids.slice(0, 2)) dot(anna.client.doc, vote.id, 'g1', a.figureId, id);
		await waitFor(async () => (await serverDots(anna.participantId)) === 2, { message: 'two dots in the first figure' });
		// a1 leaves: its dot no longer takes the quota, so Anna spends it on a3; then a1 returns.
		await moveInto(a.ids[0]!, fallgropar);
		dot(anna.client.doc, vote.id, 'g1', a.figureId, a.ids[2]!);
		await waitFor(async () => (await serverDots(anna.participantId)) === 3, { message: 'the dot on a3 kept' });
		await moveInto(a.ids[0]!, a.figureId);

		await votes.close(w.code, facilitator());
		const counted = Object.values(await votesIn(a.figureId)).reduce((sum: number, n) => sum + (n ?? 0), 0);
		expect(counted).toBe(2);
	});

	it('keeps a vote opened before ids were stored: it counts the first figure with the title, not its twin', async () => {
		const first = await notesOn('g1', ['a']);
		const twin = await notesOn('g1', ['b'], await figureBelow('g1', FIGURE));
		await server.rooms.update(workshopRoom(w.code), (doc) => {
			const stored = doc.getMap('vote');
			stored.set('id', 'old-vote');
			stored.set('status', 'open');
			stored.set('allowStacking', false);
			stored.set('figures', [{ title: FIGURE, label: '1 favorit', quota: 1 }]);
		});
		const anna = await privateDoc('g1', 'Anna');
		dot(anna.client.doc, 'old-vote', 'g1', first.figureId, first.ids[0]!);
		await waitFor(async () => (await serverDots(anna.participantId)) === 1, { message: 'the dot in the first figure kept' });
		dot(anna.client.doc, 'old-vote', 'g1', twin.figureId, twin.ids[0]!);
		await waitFor(() => readDots(anna.client.doc).length === 1, { message: 'the dot in the twin undone' });

		expect((await votes.close(w.code, facilitator())).dots).toBe(1);
		const notes = await server.rooms.read(boardRoom(w.code, 'g1'), readNotes);
		expect(Object.fromEntries(notes.map((n) => [n.text, n.votes]))).toEqual({ a: 1, b: undefined });
	});

	it('refuses to open a vote on titles that no group board has (409)', async () => {
		const refused = await refusal(votes.open(w.code, facilitator(), { figures: [{ title: 'Finns inte', label: '1 x', quota: 1 }] }));
		expect(refused.status).toBe(409);
		expect(await server.rooms.read(workshopRoom(w.code), readVote)).toBeNull();
	});
});

describe('overwriting and deleting dots', () => {
	it('undoes an overwrite of a dot with one outside the vote; the overwrite carries no key on the wire', async () => {
		const voted = await notesOn('g1', ['a']);
		const other = await notesOn('g1', ['x'], await figureBelow('g1', 'Utanför röstningen'));
		const vote = await openVote(false, 2);
		const anna = await privateDoc('g1', 'Anna');
		dot(anna.client.doc, vote.id, 'g1', voted.figureId, voted.ids[0]!);
		await waitFor(async () => (await serverDots(anna.participantId)) === 1, { message: 'the dot stored' });
		const [placed] = readDots(anna.client.doc);
		let sent: Uint8Array | null = null;
		anna.client.doc.once('update', (update: Uint8Array) => (sent = update));
		placeDot(anna.client.doc, { voteId: vote.id, boardId: 'g1', figureId: other.figureId, noteId: other.ids[0]! }, placed!.id);
		// Yjs encodes an overwrite as an item after the old value, with no parentSub: the key is
		// only known once the item is integrated.
		const item = Y.decodeUpdate(sent!).structs.find((s) => s instanceof Y.Item) as Y.Item;
		expect(item.parentSub).toBeNull();
		await waitFor(() => readDots(anna.client.doc)[0]?.figureId === voted.figureId, { message: 'the overwrite undone' });
		expect(await server.rooms.read(privateRoom(w.code, anna.participantId), (d) => readDots(d)[0]?.noteId)).toBe(voted.ids[0]);
	});

	it("undoes deleting a closed vote's dot, plainly or by overwriting it and deleting the overwrite", async () => {
		const { figureId, ids } = await notesOn('g1', ['a', 'b']);
		const vote = await openVote(false, 2);
		const anna = await privateDoc('g1', 'Anna');
		for (const id of ids) dot(anna.client.doc, vote.id, 'g1', figureId, id);
		await waitFor(async () => (await serverDots(anna.participantId)) === 2, { message: 'two dots stored' });
		await votes.close(w.code, facilitator());
		const [first, second] = readDots(anna.client.doc);
		const dots = anna.client.doc.getMap('dots');
		dots.delete(first!.id);
		anna.client.doc.transact(() => {
			dots.set(second!.id, 'junk');
			dots.delete(second!.id);
		});
		await waitFor(() => readDots(anna.client.doc).length === 2, { message: 'both dots restored on the client' });
		expect(await serverDots(anna.participantId)).toBe(2);
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

	it('marks no note Topp when the top N would hold every note of the figure', async () => {
		const g1 = await notesOn('g1', ['a', 'b']);
		const vote = await openVote(false, 2);
		const anna = await privateDoc('g1', 'Anna');
		dot(anna.client.doc, vote.id, 'g1', g1.figureId, g1.ids[0]!);
		dot(anna.client.doc, vote.id, 'g1', g1.figureId, g1.ids[1]!);
		await waitFor(async () => (await serverDots(anna.participantId)) === 2, { message: "Anna's dots stored" });
		await votes.close(w.code, facilitator());
		const notes = await server.rooms.read(boardRoom(w.code, 'g1'), readNotes);
		expect(notes.map((n) => [n.text, n.votes, n.top])).toEqual(expect.arrayContaining([['a', 1, false], ['b', 1, false]]));
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
