/**
 * The admission step's placements: where each struct and delete of an update lands, resolved the
 * way Yjs will resolve it, including what Yjs does not put on the wire (the key of an overwrite,
 * the parent of an item with an origin).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, boardMaps, deleteNote, moveNote, setNoteText } from '../../src/lib/board';
import { admitUpdate, type Analysis } from '../../server/sync/admission';

const author = { id: 'p1', name: 'Anna', organisation: 'Region Test' };

/** The server's doc and a client that shares it, and what the client's next change sends. */
function pair() {
	const server = new Y.Doc();
	const id = addNote(server, { x: 0, y: 0, text: 'hej' }, author);
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const next = (change: (doc: Y.Doc) => void): Analysis => {
		const before = Y.encodeStateVector(client);
		change(client);
		const admission = admitUpdate(server, Y.encodeStateAsUpdate(client, before));
		if (!admission.ok) throw new Error(admission.reason);
		return admission.analysis;
	};
	return { server, client, id, next };
}

const places = (list: Analysis['structs']) => list.map(({ at }) => [at.root, ...at.path].join('/'));

describe('placements', () => {
	it('a new note lands under notes, its keys under it, its characters in its text', () => {
		const { next } = pair();
		let id = '';
		const analysis = next((doc) => (id = addNote(doc, { x: 1, y: 2, text: 'ny' }, author)));
		expect(places(analysis.structs)).toEqual(
			expect.arrayContaining([`notes/${id}`, `notes/${id}/x`, `notes/${id}/text`, `notes/${id}/text/`])
		);
		expect(analysis.addsContent).toBe(true);
	});

	it('an overwrite of an existing key is placed under that key, though the wire does not name it', () => {
		const { next, id } = pair();
		const analysis = next((doc) => moveNote(doc, id, 50, 60));
		expect(analysis.structs.every((s) => s.item.parentSub === null)).toBe(true);
		expect(places(analysis.structs).sort()).toEqual([`notes/${id}/x`, `notes/${id}/y`]);
		expect(places(analysis.removals).sort()).toEqual([`notes/${id}/x`, `notes/${id}/y`]);
	});

	it('typing in the middle of a text is placed in that text', () => {
		const { next, id } = pair();
		const analysis = next((doc) => setNoteText(doc, id, 'hallå där'));
		expect(new Set(places(analysis.structs))).toEqual(new Set([`notes/${id}/text/`]));
	});

	it('deleting a note removes the note and everything in it, and adds nothing', () => {
		const { next, id } = pair();
		const analysis = next((doc) => deleteNote(doc, id));
		expect(analysis.addsContent).toBe(false);
		expect(places(analysis.removals)).toContain(`notes/${id}`);
	});

	it('an empty step 2 adds nothing', () => {
		const { server } = pair();
		const admission = admitUpdate(server, Y.encodeStateAsUpdate(new Y.Doc()));
		expect(admission.ok && admission.analysis.addsContent).toBe(false);
	});
});

describe('refusals', () => {
	it('a struct whose origin the room lacks', () => {
		const { server, client, id } = pair();
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(client));
		setNoteText(other, id, 'hej då'); // the server never gets this one
		const before = Y.encodeStateVector(other);
		setNoteText(other, id, 'hej då igen');
		const admission = admitUpdate(server, Y.encodeStateAsUpdate(other, before));
		// Incomplete, not malformed: the caller asks the client to reconnect and send its whole diff.
		expect(admission).toMatchObject({ ok: false, incomplete: true, reason: expect.stringMatching(/clock gap|lacks/) });
		expect(boardMaps(server).notes.size).toBe(1);
	});
});
