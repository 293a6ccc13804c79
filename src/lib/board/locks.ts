/**
 * Locks in the workshop document: `locks` maps a key to true.
 *   'all'                 every group board
 *   '<groupId>'           one group's board
 *   '<groupId>/<figureId>' one figure on one board
 * A locked board or figure is read-only for participants; the server enforces it and the UI shows it.
 */
import type * as Y from 'yjs';
import { ALL_GROUPS } from './timer';

function locks(doc: Y.Doc): Y.Map<boolean> {
	return doc.getMap('locks') as Y.Map<boolean>;
}

export function lockKey(groupId: string = ALL_GROUPS, figureId?: string): string {
	return figureId ? `${groupId}/${figureId}` : groupId;
}

export function setLock(doc: Y.Doc, key: string, locked: boolean, origin?: unknown): void {
	const map = locks(doc);
	if ((map.get(key) === true) === locked) return;
	doc.transact(() => (locked ? map.set(key, true) : map.delete(key)), origin);
}

export function isBoardLocked(doc: Y.Doc, groupId: string): boolean {
	const map = locks(doc);
	return map.get(ALL_GROUPS) === true || map.get(groupId) === true;
}

/** Figure ids locked on one board (not counting a lock of the whole board). */
export function lockedFigures(doc: Y.Doc, groupId: string): Set<string> {
	const prefix = `${groupId}/`;
	const ids = new Set<string>();
	locks(doc).forEach((v, key) => {
		if (v === true && key.startsWith(prefix)) ids.add(key.slice(prefix.length));
	});
	return ids;
}
