/**
 * Locks (issue 3 §6), enforced by the server against stock y-websocket clients: a locked board or
 * figure undoes a participant's writes for everyone, the sender included, while the facilitator
 * still writes; a lock and an unlock take effect on open sockets without a reconnect.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
	addFigure,
	addNote,
	boardRoom,
	deleteNote,
	isBoardLocked,
	lockedFigures,
	lockKey,
	moveNote,
	readFigures,
	readNotes,
	setLock,
	setNoteText,
	updateFigure,
	workshopRoom,
	type Author
} from '../../src/lib/board';
import { connectClient, createWorkshop, everShown, startServer, waitFor, type Client, type TestServer, type TestWorkshop } from './helpers';

/** The facilitator may write notes in anyone's name (e.g. from a paper note). */
const onBehalf = { id: 'pAnna', name: 'Anna', organisation: 'Region Test' };
/** Anna, as joined in the current test: notes must carry their writer's own author fields. */
let anna: Author;
let server: TestServer;
let w: TestWorkshop;
let control: Client;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	// The facilitator's control room: locks are written to the workshop doc, as the UI does.
	control = connectClient(server, workshopRoom(w.code), w.facilitatorToken);
	await control.synced;
});
afterEach(async () => {
	await server.close();
});

/** Sets a lock from the control room and waits until the server holds it. */
async function lock(key: string, locked: boolean): Promise<void> {
	setLock(control.doc, key, locked);
	const [groupId, figureId] = key.split('/') as [string, string | undefined];
	await waitFor(
		() =>
			server.rooms.read(w.code, (doc) =>
				figureId ? lockedFigures(doc, groupId).has(figureId) === locked : isBoardLocked(doc, groupId) === locked
			),
		{ message: `lock ${key} = ${locked} on the server` }
	);
}

async function joinAnna(): Promise<string> {
	const joined = await w.participant('g1', 'Anna');
	anna = joined.author;
	return joined.token;
}

async function connect(boardId: string, token: string): Promise<Client> {
	const client = connectClient(server, boardRoom(w.code, boardId), token);
	await client.synced;
	return client;
}

const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text).sort();
const hasText = (doc: Y.Doc, text: string) => readNotes(doc).some((n) => n.text === text);
const serverTexts = (boardId: string) => server.rooms.read(boardRoom(w.code, boardId), texts);

describe('a locked board', () => {
	it("drops a participant's writes for everyone, also after a reload, while the facilitator writes", async () => {
		const writer = await connect('g1', await joinAnna());
		const other = await connect('g1', (await w.participant('g1', 'Bo')).token);
		const facilitator = await connect('g1', w.facilitatorToken);
		const shownToOther = everShown(other.doc);
		await lock(lockKey('g1'), true);

		addNote(writer.doc, { x: 40, y: 100, text: 'skrivet under låset' }, anna);
		// The sender converges too: the server undoes the note at the sender.
		await waitFor(() => !hasText(writer.doc, 'skrivet under låset'), { message: 'the note undone at the sender' });
		addNote(facilitator.doc, { x: 300, y: 100, text: 'från ledaren' }, onBehalf);
		await waitFor(() => hasText(other.doc, 'från ledaren') && hasText(writer.doc, 'från ledaren'), {
			message: "the facilitator's note at both participants"
		});
		expect(shownToOther.has('skrivet under låset')).toBe(false);
		expect(texts(writer.doc)).toEqual(['från ledaren']);

		for (const client of [writer, other, facilitator, control]) client.destroy();
		await waitFor(() => server.rooms.stats().rooms === 0, { message: 'rooms unloaded' });
		const fresh = await connect('g1', w.facilitatorToken);
		expect(texts(fresh.doc)).toEqual(['från ledaren']);
	});

	it('lets writes through again when unlocked, on the same socket', async () => {
		const writer = await connect('g1', await joinAnna());
		const other = await connect('g1', (await w.participant('g1', 'Bo')).token);
		const socket = writer.provider.ws;
		await lock(lockKey('g1'), true);
		addNote(writer.doc, { x: 0, y: 0, text: 'låst' }, anna);
		await waitFor(() => !hasText(writer.doc, 'låst'), { message: 'the locked write undone at the sender' });

		await lock(lockKey('g1'), false);
		const id = addNote(writer.doc, { x: 0, y: 0, text: 'upplåst' }, anna);
		setNoteText(writer.doc, id, 'upplåst och ändrad');
		await waitFor(() => hasText(other.doc, 'upplåst och ändrad'), { message: 'the write after unlocking at the other client' });
		expect(writer.provider.ws).toBe(socket);
		expect(await serverTexts('g1')).toEqual(['upplåst och ändrad']);
	});

	it("lock 'all' covers every group's board", async () => {
		const inG1 = await connect('g1', await joinAnna());
		const inG2 = await connect('g2', (await w.participant('g2', 'Bo')).token);
		const facilitator = await connect('g2', w.facilitatorToken);
		await lock(lockKey(), true);

		addNote(inG1.doc, { x: 0, y: 0, text: 'grupp 1' }, anna);
		addNote(inG2.doc, { x: 0, y: 0, text: 'grupp 2' }, anna);
		await waitFor(() => !hasText(inG1.doc, 'grupp 1') && !hasText(inG2.doc, 'grupp 2'), { message: 'both writes undone' });
		addNote(facilitator.doc, { x: 0, y: 0, text: 'ledaren i grupp 2' }, onBehalf);
		await waitFor(() => hasText(inG2.doc, 'ledaren i grupp 2'), { message: "the facilitator's note in group 2" });
		expect(await serverTexts('g1')).toEqual([]);
		expect(await serverTexts('g2')).toEqual(['ledaren i grupp 2']);
	});
});

describe('a locked figure', () => {
	it("undoes a participant's edit, move, delete and add in it, lets other figures' notes change, and every client converges", async () => {
		const facilitator = await connect('g1', w.facilitatorToken);
		const locked = readFigures(facilitator.doc)[0]!.id; // the template's figure at (0, 0), 800 × 560
		const open = addFigure(facilitator.doc, { kind: 'question', title: 'Öppen', x: 1000, y: 0, w: 800, h: 560 });
		const inLocked = addNote(facilitator.doc, { x: 40, y: 100, text: 'i låst figur' }, onBehalf);
		const inOpen = addNote(facilitator.doc, { x: 1040, y: 100, text: 'i öppen figur' }, onBehalf);
		const writer = await connect('g1', await joinAnna());
		const other = await connect('g1', (await w.participant('g1', 'Bo')).token);
		await waitFor(() => readNotes(writer.doc).length === 2 && readNotes(other.doc).length === 2, { message: 'the board at both' });
		const before = readNotes(facilitator.doc).find((n) => n.id === inLocked)!;
		const shownToOther = everShown(other.doc);
		await lock(lockKey('g1', locked), true);

		setNoteText(writer.doc, inLocked, 'ändrad i låst figur');
		moveNote(writer.doc, inLocked, 1100, 300); // out of the locked figure
		deleteNote(writer.doc, inLocked);
		addNote(writer.doc, { x: 300, y: 300, text: 'ny i låst figur' }, anna);
		moveNote(writer.doc, inOpen, 300, 100); // into the locked figure
		updateFigure(writer.doc, locked, { title: 'Kapad rubrik' });
		setNoteText(writer.doc, inOpen, 'ändrad i öppen figur'); // the open figure: goes through
		await waitFor(() => hasText(other.doc, 'ändrad i öppen figur'), { message: 'the open edit at the other client' });

		const view = (doc: Y.Doc) => JSON.stringify({ notes: readNotes(doc), figures: readFigures(doc) });
		await waitFor(() => view(writer.doc) === view(facilitator.doc) && view(other.doc) === view(facilitator.doc), {
			message: 'all three clients converged'
		});
		// Both notes were made in the same millisecond, so their order is by random id: compare as a set.
		expect(readNotes(writer.doc)).toHaveLength(2);
		expect(readNotes(writer.doc)).toEqual(
			expect.arrayContaining([
				before,
				expect.objectContaining({ id: inOpen, text: 'ändrad i öppen figur', figureId: open, x: 1040, y: 100 })
			])
		);
		expect(readFigures(writer.doc).find((f) => f.id === locked)?.title).toBe('Vad vill ni diskutera?');
		for (const refused of ['ändrad i låst figur', 'ny i låst figur']) expect(shownToOther.has(refused)).toBe(false);
		expect(await server.rooms.read(boardRoom(w.code, 'g1'), view)).toBe(view(facilitator.doc));
	});

	it('lets the facilitator edit a locked figure, and participants again once it is unlocked', async () => {
		const facilitator = await connect('g1', w.facilitatorToken);
		const figure = readFigures(facilitator.doc)[0]!.id;
		const note = addNote(facilitator.doc, { x: 40, y: 100, text: 'start' }, onBehalf);
		const writer = await connect('g1', await joinAnna());
		await waitFor(() => hasText(writer.doc, 'start'), { message: 'the note at the participant' });
		await lock(lockKey('g1', figure), true);

		setNoteText(facilitator.doc, note, 'ledaren ändrar');
		await waitFor(() => hasText(writer.doc, 'ledaren ändrar'), { message: "the facilitator's edit at the participant" });
		await lock(lockKey('g1', figure), false);
		setNoteText(writer.doc, note, 'deltagaren ändrar');
		await waitFor(() => hasText(facilitator.doc, 'deltagaren ändrar'), { message: "the participant's edit after unlocking" });
	});
});
