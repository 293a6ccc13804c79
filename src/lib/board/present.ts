/**
 * What the projector shows (issue 3 §8), in the workshop doc so that the projector view follows
 * the facilitator live. Top-level map `present`, written by the facilitator, read by everyone:
 *   mode        'board' | 'figure' | 'plenary'
 *   boardId     the group board shown in mode 'board'
 *   figureTitle the figure shown across all groups in mode 'figure' (titles, not ids: every group
 *               board comes from one template, so one title names "the same" figure everywhere)
 *   follow      "Följ mig": participants' boards link to what the projector shows
 *   page        the page shown when the target does not fit the screen (issue 10 §1), counted
 *               from 0 and unbounded: the projector, which alone knows how many pages there are,
 *               takes it modulo their number, so "Nästa" on the last page goes to the first
 *   pages       how many pages the target takes on the facilitator's projector, written by the
 *               projector view (which alone measures it) so that the control room can say
 *               "Sida 2 / 3"; dropped with each new target until the projector has measured it
 * A target missing its board or title reads as the plenary, so the projector never shows nothing.
 */
import type * as Y from 'yjs';
import { m } from '../paraglide/messages';
import { FIGURE_TITLE_MAX } from './limits';
import type { Figure } from './schema';
import type { Group } from './workshop';
import { readingOrder } from './board-outline';

export type PresentTarget =
	| { mode: 'plenary' }
	| { mode: 'board'; boardId: string }
	| { mode: 'figure'; figureTitle: string };

export type Present = PresentTarget & {
	follow: boolean;
	page: number;
	/** Absent until a projector has measured the target. */
	pages?: number;
};

const presentMap = (doc: Y.Doc) => doc.getMap('present');

export function readPresent(doc: Y.Doc): Present {
	const map = presentMap(doc);
	const follow = map.get('follow') === true;
	const stored = map.get('page');
	const page = Number.isSafeInteger(stored) ? (stored as number) : 0;
	const measured = map.get('pages');
	const shown = { follow, page, ...(Number.isSafeInteger(measured) && (measured as number) >= 1 ? { pages: measured as number } : {}) };
	const mode = map.get('mode');
	const boardId = map.get('boardId');
	const figureTitle = map.get('figureTitle');
	if (mode === 'board' && typeof boardId === 'string' && boardId) return { mode, boardId, ...shown };
	if (mode === 'figure' && typeof figureTitle === 'string' && figureTitle) return { mode, figureTitle, ...shown };
	return { mode: 'plenary', ...shown };
}

/** Points the projector at a target, on its first page; the keys another mode uses are removed. */
export function setPresent(doc: Y.Doc, target: PresentTarget, origin?: unknown): void {
	const map = presentMap(doc);
	doc.transact(() => {
		map.set('mode', target.mode);
		if (target.mode === 'board') map.set('boardId', target.boardId);
		else map.delete('boardId');
		if (target.mode === 'figure') map.set('figureTitle', target.figureTitle.slice(0, FIGURE_TITLE_MAX));
		else map.delete('figureTitle');
		map.delete('page');
		map.delete('pages');
	}, origin);
}

export function setFollow(doc: Y.Doc, follow: boolean, origin?: unknown): void {
	doc.transact(() => presentMap(doc).set('follow', follow), origin);
}

/** Turns the projector's page by `step` (1 next, -1 previous). */
export function turnPresentPage(doc: Y.Doc, step: number, origin?: unknown): void {
	const page = readPresent(doc).page + step;
	doc.transact(() => presentMap(doc).set('page', page), origin);
}

/** The projector's measure of how many pages the target takes; no write when it is unchanged. */
export function setPresentPages(doc: Y.Doc, pages: number, origin?: unknown): void {
	if (readPresent(doc).pages !== pages) doc.transact(() => presentMap(doc).set('pages', pages), origin);
}

/** The page shown of `count`: `page` wrapped into 0..count-1. */
export function pageOf(page: number, count: number): number {
	return count > 0 ? ((page % count) + count) % count : 0;
}

/** A heading for what is shown, for the projector and the participants' "Följ mig" link, in the reader's language. */
export function describePresent(target: PresentTarget, groups: readonly Group[]): string {
	switch (target.mode) {
		case 'plenary':
			return m.present_plenary();
		case 'board':
			return groups.find((g) => g.id === target.boardId)?.name ?? m.present_one_board();
		case 'figure':
			return m.present_figure_all_groups({ title: target.figureTitle });
	}
}

/** Distinct figure titles in first-seen order: the choices for "one figure across all groups". */
export function figureTitles(figures: readonly Pick<Figure, 'title'>[]): string[] {
	return [...new Set(figures.map((f) => f.title.trim()).filter(Boolean))];
}

/**
 * The figures one can name across all group boards (a vote, the projector, "Fundera själv
 * först"): every board's titles in reading order, the first board's first, then the titles only
 * later boards have, so a figure added or renamed on one board by hand is offered too.
 */
export function titlesAcrossBoards(boards: readonly (readonly Pick<Figure, 'id' | 'title' | 'x' | 'y'>[])[]): string[] {
	return figureTitles(boards.flatMap((figures) => readingOrder(figures)));
}
