/**
 * "Fundera själv först" (issue 3 §4): an individual phase, then a reveal. Two documents take part:
 *
 *   workshop doc `<code>`, map `individual` (written by the facilitator, ended by the server):
 *     active (boolean), scope ('board' | a figure TITLE), anonymous (boolean), startedAt (ms)
 *   private doc `<code>/private/<pid>`, map `drafts` (written by its owner only):
 *     draftId → Y.Map { text (Y.Text), figureTitle, x, y, color, createdAt }
 *
 * The scope names a figure by TITLE, as the vote does: every group board comes from one template,
 * so one title is "the same" figure on every board. A draft keeps its figure's title and a position
 * RELATIVE to that figure's top-left corner, so that the server can place it in the author's group
 * board on reveal even if the figure moved meanwhile.
 *
 * Drafts live in the private doc because nobody but its owner can open it (server/sync/access.ts):
 * the facilitator and the group see them only once the server has moved them into the board.
 */
import * as Y from 'yjs';
import { NOTE_COLORS, NOTE_H, NOTE_W, newId, readFigures, readNotes, type Figure, type NoteColor } from './schema';
import { addNote, capNoteText, freeSpotInFigure, replaceText, type Author } from './note';

/** The scope that covers every figure of the board. */
export const WHOLE_BOARD = 'board';

export interface IndividualPhase {
	active: boolean;
	/** WHOLE_BOARD or the title of one figure. */
	scope: string;
	anonymous: boolean;
	startedAt: number;
}

export interface Draft {
	id: string;
	text: string;
	figureTitle: string;
	/** Relative to the figure's top-left corner. */
	x: number;
	y: number;
	color: NoteColor;
	createdAt: number;
}

function phaseMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('individual');
}

function draftsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('drafts') as Y.Map<Y.Map<unknown>>;
}

export function startIndividual(doc: Y.Doc, phase: { scope: string; anonymous: boolean }, origin?: unknown): void {
	const map = phaseMap(doc);
	doc.transact(() => {
		map.set('active', true);
		map.set('scope', phase.scope);
		map.set('anonymous', phase.anonymous);
		map.set('startedAt', Date.now());
	}, origin);
}

/** Ends the phase; scope and anonymity stay, so a late reveal still knows them. */
export function stopIndividual(doc: Y.Doc, origin?: unknown): void {
	const map = phaseMap(doc);
	if (map.get('active') === true) doc.transact(() => map.set('active', false), origin);
}

/** The current or last phase, or null when none was ever started. Tolerates a hostile doc. */
export function readIndividual(doc: Y.Doc): IndividualPhase | null {
	const map = phaseMap(doc);
	const scope = map.get('scope');
	if (typeof scope !== 'string' || !scope) return null;
	const startedAt = map.get('startedAt');
	return {
		active: map.get('active') === true,
		scope,
		anonymous: map.get('anonymous') === true,
		startedAt: typeof startedAt === 'number' && Number.isFinite(startedAt) ? startedAt : 0
	};
}

/** Do new notes in this figure go to their author's drafts right now? */
export function inIndividualScope(phase: IndividualPhase | null, figureTitle: string): boolean {
	return !!phase?.active && (phase.scope === WHOLE_BOARD || phase.scope === figureTitle);
}

export function addDraft(
	doc: Y.Doc,
	draft: { figureTitle: string; x: number; y: number; text?: string; color?: NoteColor },
	origin?: unknown
): string {
	const id = newId();
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('text', new Y.Text(capNoteText(draft.text ?? '').text));
		map.set('figureTitle', draft.figureTitle);
		map.set('x', Math.round(draft.x));
		map.set('y', Math.round(draft.y));
		map.set('color', draft.color ?? 'yellow');
		map.set('createdAt', Date.now());
		draftsMap(doc).set(id, map);
	}, origin);
	return id;
}

export function setDraftText(doc: Y.Doc, id: string, text: string, origin?: unknown): { cut: boolean } {
	const ytext = draftsMap(doc).get(id)?.get('text');
	return ytext instanceof Y.Text ? replaceText(ytext, text, origin) : { cut: capNoteText(text).cut };
}

export function setDraftColor(doc: Y.Doc, id: string, color: NoteColor, origin?: unknown): void {
	const map = draftsMap(doc).get(id);
	if (map instanceof Y.Map && map.get('color') !== color) doc.transact(() => map.set('color', color), origin);
}

/** Moves a draft within its figure (relative coordinates). */
export function moveDraft(doc: Y.Doc, id: string, x: number, y: number, origin?: unknown): void {
	const map = draftsMap(doc).get(id);
	if (!(map instanceof Y.Map)) return;
	doc.transact(() => {
		map.set('x', Math.round(x));
		map.set('y', Math.round(y));
	}, origin);
}

export function deleteDrafts(doc: Y.Doc, ids: readonly string[], origin?: unknown): void {
	const map = draftsMap(doc);
	const present = ids.filter((id) => map.has(id));
	if (present.length) doc.transact(() => present.forEach((id) => map.delete(id)), origin);
}

function num(v: unknown): number {
	return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** This person's drafts, oldest first (newer ones stack on top). */
export function readDrafts(doc: Y.Doc): Draft[] {
	const drafts: Draft[] = [];
	draftsMap(doc).forEach((map, id) => {
		if (!(map instanceof Y.Map)) return;
		const text = map.get('text');
		const figureTitle = map.get('figureTitle');
		if (typeof figureTitle !== 'string') return;
		const color = map.get('color');
		drafts.push({
			id,
			text: text instanceof Y.Text ? text.toString() : '',
			figureTitle,
			x: num(map.get('x')),
			y: num(map.get('y')),
			color: NOTE_COLORS.includes(color as NoteColor) ? (color as NoteColor) : 'yellow',
			createdAt: num(map.get('createdAt'))
		});
	});
	return drafts.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** The drafts a reveal moves: those of one figure, or all when no title is given. */
export function draftsInScope(drafts: readonly Draft[], figureTitle?: string): Draft[] {
	return figureTitle === undefined ? [...drafts] : drafts.filter((d) => d.figureTitle === figureTitle);
}

/** The author a revealed note carries: nobody at all when the phase is anonymous. */
export const ANONYMOUS: Author = Object.freeze({ id: '', name: '', organisation: '' });

/**
 * Moves drafts into a board as ordinary notes in the figures of their titles. A draft keeps its
 * spot when that spot is inside the figure and free; otherwise it goes to the figure's first free
 * cell, so that revealed notes never land on top of each other. Drafts whose figure is not on the
 * board are not moved. Returns the ids of the drafts that became notes.
 */
export function revealInto(board: Y.Doc, drafts: readonly Draft[], author: Author, origin?: unknown): string[] {
	const figures = readFigures(board);
	const moved: string[] = [];
	board.transact(() => {
		for (const draft of drafts) {
			const figure = figures.find((f) => f.title === draft.figureTitle);
			if (!figure) continue;
			const at = keptSpot(board, figure, draft) ?? freeSpotInFigure(board, figure.id)!;
			addNote(board, { ...at, text: draft.text, color: draft.color, figureId: figure.id }, author, origin);
			moved.push(draft.id);
		}
	}, origin);
	return moved;
}

/** The draft's own spot, in board coordinates, if it lies inside the figure and no note covers it. */
function keptSpot(board: Y.Doc, figure: Figure, draft: Draft): { x: number; y: number } | null {
	const x = figure.x + draft.x;
	const y = figure.y + draft.y;
	const inside = x >= figure.x && y >= figure.y && x + NOTE_W <= figure.x + figure.w && y + NOTE_H <= figure.y + figure.h;
	if (!inside) return null;
	const covered = readNotes(board).some((n) => Math.abs(n.x - x) < NOTE_W && Math.abs(n.y - y) < NOTE_H);
	return covered ? null : { x, y };
}
