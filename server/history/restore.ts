/**
 * Restoring from a snapshot: chosen notes and figures that are gone from the live board are
 * written back as fresh Y.Maps with the same ids and content (a clone of the snapshot's map).
 * The doc is never rolled back, so every later edit by anyone stays. Pure; the caller runs it in
 * one server transaction (Rooms.update).
 *
 * A note whose figure is gone and not restored with it belongs to whatever figure is under it
 * now: usually none, so it comes back outside every figure, where the group sees it.
 */
import * as Y from 'yjs';
import { boardMaps, figureForNoteAt } from '../../src/lib/board';

export interface RestoreChoice {
	notes: readonly string[];
	figures: readonly string[];
}

/** Writes the chosen items back; returns the ids it restored (items still on the board are skipped). */
export function restoreFromSnapshot(live: Y.Doc, then: Y.Doc, choice: RestoreChoice, origin?: unknown): { notes: string[]; figures: string[] } {
	const past = boardMaps(then);
	const present = boardMaps(live);
	const restored = { notes: [] as string[], figures: [] as string[] };
	live.transact(() => {
		// Figures first, so that a note restored together with its figure lands in it.
		for (const id of new Set(choice.figures)) {
			const map = past.figures.get(id);
			if (!(map instanceof Y.Map) || present.figures.has(id)) continue;
			present.figures.set(id, map.clone());
			restored.figures.push(id);
		}
		for (const id of new Set(choice.notes)) {
			const map = past.notes.get(id);
			if (!(map instanceof Y.Map) || present.notes.has(id)) continue;
			const copy = map.clone();
			present.notes.set(id, copy);
			const figureId = copy.get('figureId');
			if (typeof figureId === 'string' && !present.figures.has(figureId)) {
				copy.set('figureId', figureForNoteAt(live, Number(copy.get('x')) || 0, Number(copy.get('y')) || 0));
			}
			restored.notes.push(id);
		}
	}, origin);
	return restored;
}
