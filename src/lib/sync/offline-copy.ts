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
import type { IndexeddbPersistence } from 'y-indexeddb';

const PREFIX = 'verkstad-offline:';

export function offlineCopyName(room: string, personId: string): string {
	return `${PREFIX}${room}#${personId}`;
}

/**
 * y-indexeddb is loaded here, on first use, not with the page: it is not needed to draw a board,
 * and the copy it makes on opening holds the whole doc, edits made while it loaded included.
 * `wanted` is asked once it has loaded: the room may have been closed meanwhile.
 */
export async function keepOfflineCopy(room: string, personId: string, doc: Y.Doc, wanted: () => boolean): Promise<IndexeddbPersistence | null> {
	// No IndexedDB (server-side rendering, or a browser that blocks it): the board still works live.
	if (typeof indexedDB === 'undefined') return null;
	const { IndexeddbPersistence } = await import('y-indexeddb');
	return wanted() ? new IndexeddbPersistence(offlineCopyName(room, personId), doc) : null;
}

/**
 * Stores the whole doc in the copy once the browser is idle, for when updates reached the doc
 * without being stored one by one (room-connection.ts: the server's sync answers).
 */
export function storeWholeDocWhenIdle(copy: IndexeddbPersistence): void {
	// A copy closed meanwhile (the room left, or refused and its copy deleted) is not reopened.
	const store = () =>
		void import('y-indexeddb').then(({ storeState }) => {
			if (!copy._destroyed) return storeState(copy);
		});
	if ('requestIdleCallback' in window) requestIdleCallback(store, { timeout: 2000 });
	else setTimeout(store, 0);
}

/** Deletes the copy of one room, for when it is refused before y-indexeddb had loaded. */
export function dropOfflineCopy(room: string, personId: string): void {
	if (typeof indexedDB !== 'undefined') indexedDB.deleteDatabase(offlineCopyName(room, personId));
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
