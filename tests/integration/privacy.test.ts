/**
 * Privacy between groups (issue 3 §1): "Det som sägs i gruppen stannar där". Another group's board
 * is closed with 4403 by default; with the workshop's boards open (meta.openBoards) it can be read,
 * never written; closing them again disconnects those readers with 4403 on their open socket.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addNote, boardRoom, readNotes, readWorkshop, setOpenBoards, workshopRoom } from '../../src/lib/board';
import { CLOSE_FORBIDDEN } from '../../server/sync/close-codes';
import { connectClient, createWorkshop, rawClient, startServer, waitFor, type Client, type TestServer, type TestWorkshop } from './helpers';

let server: TestServer;
let w: TestWorkshop;
let control: Client;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	control = connectClient(server, workshopRoom(w.code), w.facilitatorToken);
	await control.synced;
});
afterEach(async () => {
	await server.close();
});

/** Opens or closes the boards from the control room and waits until the server holds it. */
async function openBoards(open: boolean): Promise<void> {
	setOpenBoards(control.doc, open);
	await waitFor(() => server.rooms.read(w.code, (doc) => readWorkshop(doc).openBoards === open), {
		message: `openBoards = ${open} on the server`
	});
}

/** The close code of a stock client, once the server closed it. */
function closeCode(client: Client): Promise<number> {
	return new Promise((resolve) => client.provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)));
}

const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text).sort();

describe('groups are private by default', () => {
	it("closes a participant on another group's board with 4403", async () => {
		const { token } = await w.participant('g1', 'Anna');
		const raw = rawClient(server, boardRoom(w.code, 'g2'), token);
		expect((await raw.closed).code).toBe(CLOSE_FORBIDDEN);
	});
});

describe('open boards', () => {
	it("let a participant read another group's board, and drop their writes there", async () => {
		const bo = await w.participant('g2', 'Bo');
		const g2 = connectClient(server, boardRoom(w.code, 'g2'), bo.token);
		await g2.synced;
		addNote(g2.doc, { x: 40, y: 100, text: 'grupp 2 tänker' }, bo.author);
		await openBoards(true);

		const anna = await w.participant('g1', 'Anna');
		const visitor = connectClient(server, boardRoom(w.code, 'g2'), anna.token);
		await waitFor(() => texts(visitor.doc).includes('grupp 2 tänker'), { message: "group 2's note at the visitor" });
		addNote(visitor.doc, { x: 300, y: 100, text: 'besökaren skriver' }, anna.author);
		// Something written after the visitor's note reaches the visitor: the server has had its say.
		addNote(g2.doc, { x: 40, y: 300, text: 'grupp 2 igen' }, bo.author);
		await waitFor(() => texts(visitor.doc).includes('grupp 2 igen'), { message: "group 2's second note at the visitor" });
		expect(texts(g2.doc)).toEqual(['grupp 2 igen', 'grupp 2 tänker']);
		expect(await server.rooms.read(boardRoom(w.code, 'g2'), texts)).toEqual(['grupp 2 igen', 'grupp 2 tänker']);
	});

	it('keep the own board writable for a participant who also reads another', async () => {
		await openBoards(true);
		const { token, author } = await w.participant('g1', 'Anna');
		const visiting = connectClient(server, boardRoom(w.code, 'g2'), token);
		const own = connectClient(server, boardRoom(w.code, 'g1'), token);
		const facilitator = connectClient(server, boardRoom(w.code, 'g1'), w.facilitatorToken);
		await Promise.all([visiting.synced, own.synced, facilitator.synced]);
		addNote(own.doc, { x: 0, y: 0, text: 'egen tavla' }, author);
		await waitFor(() => texts(facilitator.doc).includes('egen tavla'), { message: 'the own-board note at the facilitator' });
	});

	it('when closed again, disconnect readers of other groups with 4403 and keep everyone else', async () => {
		await openBoards(true);
		const { token, author } = await w.participant('g1', 'Anna');
		const bo = await w.participant('g2', 'Bo');
		const visitor = connectClient(server, boardRoom(w.code, 'g2'), token);
		const member = connectClient(server, boardRoom(w.code, 'g2'), bo.token);
		const own = connectClient(server, boardRoom(w.code, 'g1'), token);
		const plenary = connectClient(server, boardRoom(w.code, 'plenary'), token);
		await Promise.all([visitor.synced, member.synced, own.synced, plenary.synced]);
		const visitorClosed = closeCode(visitor);

		await openBoards(false);
		expect(await visitorClosed).toBe(CLOSE_FORBIDDEN);
		addNote(member.doc, { x: 0, y: 0, text: 'efter stängningen' }, bo.author);
		addNote(own.doc, { x: 0, y: 0, text: 'egen tavla' }, author);
		await waitFor(
			async () =>
				(await server.rooms.read(boardRoom(w.code, 'g2'), texts)).includes('efter stängningen') &&
				(await server.rooms.read(boardRoom(w.code, 'g1'), texts)).includes('egen tavla'),
			{ message: 'the members still write' }
		);
		for (const client of [member, own, plenary]) expect(client.provider.wsconnected).toBe(true);
		// The control room, the member, the own board and plenary: the visitor did not reconnect.
		expect(server.rooms.stats().connections).toBe(4);
		// A new attempt is refused at the door.
		const again = rawClient(server, boardRoom(w.code, 'g2'), token);
		expect((await again.closed).code).toBe(CLOSE_FORBIDDEN);
	});
});
