/**
 * Group management (issue 10 §3) against the real store, real rooms and stock y-websocket clients:
 * only the facilitator moves, removes and places people or adds and renames groups; a moved or
 * removed person's open socket loses the old board at once; capacity and names hold; drafts follow
 * their author to the new group at reveal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	addDraft,
	addNote,
	boardRoom,
	privateRoom,
	readDrafts,
	readFigures,
	readMeta,
	readNotes,
	readWorkshop,
	startIndividual,
	WHOLE_BOARD,
	workshopRoom
} from '../../src/lib/board';
import { CLOSE_FORBIDDEN } from '../../server/sync/close-codes';
import { GroupService } from '../../server/workshops/groups';
import { PlenaryService } from '../../server/workshops/plenary';
import { RevealService } from '../../server/workshops/reveal';
import { SqliteStore } from '../../server/store/sqlite-store';
import { claimsOf, connectClient, lastLine, rawClient, refusal, refusalSaid, startServer, waitFor, type TestServer } from './helpers';

/** Holds the appends of one room until released: a write that is applied but not yet committed. */
class GatedStore extends SqliteStore {
	gated = '';
	#release: () => void = () => {};
	readonly #gate = new Promise<void>((resolve) => (this.#release = resolve));

	release(): void {
		this.#release();
	}

	override async appendUpdate(room: string, update: Uint8Array): Promise<void> {
		if (room === this.gated) await this.#gate;
		return super.appendUpdate(room, update);
	}
}

let server: TestServer;
let code: string;
let facilitatorToken: string;
let groups: GroupService;

beforeEach(async () => {
	// Rooms stay loaded, as in production, so that a room's cached view of the workshop is tested too.
	server = await startServer({ limits: { unloadDelayMs: 60_000 } });
	const created = await server.workshops.create({ title: 'Lärlabb', template: 'larlabb', groups: 2 });
	code = created.code;
	facilitatorToken = await server.workshops.facilitatorToken(code, created.facilitatorKey);
	groups = new GroupService({ store: server.store, rooms: server.rooms, log: server.log });
});
afterEach(async () => {
	await server.close();
});

const facilitator = () => claimsOf(server, facilitatorToken);
const join = (name: string, groupId?: string, wait?: true) =>
	server.workshops.join(code, { name, organisation: 'Region Gotland', ...(groupId ? { groupId } : {}), ...(wait ? { wait } : {}) });
const workshop = () => server.rooms.read(workshopRoom(code), readWorkshop);
const notesOn = (groupId: string) => server.rooms.read(boardRoom(code, groupId), (doc) => readNotes(doc).map((n) => n.text));
const setCapacity = (capacity: number) => server.rooms.update(workshopRoom(code), (doc) => doc.getMap('meta').set('groupCapacity', capacity));

/** A stock client on a group board, writing one note as `person`. */
async function writeOn(groupId: string, person: { participantId: string; token: string }, text: string, name = 'Anna') {
	const client = connectClient(server, boardRoom(code, groupId), person.token);
	await client.synced;
	const figure = readFigures(client.doc)[0]!;
	addNote(client.doc, { x: figure.x + 20, y: figure.y + 100, text }, { id: person.participantId, name, organisation: 'Region Gotland' });
	return client;
}

describe('only the facilitator changes the groups', () => {
	it('refuses a participant token (403) for move, remove, add and rename, and changes nothing', async () => {
		const anna = await join('Anna', 'g1');
		const bo = await join('Bo', 'g1');
		const asAnna = claimsOf(server, anna.token);
		const before = await workshop();
		for (const call of [
			groups.move(code, asAnna, anna.participantId, { groupId: 'g2' }),
			groups.move(code, asAnna, bo.participantId, { groupId: 'g2' }),
			groups.remove(code, asAnna, bo.participantId),
			groups.addGroup(code, asAnna, { name: 'Egen grupp' }),
			groups.rename(code, asAnna, 'g1', { name: 'Annas grupp' })
		]) {
			expect(await refusal(call)).toMatchObject({ status: 403, message: 'Bara workshopledaren kan ändra grupperna.' });
		}
		expect(await workshop()).toEqual(before);
	});

	it('refuses a participant writing the move into the workshop doc itself (read-only socket)', async () => {
		const anna = await join('Anna', 'g1');
		const client = connectClient(server, workshopRoom(code), anna.token);
		await client.synced;
		(client.doc.getMap('participants').get(anna.participantId) as import('yjs').Map<unknown>).set('groupId', 'g2');
		// A reader's updates are dropped: a later server write arrives and hers never did.
		await groups.rename(code, facilitator(), 'g2', { name: 'Grupp Två' });
		await waitFor(() => readWorkshop(client.doc).groups.some((g) => g.name === 'Grupp Två'), { message: 'the rename at her client' });
		expect((await workshop()).participants.find((p) => p.id === anna.participantId)?.groupId).toBe('g1');
	});
});

describe('moving a participant', () => {
	it('closes their open socket on the old board (4403) and undoes nothing of others; the old board refuses them, the new one takes their notes', async () => {
		const anna = await join('Anna', 'g1');
		const old = rawClient(server, boardRoom(code, 'g1'), anna.token);
		await old.opened;
		await groups.move(code, facilitator(), anna.participantId, { groupId: 'g2' });
		expect((await old.closed).code).toBe(CLOSE_FORBIDDEN);

		// Reconnecting with the same token: the old board is closed to her, the new one writable.
		expect((await rawClient(server, boardRoom(code, 'g1'), anna.token).closed).code).toBe(CLOSE_FORBIDDEN);
		const client = await writeOn('g2', anna, 'Skrivet i nya gruppen');
		await waitFor(async () => (await notesOn('g2')).includes('Skrivet i nya gruppen'), { message: 'her note on g2' });
		client.destroy();
		expect(await notesOn('g1')).toEqual([]);
	});

	it('undoes what a moved person writes on the old board while the move is being saved, then closes that socket', async () => {
		// The close waits until the move is committed (write-policy.ts); a gate on the store holds that moment open.
		await server.close();
		let store!: GatedStore;
		server = await startServer({ limits: { unloadDelayMs: 60_000 }, store: (file) => (store = new GatedStore(file)) });
		const created = await server.workshops.create({ title: 'Lärlabb', template: 'larlabb', groups: 2 });
		code = created.code;
		facilitatorToken = await server.workshops.facilitatorToken(code, created.facilitatorKey);
		groups = new GroupService({ store: server.store, rooms: server.rooms, log: server.log });
		const anna = await join('Anna', 'g1');
		const client = connectClient(server, boardRoom(code, 'g1'), anna.token);
		await client.synced;
		const closed = new Promise<number>((resolve) => client.provider.ws!.addEventListener('close', (e) => resolve((e as CloseEvent).code)));

		store.gated = workshopRoom(code);
		const moving = groups.move(code, facilitator(), anna.participantId, { groupId: 'g2' });
		await waitFor(async () => (await workshop()).participants[0]?.groupId === 'g2', { message: 'the move in the live doc' });
		const figure = readFigures(client.doc)[0]!;
		addNote(client.doc, { x: figure.x + 20, y: figure.y + 100, text: 'Under flytten' }, { id: anna.participantId, name: 'Anna', organisation: 'Region Gotland' });
		await waitFor(() => lastLine(server.log, (l) => l.msg === 'reverted an update' && l.fields.room === boardRoom(code, 'g1')) !== undefined, {
			message: 'her update undone'
		});
		expect(await notesOn('g1')).toEqual([]);
		await waitFor(() => client.doc.getMap('notes').size === 0, { message: 'the undo back at her client' });

		store.release();
		await moving;
		expect(await closed).toBe(CLOSE_FORBIDDEN);
	});

	it('respects the target group\'s capacity with a clear Swedish message', async () => {
		await setCapacity(1);
		const anna = await join('Anna', 'g1');
		await join('Bo', 'g2');
		expect(await refusal(groups.move(code, facilitator(), anna.participantId, { groupId: 'g2' }))).toEqual({
			status: 409,
			message: 'Grupp 2 är full (1 person). Välj en annan grupp eller flytta någon därifrån först.'
		});
		expect(await refusalSaid(groups.move(code, facilitator(), anna.participantId, { groupId: 'g2' }))).toEqual({
			status: 409,
			code: 'error_group_full_move',
			params: { group: 'Grupp 2', capacity: 1 }
		});
		expect((await workshop()).participants.find((p) => p.id === anna.participantId)?.groupId).toBe('g1');
		expect(await refusal(groups.move(code, facilitator(), anna.participantId, { groupId: 'g9' }))).toMatchObject({ status: 404 });
		expect(await refusal(groups.move(code, facilitator(), 'pNobody', { groupId: 'g2' }))).toMatchObject({ status: 404 });
	});

	it('ends their leadership of the old group', async () => {
		const anna = await join('Anna', 'g1');
		await server.rooms.update(workshopRoom(code), (doc) => doc.getMap('leaders').set('g1', anna.participantId));
		await groups.move(code, facilitator(), anna.participantId, { groupId: 'g2' });
		expect((await workshop()).leaders).toEqual({});
	});

	it('takes their private drafts along: at reveal they land on the new group\'s board', async () => {
		await server.rooms.update(workshopRoom(code), (doc) => startIndividual(doc, { scope: WHOLE_BOARD, anonymous: false }));
		const anna = await join('Anna', 'g1');
		const drafts = connectClient(server, privateRoom(code, anna.participantId), anna.token);
		await drafts.synced;
		addDraft(drafts.doc, { figureTitle: 'Vad vill du veta om myndigheterna?', x: 20, y: 100, text: 'Hur beslut fattas' });
		await waitFor(async () => (await server.rooms.read(privateRoom(code, anna.participantId), (d) => readDrafts(d).length)) === 1, {
			message: 'her draft on the server'
		});
		await groups.move(code, facilitator(), anna.participantId, { groupId: 'g2' });
		await new RevealService({ store: server.store, rooms: server.rooms, log: server.log }).reveal(code, facilitator(), {});
		expect(await notesOn('g2')).toEqual(['Hur beslut fattas']);
		expect(await notesOn('g1')).toEqual([]);
	});
});

describe('removing a participant who left', () => {
	it('frees the seat, keeps their notes, and closes their sockets on every board', async () => {
		await setCapacity(1);
		const anna = await join('Anna', 'g1');
		const client = await writeOn('g1', anna, 'Min lapp');
		await waitFor(async () => (await notesOn('g1')).includes('Min lapp'), { message: 'her note' });
		const plenary = rawClient(server, boardRoom(code, 'plenary'), anna.token);
		await plenary.opened;
		const closedOnBoard = new Promise<number>((resolve) => client.provider.ws!.addEventListener('close', (e) => resolve((e as CloseEvent).code)));

		await groups.remove(code, facilitator(), anna.participantId);
		expect(await closedOnBoard).toBe(CLOSE_FORBIDDEN);
		expect((await plenary.closed).code).toBe(CLOSE_FORBIDDEN);
		expect((await rawClient(server, boardRoom(code, 'g1'), anna.token).closed).code).toBe(CLOSE_FORBIDDEN);
		expect(await notesOn('g1')).toEqual(['Min lapp']);
		// The seat is free: someone else can take it; Anna can join again as a new person.
		expect((await join('Cecilia', 'g1')).groupId).toBe('g1');
		expect((await join('Anna igen', 'g2')).groupId).toBe('g2');
		expect(await refusal(groups.remove(code, facilitator(), anna.participantId))).toMatchObject({ status: 404 });
	});
});

describe('adding and renaming groups', () => {
	it('adds a group whose board is laid out like the first group\'s, without its notes, that people can join', async () => {
		const anna = await join('Anna', 'g1');
		(await writeOn('g1', anna, 'Bara i grupp 1')).destroy();
		await waitFor(async () => (await notesOn('g1')).length === 1, { message: 'the note on g1' });

		expect(await groups.addGroup(code, facilitator(), {})).toEqual({ id: 'g3', name: 'Grupp 3' });
		expect(await groups.addGroup(code, facilitator(), { name: '  Sena  gänget ' })).toEqual({ id: 'g4', name: 'Sena gänget' });
		expect((await workshop()).groups.map((g) => g.name)).toEqual(['Grupp 1', 'Grupp 2', 'Grupp 3', 'Sena gänget']);
		const titles = (groupId: string) => server.rooms.read(boardRoom(code, groupId), (d) => readFigures(d).map((f) => f.title));
		expect(await titles('g4')).toEqual(await titles('g1'));
		expect(await notesOn('g4')).toEqual([]);

		const bo = await join('Bo', 'g4');
		(await writeOn('g4', bo, 'Ny grupp, ny lapp', 'Bo')).destroy();
		await waitFor(async () => (await notesOn('g4')).includes('Ny grupp, ny lapp'), { message: 'a note on the new board' });
		expect((await server.workshops.summary(code)).groups.map((g) => g.name)).toContain('Sena gänget');
		const md = await server.exports.file(code, facilitator(), { format: 'md' });
		expect(md.body).toContain('Ny grupp, ny lapp *(Sena gänget)*');
	});

	it('renames the group in the plenum at once: its summary mirror carries the new name', async () => {
		const plenary = new PlenaryService({ store: server.store, rooms: server.rooms, log: server.log, refreshMs: 10 });
		groups = new GroupService({ store: server.store, rooms: server.rooms, log: server.log, plenary });
		const anna = await join('Anna', 'g1');
		const client = connectClient(server, boardRoom(code, 'g1'), anna.token);
		await client.synced;
		const summary = readFigures(client.doc).find((f) => f.kind === 'summary')!;
		addNote(client.doc, { x: summary.x + 20, y: summary.y + 100, text: 'Ta med frågor' }, { id: anna.participantId, name: 'Anna', organisation: 'Region Gotland' });
		const mirrorTitle = () => server.rooms.read(boardRoom(code, 'plenary'), (d) => readFigures(d).find((f) => f.id === 'm:g1')?.title);
		await waitFor(async () => (await mirrorTitle()) === `Grupp 1: ${summary.title}`, { message: 'the mirror in the plenum' });

		await groups.rename(code, facilitator(), 'g1', { name: 'Norr' });
		expect(await mirrorTitle()).toBe(`Norr: ${summary.title}`);
		await plenary.close();
	});

	it("names an English workshop's groups and writes its plenary in English, whoever asks", async () => {
		const english = await server.workshops.create({ title: 'Learning lab', template: 'larlabb', groups: 2, language: 'en' });
		code = english.code;
		facilitatorToken = await server.workshops.facilitatorToken(code, english.facilitatorKey);
		const plenary = new PlenaryService({ store: server.store, rooms: server.rooms, log: server.log, refreshMs: 10 });
		expect(await groups.addGroup(code, facilitator(), {})).toEqual({ id: 'g3', name: 'Group 3' });
		expect((await workshop()).groups.map((g) => g.name)).toEqual(['Group 1', 'Group 2', 'Group 3']);

		// As a group's note in its summary figure, written on the server's copy of the board.
		let summary = { title: '' };
		let id = '';
		await server.rooms.update(boardRoom(code, 'g1'), (doc) => {
			const figure = readFigures(doc).find((f) => f.kind === 'summary')!;
			summary = figure;
			id = addNote(doc, { x: figure.x + 20, y: figure.y + 100, text: 'Bring questions' }, { id: 'p1', name: 'Anna', organisation: '' });
		});
		const plenaryBoard = () => server.rooms.read(boardRoom(code, 'plenary'), (d) => ({ title: readMeta(d).title, figures: readFigures(d).map((f) => f.title).sort() }));
		await waitFor(async () => (await plenaryBoard()).figures.includes(`Group 1: ${summary.title}`), { message: 'the mirror in the plenum' });
		await plenary.copy(code, facilitator(), { boardId: 'g1', noteId: id });
		// Group 3's new board may be mirrored too, by when the refresh ran: only the English words count here.
		expect(await plenaryBoard()).toEqual({ title: 'Plenary', figures: expect.arrayContaining(['From the groups', `Group 1: ${summary.title}`]) });
		await plenary.close();
	});

	it('renames a group through the names rule, and keeps names unique', async () => {
		expect(await groups.rename(code, facilitator(), 'g1', { name: ' Grupp\u200B Norr ' })).toEqual({ id: 'g1', name: 'Grupp Norr' });
		expect(await refusal(groups.rename(code, facilitator(), 'g2', { name: 'grupp norr' }))).toEqual({
			status: 409,
			message: 'Det finns redan en grupp som heter "grupp norr". Välj ett annat namn.'
		});
		expect(await refusal(groups.rename(code, facilitator(), 'g2', { name: '   ' }))).toMatchObject({ status: 400 });
		expect(await refusal(groups.addGroup(code, facilitator(), { name: 'GRUPP NORR' }))).toMatchObject({ status: 409 });
		expect(await refusal(groups.rename(code, facilitator(), 'g7', { name: 'Söder' }))).toMatchObject({ status: 404 });
		expect((await workshop()).groups.map((g) => g.name)).toEqual(['Grupp Norr', 'Grupp 2']);
	});
});

describe('a latecomer facing full groups', () => {
	it('is told every group is full, can register as waiting, and is placed by the facilitator', async () => {
		await setCapacity(1);
		await join('Anna', 'g1');
		await join('Bo', 'g2');
		expect(await refusal(join('Cecilia', 'g1'))).toEqual({
			status: 409,
			message: 'Alla grupper är fulla. Anmäl dig som väntande, så placerar workshopledaren dig i en grupp.'
		});
		const cecilia = await join('Cecilia', undefined, true);
		expect(cecilia.groupId).toBe('');
		expect((await rawClient(server, boardRoom(code, 'g1'), cecilia.token).closed).code).toBe(CLOSE_FORBIDDEN);

		// Her own drafts are hers even while she waits; a reveal leaves them (there is no board for them) and goes on.
		await server.rooms.update(workshopRoom(code), (doc) => startIndividual(doc, { scope: WHOLE_BOARD, anonymous: false }));
		const drafts = connectClient(server, privateRoom(code, cecilia.participantId), cecilia.token);
		await drafts.synced;
		addDraft(drafts.doc, { figureTitle: 'Vad vill du veta om myndigheterna?', x: 20, y: 100, text: 'Skrivet i väntan' });
		await waitFor(async () => (await server.rooms.read(privateRoom(code, cecilia.participantId), (d) => readDrafts(d).length)) === 1, {
			message: 'her draft on the server'
		});
		const reveal = new RevealService({ store: server.store, rooms: server.rooms, log: server.log });
		expect(await reveal.reveal(code, facilitator(), { figureTitle: 'Vad vill du veta om myndigheterna?' })).toEqual({ moved: 0, ended: false });
		expect(await server.rooms.read(privateRoom(code, cecilia.participantId), (d) => readDrafts(d).length)).toBe(1);

		await groups.addGroup(code, facilitator(), {});
		// With a seat free somewhere, waiting is not an answer.
		expect(await refusal(join('David', undefined, true))).toMatchObject({ status: 409, message: expect.stringContaining('Grupp 3') });
		await groups.move(code, facilitator(), cecilia.participantId, { groupId: 'g3' });
		(await writeOn('g3', cecilia, 'Äntligen en grupp', 'Cecilia')).destroy();
		await waitFor(async () => (await notesOn('g3')).includes('Äntligen en grupp'), { message: 'her note on g3' });
	});
});
