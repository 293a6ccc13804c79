/**
 * What a participant's stock client may write on its group board (server/sync/board-admission.ts):
 * its own notes, within the schema. Each attack below is a stock y-websocket client doing what the
 * UI never would; the server undoes it (apply and undo, so the socket and the client's clock
 * sequence stay good), no other client ever shows it, and the workshop still exports and imports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, boardMaps, boardRoom, readFigures, readNotes, setNoteText, type Author } from '../../src/lib/board';
import { NOTE_TEXT_MAX } from '../../src/lib/board/limits';
import { claimsOf, connectClient, createWorkshop, startServer, waitFor, type Client, type TestServer, type TestWorkshop } from './helpers';

let server: TestServer;
let w: TestWorkshop;
let cheat: Client & { author: Author };
let witness: Client;
let noteId: string;
/** A second note of the cheat's, for the honest edit after each attack. */
let honestId: string;
/** Everything the witness has ever shown, serialised per transaction: proves a change never appeared. */
const shown: string[] = [];

/** The doc as stored, every key included (the read* functions would hide unknown keys and values). */
const view = (doc: Y.Doc) => {
	const { meta, figures, notes } = boardMaps(doc);
	return JSON.stringify({ meta: meta.toJSON(), figures: figures.toJSON(), notes: notes.toJSON(), evil: doc.getMap('evil').toJSON() });
};

beforeAll(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	const room = boardRoom(w.code, 'g1');
	const mallory = await w.participant('g1', 'Mallory');
	cheat = Object.assign(connectClient(server, room, mallory.token), { author: mallory.author });
	witness = connectClient(server, room, w.facilitatorToken);
	await Promise.all([cheat.synced, witness.synced]);
	noteId = addNote(cheat.doc, { x: 40, y: 120, text: 'min egen lapp' }, cheat.author);
	honestId = addNote(cheat.doc, { x: 240, y: 120, text: 'hederlig 0' }, cheat.author);
	await waitFor(() => readNotes(witness.doc).length === 2, { message: 'the honest notes at the witness' });
	witness.doc.on('afterTransaction', () => shown.push(view(witness.doc)));
});
afterAll(() => server.close());

let round = 0;
/**
 * Runs the attack on the cheat's doc, then an honest edit; once the witness has the honest edit,
 * the server has judged the attack. Both clients must then show the board as the server has it,
 * and the witness must never have shown anything else.
 */
async function refused(attack: (doc: Y.Doc) => void): Promise<void> {
	const before = view(witness.doc);
	shown.length = 0;
	attack(cheat.doc);
	round += 1;
	const honest = `hederlig ${round}`;
	setNoteText(cheat.doc, honestId, honest);
	await waitFor(() => readNotes(witness.doc).some((n) => n.text === honest), { message: `"${honest}" at the witness` });
	await waitFor(() => view(cheat.doc) === view(witness.doc), { message: 'the cheat converged to the server' });
	const expected = before.replace(/"text":"hederlig \d+"/, `"text":"${honest}"`);
	expect(view(witness.doc)).toBe(expected);
	expect(shown.every((s) => s === before || s === expected)).toBe(true);
	expect(cheat.provider.wsconnected).toBe(true);
}

const figures = (doc: Y.Doc) => boardMaps(doc).figures;
const firstFigure = (doc: Y.Doc) => figures(doc).get(readFigures(doc)[0]!.id)!;
const note = (doc: Y.Doc) => boardMaps(doc).notes.get(noteId)!;

describe('a participant may not change the board itself', () => {
	it('deletes no figure', () => refused((doc) => figures(doc).delete(readFigures(doc)[0]!.id)));
	it('renames no figure', () => refused((doc) => firstFigure(doc).set('title', 'Kapad rubrik')));
	it('adds no figure', () => refused((doc) => figures(doc).set('f-ny', new Y.Map())));
	it('rewrites no heading of a columns figure', () => refused((doc) => firstFigure(doc).set('columns', ['a', 'b'])));
	it('changes no board title or instructions', () =>
		refused((doc) => {
			boardMaps(doc).meta.set('title', 'Ny titel');
			(boardMaps(doc).meta.get('instructions') as Y.Text).insert(0, 'Kapat! ');
		}));
	it('sets no schemaVersion', () => refused((doc) => boardMaps(doc).meta.set('schemaVersion', 999)));
	it('writes no other top-level type', () => refused((doc) => doc.getMap('evil').set('x', 1)));
});

describe("a participant's notes stay within the schema", () => {
	it('no NaN or 1e308 geometry', () =>
		refused((doc) => {
			note(doc).set('x', Number.NaN);
			note(doc).set('y', 1e308);
		}));
	it('no number where the text belongs', () => refused((doc) => note(doc).set('text', 42)));
	it('no text longer than the note cap, typed or pasted', async () => {
		await refused((doc) => (note(doc).get('text') as Y.Text).insert(0, 'x'.repeat(200_000)));
		await refused((doc) => (note(doc).get('text') as Y.Text).insert(0, 'y'.repeat(NOTE_TEXT_MAX)));
	});
	it('no unknown colour or key', () =>
		refused((doc) => {
			note(doc).set('color', 'url(javascript:alert(1))');
			note(doc).set('onclick', 'alert(1)');
		}));
	it('no note in another person\'s name', () =>
		refused((doc) => addNote(doc, { x: 0, y: 0, text: 'i någon annans namn' }, { id: 'p-annan', name: 'Ellen', organisation: 'Myndigheten' })));
	it('no change of the author of an existing note', () => refused((doc) => note(doc).set('authorName', 'Ellen')));
	it('no vote results, also not by overwriting a count the server wrote', async () => {
		// Yjs does not encode the key of an overwrite: the server finds it through the origin.
		await server.rooms.update(boardRoom(w.code, 'g1'), (doc) => boardMaps(doc).notes.get(noteId)!.set('votes', 3));
		const votes = (doc: Y.Doc) => readNotes(doc).find((n) => n.id === noteId)?.votes;
		await waitFor(() => votes(cheat.doc) === 3 && votes(witness.doc) === 3, { message: 'the count at both' });
		await refused((doc) => {
			note(doc).set('votes', 99);
			note(doc).set('top', true);
		});
		await refused((doc) => note(doc).delete('votes'));
		expect(votes(witness.doc)).toBe(3);
	});
});

describe('what a participant may do', () => {
	it('adds, edits, moves, recolours and deletes their notes', async () => {
		const id = addNote(cheat.doc, { x: 300, y: 300, text: 'ny' }, cheat.author);
		setNoteText(cheat.doc, id, 'ny och ändrad');
		boardMaps(cheat.doc).notes.get(id)!.set('color', 'blue');
		await waitFor(() => readNotes(witness.doc).some((n) => n.text === 'ny och ändrad' && n.color === 'blue'), { message: 'the edits' });
		boardMaps(cheat.doc).notes.delete(id);
		await waitFor(() => !readNotes(witness.doc).some((n) => n.id === id), { message: 'the delete' });
	});

	it('leaves a workshop that still exports and imports', async () => {
		const facilitator = claimsOf(server, w.facilitatorToken);
		const file = await server.exports.file(w.code, facilitator, { format: 'json' });
		const imported = await server.workshops.importFile(JSON.parse(String(file.body)));
		const copy = connectClient(server, boardRoom(imported.code, 'g1'), await server.workshops.facilitatorToken(imported.code, imported.facilitatorKey));
		await copy.synced;
		expect(readNotes(copy.doc).map((n) => n.text)).toEqual(readNotes(witness.doc).map((n) => n.text));
		expect(readFigures(copy.doc).map((f) => f.title)).toEqual(readFigures(witness.doc).map((f) => f.title));
	});
});
