/**
 * What the projector shows of one board, as sections to lay out (fit.ts) and draw (ShowPiece):
 * each figure in reading order with its notes in the order they are read out. A figure a closed
 * vote counted lists its notes by votes, each with its count and "Topp N" (vote-results.ts); an
 * image figure top to bottom, so that the numbered pins on its picture read in order; a columns
 * or grid figure cell by cell, each note named by its cell. An uncounted grid is drawn as a table
 * of its cells, and a picture large: those take a page alone.
 */
import {
	cellName,
	cellOf,
	hasCells,
	rankVotes,
	readingOrder,
	resultRemark,
	sortByCell,
	votedFigures,
	type Figure,
	type FigureColor,
	type FigureResult,
	type Note,
	type Placing,
	type Vote
} from '$board';
import { m } from '$lib/paraglide/messages';
import { EXTRA_EM, type FitSection } from './fit';

export interface ShownNote {
	note: Note;
	/** The note's pin number on its figure's picture, else null. */
	number: number | null;
	placing: Placing | null;
	/** "Finansiering · Ansvarig" in a columns or grid figure, else ''. */
	cell: string;
}

export interface ShowSection {
	key: string;
	heading: string;
	/** The section's accessible name: the group and the figure, when the heading is the group. */
	label: string;
	color: FigureColor;
	kind: 'notes' | 'picture' | 'table';
	figure: Figure | null;
	notes: ShownNote[];
	quota: number | null;
	remark: string | null;
	/** What an empty section says instead of notes. */
	empty: string;
}

/** A board as the projector reads it (BoardState). */
export interface ShownBoard {
	id: string;
	figures: Figure[];
	notes: Note[];
	synced: boolean;
	refused: boolean;
}

/** A note's place in reading order: its figure's cell order, or top to bottom on a picture. */
function notesOf(figure: Figure, all: readonly Note[]): Note[] {
	const notes = all.filter((n) => n.figureId === figure.id);
	if (figure.kind === 'image') return readingOrder(notes);
	return hasCells(figure) ? sortByCell(figure, notes) : notes;
}

/** Counted notes by votes, then any written since the count; an image figure keeps its pin numbers. */
function shownOrder(figure: Figure, notes: Note[], result: FigureResult | null): Note[] {
	if (!result || figure.kind === 'image') return notes;
	const byId = new Map(notes.map((n) => [n.id, n]));
	return [...result.order.map((id) => byId.get(id)!), ...notes.filter((n) => !result.placings.has(n.id))];
}

function kindOf(figure: Figure, result: FigureResult | null): ShowSection['kind'] {
	if (figure.kind === 'image' && figure.picture !== null) return 'picture';
	return figure.kind === 'grid' && hasCells(figure) && !result ? 'table' : 'notes';
}

/**
 * The sections of `board`: every figure, or with `figureTitle` only that one headed by `heading`
 * (the group's name), for "one figure across all groups".
 */
export function boardSections(board: ShownBoard, vote: Vote | null, figureTitle?: string, heading?: string): ShowSection[] {
	const plain = (empty: string): ShowSection[] => [
		{ key: board.id, heading: heading ?? m.present_board(), label: heading ?? m.present_board(), color: 'slate', kind: 'notes', figure: null, notes: [], quota: null, remark: null, empty }
	];
	if (board.refused) return plain(m.present_no_access());
	if (!board.synced) return plain(m.present_loading());
	const figures = readingOrder(figureTitle ? board.figures.filter((f) => f.title.trim() === figureTitle) : board.figures);
	if (!figures.length) return plain(m.present_figure_missing());
	const voted = votedFigures(vote, { id: board.id, figures: board.figures });
	return figures.map((figure) => {
		const inFigure = notesOf(figure, board.notes);
		const result = rankVotes(inFigure, voted.get(figure.id)?.quota ?? null);
		const kind = kindOf(figure, result);
		const numbered = figure.kind === 'image';
		return {
			key: `${board.id}/${figure.id}`,
			heading: heading ?? figure.title,
			label: heading ? `${heading}: ${figure.title}` : figure.title,
			color: figure.color,
			kind,
			figure,
			notes: shownOrder(figure, inFigure, result).map((note, i) => ({
				note,
				number: numbered ? i + 1 : null,
				placing: result?.placings.get(note.id) ?? null,
				cell: hasCells(figure) ? cellName(cellOf(figure, note)) : ''
			})),
			quota: result?.quota ?? null,
			remark: result && resultRemark(result),
			empty: m.present_no_notes()
		};
	});
}

/** A section as fit.ts measures it. */
export function fitSection(section: ShowSection): FitSection {
	return {
		heading: section.heading,
		whole: section.kind !== 'notes',
		remark: section.remark !== null,
		notes: section.notes.map(({ note, placing, cell }) => ({
			text: note.text,
			extraEm: (note.authorName ? EXTRA_EM.author : 0) + (cell ? EXTRA_EM.cell : 0) + (placing ? EXTRA_EM.result : 0)
		}))
	};
}
