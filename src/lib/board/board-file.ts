/**
 * A board as plain data, for files (server/export/workshop-json.ts, template-file.ts): what
 * readBoardContent takes out of a doc, writeBoardContent puts back into an empty one, with the
 * same ids, authors, times and vote results, so that an export and its import read the same.
 */
import * as Y from 'yjs';
import { capNoteText } from './note';
import { boardMaps, readFigures, readMeta, readNotes, SCHEMA_VERSION, type Figure, type Note } from './schema';

export interface BoardContent {
	title: string;
	instructions: string;
	figures: Figure[];
	notes: Note[];
}

export function readBoardContent(doc: Y.Doc): BoardContent {
	const meta = readMeta(doc);
	return { title: meta.title, instructions: meta.instructions, figures: readFigures(doc), notes: readNotes(doc) };
}

/**
 * Fills an empty board doc. Every key of a figure is written as it is, so a figure kind's own keys
 * come along without this function knowing them; the file schema decides which keys exist.
 */
export function writeBoardContent(doc: Y.Doc, content: BoardContent, origin?: unknown): void {
	doc.transact(() => {
		const { meta, figures, notes } = boardMaps(doc);
		meta.set('schemaVersion', SCHEMA_VERSION);
		meta.set('title', content.title);
		meta.set('instructions', new Y.Text(content.instructions));
		for (const { id, ...figure } of content.figures) {
			const map = new Y.Map<unknown>();
			for (const [key, value] of Object.entries(figure)) map.set(key, Array.isArray(value) ? [...value] : value);
			figures.set(id, map);
		}
		for (const { id, text, votes, top, ...note } of content.notes) {
			const map = new Y.Map<unknown>();
			map.set('text', new Y.Text(capNoteText(text).text));
			for (const [key, value] of Object.entries(note)) map.set(key, value);
			// Only counted notes carry a result, as when a vote closes (vote.ts).
			if (votes !== undefined) {
				map.set('votes', votes);
				map.set('top', top === true);
			}
			notes.set(id, map);
		}
	}, origin);
}
