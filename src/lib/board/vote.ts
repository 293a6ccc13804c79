/**
 * Voting with labelled quotas (issue 3 §5). Three documents take part:
 *
 *   workshop doc `<code>`, map `vote` (written by the server on the facilitator's request):
 *     id (string), status ('open' | 'closed'), allowStacking (boolean),
 *     figures: JSON array of { title, label, quota }
 *   private doc `<code>/private/<pid>`, map `dots` (written by its owner, checked by the server):
 *     dotId → JSON { voteId, boardId, figureId, noteId }
 *   board doc, on each note map: votes (number), top (boolean), written by the server on close
 *
 * Figures are named by TITLE in the vote: every group board is made from one template, so one
 * title names "the same" figure on every board, while figure ids are random per board. A dot names
 * the board-local figure id; the server checks that its title is in the vote.
 *
 * Dots live in the private doc because nobody but its owner can open it (access.ts): others'
 * dots stay secret until the server tallies them on close.
 */
import type * as Y from 'yjs';
import { NOTE_H, NOTE_W, type Figure, type Note } from './schema';

/** A figure's quota; more than a handful of dots per person stops being a choice. */
export const VOTE_QUOTA_MAX = 10;

export interface VoteFigure {
	/** The figure title on every group board. */
	title: string;
	/** What the dots mean, shown on the board: "3 framgångsfaktorer". */
	label: string;
	quota: number;
}

export interface Vote {
	id: string;
	status: 'open' | 'closed';
	allowStacking: boolean;
	figures: VoteFigure[];
}

export interface Dot {
	id: string;
	voteId: string;
	boardId: string;
	figureId: string;
	noteId: string;
}

function voteMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('vote');
}

function dotsMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('dots');
}

/** "3 framgångsfaktorer" from "Framgångsfaktorer?": the facilitator edits it when it reads oddly. */
export function defaultVoteLabel(title: string, quota: number): string {
	const noun = title.trim().replace(/[?!.:]+$/, '');
	return `${quota} ${noun.charAt(0).toLowerCase()}${noun.slice(1)}`;
}

export function openVote(
	doc: Y.Doc,
	vote: { id: string; allowStacking: boolean; figures: VoteFigure[] },
	origin?: unknown
): void {
	const map = voteMap(doc);
	doc.transact(() => {
		map.set('id', vote.id);
		map.set('status', 'open');
		map.set('allowStacking', vote.allowStacking);
		map.set('figures', vote.figures.map((f) => ({ title: f.title, label: f.label, quota: f.quota })));
	}, origin);
}

export function closeVote(doc: Y.Doc, origin?: unknown): void {
	const map = voteMap(doc);
	if (map.get('status') === 'open') doc.transact(() => map.set('status', 'closed'), origin);
}

export function clearVote(doc: Y.Doc, origin?: unknown): void {
	const map = voteMap(doc);
	if (map.size) doc.transact(() => map.clear(), origin);
}

/** The current vote, or null. Tolerates a hostile or old doc: bad figure entries are skipped. */
export function readVote(doc: Y.Doc): Vote | null {
	const map = voteMap(doc);
	const id = map.get('id');
	const status = map.get('status');
	if (typeof id !== 'string' || !id || (status !== 'open' && status !== 'closed')) return null;
	const raw = map.get('figures');
	const figures: VoteFigure[] = [];
	for (const f of Array.isArray(raw) ? raw : []) {
		const { title, label, quota } = (f ?? {}) as Record<string, unknown>;
		if (typeof title !== 'string' || typeof label !== 'string') continue;
		if (typeof quota !== 'number' || !Number.isInteger(quota) || quota < 1 || quota > VOTE_QUOTA_MAX) continue;
		figures.push({ title, label, quota });
	}
	return { id, status, allowStacking: map.get('allowStacking') === true, figures };
}

export function voteFigure(vote: Vote | null, title: string): VoteFigure | undefined {
	return vote?.figures.find((f) => f.title === title);
}

export function placeDot(doc: Y.Doc, dot: Omit<Dot, 'id'>, id: string, origin?: unknown): void {
	const value = { voteId: dot.voteId, boardId: dot.boardId, figureId: dot.figureId, noteId: dot.noteId };
	doc.transact(() => dotsMap(doc).set(id, value), origin);
}

export function removeDot(doc: Y.Doc, id: string, origin?: unknown): void {
	const map = dotsMap(doc);
	if (map.has(id)) doc.transact(() => map.delete(id), origin);
}

export function readDot(id: string, value: unknown): Dot | null {
	const v = (value ?? {}) as Record<string, unknown>;
	const ok = [v.voteId, v.boardId, v.figureId, v.noteId].every((s) => typeof s === 'string' && s !== '');
	return ok ? { id, voteId: v.voteId as string, boardId: v.boardId as string, figureId: v.figureId as string, noteId: v.noteId as string } : null;
}

/** This person's dots of one vote (every vote when voteId is omitted), in id order. */
export function readDots(doc: Y.Doc, voteId?: string): Dot[] {
	const dots: Dot[] = [];
	dotsMap(doc).forEach((value, id) => {
		const dot = readDot(id, value);
		if (dot && (voteId === undefined || dot.voteId === voteId)) dots.push(dot);
	});
	return dots.sort((a, b) => a.id.localeCompare(b.id));
}

export function countDots(dots: readonly Dot[], figureId: string): number {
	return dots.filter((d) => d.figureId === figureId).length;
}

/** What the placing person's board says about a note: the title of its figure, or null. */
export type NoteFigureTitle = (boardId: string, noteId: string, figureId: string) => string | null;

/**
 * Why a set of one person's dots breaks the vote's rules, or null when it keeps them. `dots` are
 * all of the person's dots of this vote; `added` the ones just placed (old dots are not re-judged:
 * a note moved after it got a dot must not block the next dot). The server's policy and the board
 * UI both use this, so the UI never offers what the server would refuse.
 */
export function dotRefusal(
	vote: Vote | null,
	ownBoardId: string,
	dots: readonly Dot[],
	added: readonly Dot[],
	noteFigure: NoteFigureTitle
): string | null {
	if (!added.length) return null;
	if (!vote || vote.status !== 'open') return 'no vote is open';
	for (const dot of added) {
		if (dot.voteId !== vote.id) return `dot ${dot.id} is for another vote`;
		if (dot.boardId !== ownBoardId) return `dot ${dot.id} is on another group's board`;
		const title = noteFigure(dot.boardId, dot.noteId, dot.figureId);
		const figure = title === null ? undefined : voteFigure(vote, title);
		if (!figure) return `dot ${dot.id} is not on a note in a figure of the vote`;
		if (countDots(dots, dot.figureId) > figure.quota) return `over the quota of ${figure.quota} in "${figure.title}"`;
		if (!vote.allowStacking && dots.filter((d) => d.noteId === dot.noteId).length > 1) {
			return `a second dot on note ${dot.noteId} while stacking is off`;
		}
	}
	return null;
}

/** noteId → number of dots, over everybody's dots of one board. */
export function tally(dots: readonly Dot[], boardId: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const d of dots) if (d.boardId === boardId) counts.set(d.noteId, (counts.get(d.noteId) ?? 0) + 1);
	return counts;
}

/**
 * The notes of one figure that are "Topp N": the N most voted, ties at the edge included (two
 * notes with the same count are equally chosen; dropping one by its id would be arbitrary).
 * Notes without votes are never top.
 */
export function topNotes(counts: ReadonlyMap<string, number>, noteIds: readonly string[], n: number): Set<string> {
	const voted = noteIds.map((id) => ({ id, votes: counts.get(id) ?? 0 })).filter((v) => v.votes > 0);
	voted.sort((a, b) => b.votes - a.votes);
	const edge = voted[n - 1]?.votes ?? 1;
	return new Set(voted.filter((v) => v.votes >= edge).map((v) => v.id));
}

/**
 * Positions that lay a figure's notes out in a grid by votes, most first ("Sortera efter
 * röster"), with the same margins as freeSpotInFigure.
 */
export function layoutByVotes(figure: Figure, notes: readonly Note[]): { id: string; x: number; y: number }[] {
	const gap = 16;
	const titleBar = 96;
	const cols = Math.max(1, Math.floor((figure.w - gap) / (NOTE_W + gap)));
	const sorted = [...notes].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.createdAt - b.createdAt);
	return sorted.map((note, i) => ({
		id: note.id,
		x: figure.x + gap + (i % cols) * (NOTE_W + gap),
		y: figure.y + titleBar + Math.floor(i / cols) * (NOTE_H + gap)
	}));
}
