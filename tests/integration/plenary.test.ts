/**
 * The live plenary through real rooms and stock y-websocket clients: groups write in their summary
 * figures, the server mirrors them into `<code>/board/plenary` with no facilitator connected, and
 * a participant reads the result (and cannot write it). The copy service is PlenaryService.copy,
 * which the HTTP endpoint wraps with requireToken.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
	addFigure,
	addNote,
	boardRoom,
	copiesTitle,
	deleteNote,
	moveNote,
	readFigures,
	readNotes,
	setNoteText
} from '../../src/lib/board';
import { PlenaryService } from '../../server/workshops/plenary';
import { claimsOf, connectClient, createWorkshop, refusal, startServer, type TestServer, type TestWorkshop, waitFor } from './helpers';

let server: TestServer;
let w: TestWorkshop;
let plenary: PlenaryService;

const TITLE = 'Att tänka på inför Lärlabb';
const author = (name: string) => ({ id: `a-${name}`, name, organisation: 'Region Test' });

beforeEach(async () => {
	server = await startServer();
	plenary = new PlenaryService({ store: server.store, rooms: server.rooms, log: server.log });
	w = await createWorkshop(server, 2);
	// The blank template has no summary figure: give each group one, as the Lärlabb template does.
	for (const g of ['g1', 'g2']) {
		await server.rooms.update(boardRoom(w.code, g), (doc) =>
			addFigure(doc, { kind: 'summary', title: TITLE, x: 0, y: 700, w: 1000, h: 440 })
		);
	}
});
afterEach(async () => {
	await plenary.close();
	await server.close();
});

/** A group member's board client with the id of its summary figure. */
async function groupClient(groupId: string, name: string) {
	const member = await w.participant(groupId, name);
	const client = connectClient(server, boardRoom(w.code, groupId), member.token);
	await client.synced;
	const summary = readFigures(client.doc).find((f) => f.kind === 'summary')!.id;
	return { doc: client.doc, summary, author: member.author };
}

/** Texts per mirror figure title, as a reader of the plenary sees them. */
function byFigure(doc: Y.Doc): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const f of readFigures(doc)) out[f.title] = readNotes(doc).filter((n) => n.figureId === f.id).map((n) => n.text).sort();
	return out;
}

describe('the live plenary summary', () => {
	it('mirrors both groups, grouped by group, and follows edits, deletes and moves, with no facilitator online', async () => {
		const one = await groupClient('g1', 'Anna');
		const two = await groupClient('g2', 'Bo');
		const reader = connectClient(server, boardRoom(w.code, 'plenary'), (await w.participant('g2', 'Läsare')).token);
		await reader.synced;

		const a = addNote(one.doc, { x: 20, y: 800, text: 'Tid att reflektera', figureId: one.summary }, one.author);
		const b = addNote(one.doc, { x: 220, y: 800, text: 'Fika', figureId: one.summary }, one.author);
		addNote(one.doc, { x: 20, y: 20, text: 'Bara i gruppen', figureId: null }, one.author);
		addNote(two.doc, { x: 20, y: 800, text: 'Bjud in skolledare', color: 'blue', figureId: two.summary }, two.author);
		await waitFor(
			() =>
				JSON.stringify(byFigure(reader.doc)) ===
				JSON.stringify({ [`Grupp 1: ${TITLE}`]: ['Fika', 'Tid att reflektera'], [`Grupp 2: ${TITLE}`]: ['Bjud in skolledare'] }),
			{ message: 'both groups in the plenary' }
		);
		expect(readNotes(reader.doc).find((n) => n.text === 'Bjud in skolledare')).toMatchObject({
			color: 'blue',
			authorName: 'Bo',
			organisation: 'Region Test'
		});

		setNoteText(one.doc, a, 'Tid att reflektera tillsammans');
		deleteNote(two.doc, readNotes(two.doc)[0]!.id);
		moveNote(one.doc, b, 2000, 2000); // out of the summary figure
		await waitFor(
			() =>
				JSON.stringify(byFigure(reader.doc)) ===
				JSON.stringify({ [`Grupp 1: ${TITLE}`]: ['Tid att reflektera tillsammans'], [`Grupp 2: ${TITLE}`]: [] }),
			{ message: 'the edit, the delete and the move in the plenary' }
		);
	});

	it("drops a participant's write to the plenary board", async () => {
		const one = await groupClient('g1', 'Anna');
		addNote(one.doc, { x: 20, y: 800, text: 'Speglad', figureId: one.summary }, one.author);
		const reader = connectClient(server, boardRoom(w.code, 'plenary'), (await w.participant('g1', 'Klottrare')).token);
		await reader.synced;
		await waitFor(() => readNotes(reader.doc).length === 1, { message: 'the mirrored note' });

		addNote(reader.doc, { x: 0, y: 0, text: 'Mitt eget' }, author('Klottrare'));
		// The mirror writes again after this edit; the stored plenary never holds the reader's note.
		setNoteText(one.doc, readNotes(one.doc)[0]!.id, 'Speglad igen');
		await waitFor(
			() => server.rooms.read(boardRoom(w.code, 'plenary'), (doc) => readNotes(doc).some((n) => n.text === 'Speglad igen')),
			{ message: 'the next mirror write' }
		);
		const texts = await server.rooms.read(boardRoom(w.code, 'plenary'), (doc) => readNotes(doc).map((n) => n.text));
		expect(texts).toEqual(['Speglad igen']);
	});

	it('copies a note into "Från grupperna", where it outlives its source; only the facilitator may copy', async () => {
		const one = await groupClient('g1', 'Anna');
		const id = addNote(one.doc, { x: 20, y: 20, text: 'Värd att lyfta', figureId: null }, one.author);
		await waitFor(
			() => server.rooms.read(boardRoom(w.code, 'g1'), (doc) => readNotes(doc).some((n) => n.id === id)),
			{ message: 'the note on the server' }
		);
		const participant = claimsOf(server, (await w.participant('g1')).token);
		expect(await refusal(plenary.copy(w.code, participant, { boardId: 'g1', noteId: id }))).toMatchObject({ status: 403 });
		const facilitator = claimsOf(server, w.facilitatorToken);
		expect(await refusal(plenary.copy(w.code, facilitator, { boardId: 'g1', noteId: 'nope' }))).toMatchObject({ status: 404 });

		await plenary.copy(w.code, facilitator, { boardId: 'g1', noteId: id });
		deleteNote(one.doc, id);
		const reader = connectClient(server, boardRoom(w.code, 'plenary'), (await w.participant('g2')).token);
		await reader.synced;
		await waitFor(() => server.rooms.read(boardRoom(w.code, 'g1'), (doc) => readNotes(doc).length === 0), { message: 'the delete' });
		// Let a mirror refresh for g1 run after the delete: the copy must still be there.
		addNote(one.doc, { x: 20, y: 800, text: 'Ny i sammanfattningen', figureId: one.summary }, one.author);
		await waitFor(() => readNotes(reader.doc).some((n) => n.text === 'Ny i sammanfattningen'), { message: 'a later mirror' });
		expect(byFigure(reader.doc)[copiesTitle('sv')]).toEqual(['Värd att lyfta']);
	});
});
