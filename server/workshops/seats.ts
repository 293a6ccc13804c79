/**
 * Who sits where, for a capacity check that must hold across instances (server/scale/seat-lock.ts).
 * This instance's copy of the workshop doc may lack a member another instance seated a moment ago;
 * the store has every seat taken (each is committed before its join answers). The check reads both
 * merged into a scratch doc: the store for other instances' seats, this doc for its own seats not
 * yet written. With one instance (`stored` null) the doc alone is the truth.
 */
import * as Y from 'yjs';
import { readWorkshop, workshopRoom, type WorkshopInfo } from '../../src/lib/board';
import type { DocStore } from '../store/doc-store';
import type { SeatLock } from '../scale/seat-lock';

/** The workshop doc's stored updates when other instances seat people too; read under the seat lock. */
export async function storedSeats(seats: SeatLock, store: DocStore, code: string): Promise<Uint8Array[] | null> {
	return seats.shared ? (await store.loadDoc(workshopRoom(code))).updates : null;
}

/** The workshop as the capacity check must see it: `doc` with what the store has that it lacks. */
export function seatView(doc: Y.Doc, stored: Uint8Array[] | null): WorkshopInfo {
	if (!stored) return readWorkshop(doc);
	const view = new Y.Doc();
	try {
		for (const update of stored) Y.applyUpdate(view, update);
		Y.applyUpdate(view, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(view)));
		return readWorkshop(view);
	} finally {
		view.destroy();
	}
}
