/** Whole-board operations: creating a board from a template, and its instructions. */
import * as Y from 'yjs';
import { addFigure, type NewFigure } from './figure';
import { boardMaps, SCHEMA_VERSION } from './schema';

export interface BoardSeed {
	title: string;
	instructions: string;
	figures: NewFigure[];
}

/** Fills an empty doc. Run by the server once, when a workshop is created. */
export function initBoard(doc: Y.Doc, seed: BoardSeed, origin?: unknown): void {
	doc.transact(() => {
		const { meta } = boardMaps(doc);
		meta.set('schemaVersion', SCHEMA_VERSION);
		meta.set('title', seed.title);
		meta.set('instructions', new Y.Text(seed.instructions));
		for (const figure of seed.figures) addFigure(doc, figure, origin);
	}, origin);
}

export function setBoardTitle(doc: Y.Doc, title: string, origin?: unknown): void {
	doc.transact(() => boardMaps(doc).meta.set('title', title), origin);
}
