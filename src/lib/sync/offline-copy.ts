/**
 * The offline copy of a room: a y-indexeddb database in this browser that holds the room's Y.Doc,
 * so that edits made without a network survive a reload and merge with the server's doc when the
 * socket is back (they are plain Yjs updates made by the `$board` operations, so the server admits
 * them as it admits live ones).
 *
 * What is kept: the whole doc of a room the person writes in (their group's board, with everyone's
 * notes on it, and their private doc), never a board they only watch. One database per room and
 * person, `verkstad-offline:<room>#<personId>`, so that another person who joins on the same
 * computer gets a new id and never opens it.
 * When it is removed: when the server refuses the room for good (the workshop was deleted, the
 * token is no longer valid, the room is not theirs), and with `forgetOfflineCopies(code)` when the
 * person leaves the workshop in this browser.
 */
import type * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';

const PREFIX = 'verkstad-offline:';

export function offlineCopyName(room: string, personId: string): string {
	return `${PREFIX}${room}#${personId}`;
}

export function keepOfflineCopy(room: string, personId: string, doc: Y.Doc): IndexeddbPersistence | null {
	// No IndexedDB (server-side rendering, or a browser that blocks it): the board still works live.
	if (typeof indexedDB === 'undefined') return null;
	return new IndexeddbPersistence(offlineCopyName(room, personId), doc);
}

/** Deletes every offline copy this browser holds for the workshop `code`, whoever's it was. */
export async function forgetOfflineCopies(code: string): Promise<void> {
	if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
	const mine = `${PREFIX}${code}/`;
	const databases = await indexedDB.databases();
	for (const { name } of databases) {
		if (name?.startsWith(mine)) indexedDB.deleteDatabase(name);
	}
}
