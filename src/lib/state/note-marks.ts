/**
 * What others are doing with each note ("Bo skriver…", a coloured outline), from their presence.
 * PresenceState computes it once per change of someone's selection, for every card to look up,
 * rather than each of a thousand cards searching the peers itself. Plain TypeScript, no runes.
 */
import type { PresenceUser, RemotePeer } from './presence.svelte';

/** What others are doing with one note: the first of them to have it selected, and who writes in it. */
export interface NoteMark {
	watcher: PresenceUser | null;
	/** Each person once (two tabs of one person count once); never me. */
	writers: PresenceUser[];
}

/** The notes others have selected or open, by note id. */
export function noteMarks(peers: readonly RemotePeer[], meId: string): Map<string, NoteMark> {
	const marks = new Map<string, NoteMark>();
	const markOf = (id: string) => {
		let mark = marks.get(id);
		if (!mark) marks.set(id, (mark = { watcher: null, writers: [] }));
		return mark;
	};
	for (const peer of peers) {
		if (peer.selected !== null) markOf(peer.selected).watcher ??= peer.user;
		if (peer.editing === null || peer.user.id === meId) continue;
		const writers = markOf(peer.editing).writers;
		if (!writers.some((u) => u.id === peer.user.id)) writers.push(peer.user);
	}
	return marks;
}
