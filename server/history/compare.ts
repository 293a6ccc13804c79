/**
 * What a board snapshot had that the board has lost: notes and figures that existed then and are
 * gone now, and notes whose text differs. Pure: both docs are read, neither is written.
 */
import * as Y from 'yjs';
import { boardMaps, readFigure, readNote, type Figure, type Note } from '../../src/lib/board';
import type { BoardHistoryDiff, HistoryNote } from '../../src/lib/api-types';

export function compareBoards(then: Y.Doc, now: Y.Doc): Omit<BoardHistoryDiff, 'snapshot'> {
	const past = boardMaps(then);
	const present = boardMaps(now);
	const pastFigures = new Map<string, Figure>();
	past.figures.forEach((map, id) => {
		if (map instanceof Y.Map) pastFigures.set(id, readFigure(id, map));
	});
	const historyNote = (note: Note): HistoryNote => {
		const figure = note.figureId ? pastFigures.get(note.figureId) : undefined;
		return {
			id: note.id,
			text: note.text,
			color: note.color,
			authorName: note.authorName,
			organisation: note.organisation,
			figureId: figure ? figure.id : null,
			figureTitle: figure ? figure.title : null,
			figureGone: figure ? !present.figures.has(figure.id) : false
		};
	};

	const deletedNotes: HistoryNote[] = [];
	const changedNotes: BoardHistoryDiff['changedNotes'] = [];
	const pastNotes: Note[] = [];
	past.notes.forEach((map, id) => {
		if (map instanceof Y.Map) pastNotes.push(readNote(id, map));
	});
	pastNotes.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	for (const note of pastNotes) {
		const current = present.notes.get(note.id);
		if (!(current instanceof Y.Map)) {
			deletedNotes.push(historyNote(note));
			continue;
		}
		const text = readNote(note.id, current).text;
		if (text !== note.text) changedNotes.push({ ...historyNote(note), textNow: text });
	}

	const deletedFigures = [...pastFigures.values()]
		.filter((figure) => !present.figures.has(figure.id))
		.map((figure) => ({
			id: figure.id,
			kind: figure.kind,
			title: figure.title,
			notes: deletedNotes.filter((n) => n.figureId === figure.id).length
		}));
	return { deletedNotes, deletedFigures, changedNotes };
}
