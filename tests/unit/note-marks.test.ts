/** Which notes others have selected or are writing in, as every note card on the board shows it. */
import { describe, expect, it } from 'vitest';
import { noteMarks } from '../../src/lib/state/note-marks';
import type { PresenceUser, RemotePeer } from '../../src/lib/state/presence.svelte';

const user = (id: string, name: string): PresenceUser => ({ id, name, organisation: 'Region Dalarna', colour: '#1f5fa8', role: 'participant' });
const bo = user('bo', 'Bo');
const cecilia = user('cecilia', 'Cecilia');
const me = user('me', 'Anna');

let nextClient = 1;
const peer = (who: PresenceUser, selected: string | null, editing: string | null = null): RemotePeer => ({
	clientId: nextClient++,
	user: who,
	cursor: null,
	selected,
	editing
});

describe('noteMarks', () => {
	it('marks a selected note with the first person who selected it', () => {
		const marks = noteMarks([peer(bo, 'n1'), peer(cecilia, 'n1'), peer(cecilia, 'n2')], me.id);
		expect(marks.get('n1')?.watcher?.name).toBe('Bo');
		expect(marks.get('n2')?.watcher?.name).toBe('Cecilia');
		expect(marks.has('n3')).toBe(false);
	});

	it('lists each writer once, even with the note open in two tabs', () => {
		const marks = noteMarks([peer(bo, 'n1', 'n1'), peer(bo, 'n1', 'n1'), peer(cecilia, null, 'n1')], me.id);
		expect(marks.get('n1')?.writers.map((u) => u.name)).toEqual(['Bo', 'Cecilia']);
	});

	it('never lists me as writing, though my other tab may show as watching', () => {
		const marks = noteMarks([peer(me, 'n1', 'n1')], me.id);
		expect(marks.get('n1')?.writers).toEqual([]);
		expect(marks.get('n1')?.watcher?.name).toBe('Anna');
	});
});
