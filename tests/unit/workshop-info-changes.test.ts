/**
 * The workshop page re-reads groups and people only when a transaction changed them: a chat
 * message, a timer or a progress mark in a workshop of a hundred people must not rebuild the list
 * of every person on every phone.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addGroup,
	addParticipant,
	changesWorkshopInfo,
	moveParticipant,
	appendChat,
	renameGroup,
	setLeader,
	setOpenBoards,
	startTimer,
	writePersonProgress
} from '../../src/lib/board';

function workshop() {
	const doc = new Y.Doc();
	addGroup(doc, 'g1', 'Grupp 1', 0);
	addGroup(doc, 'g2', 'Grupp 2', 1);
	addParticipant(doc, { id: 'p1', name: 'Anna', organisation: 'Region Test', groupId: 'g1', joinedAt: 1 });
	const seen: boolean[] = [];
	doc.on('afterTransaction', (tr: Y.Transaction) => seen.push(changesWorkshopInfo(tr)));
	return { doc, seen };
}

describe('changesWorkshopInfo', () => {
	it('is true for a change to the groups, the people, the leaders or the settings', () => {
		const { doc, seen } = workshop();
		addParticipant(doc, { id: 'p2', name: 'Bo', organisation: 'Region Test', groupId: 'g2', joinedAt: 2 });
		moveParticipant(doc, 'p2', 'g1'); // a field of one person's map: a deep change
		renameGroup(doc, 'g2', 'Vattnet');
		setLeader(doc, 'g1', 'p1');
		setOpenBoards(doc, true);
		expect(seen).toEqual([true, true, true, true, true]);
	});

	it('is false for the chat, a timer and a progress mark', () => {
		const { doc, seen } = workshop();
		appendChat(doc, { id: 'c1', authorId: 'p1', name: 'Anna', organisation: 'Region Test', role: 'participant', text: 'Hej', at: 1 });
		startTimer(doc, 'all', 5 * 60_000, 'Enskilt', 1000);
		writePersonProgress(doc, 'p1', { drafts: 2, done: 0 });
		expect(seen).toEqual([false, false, false]);
	});
});
