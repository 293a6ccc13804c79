/**
 * Voting with labelled quotas (issue 3 §5). Three documents take part:
 *
 *   workshop doc `<code>`, map `vote` (written by the server on the facilitator's request):
 *     id (string), status ('open' | 'closed'), allowStacking (boolean),
 *     figures: JSON array of { title, label, quota, figureIds: { boardId: figureId } }
 *   private doc `<code>/private/<pid>`, map `dots` (written by its owner, checked by the server):
 *     dotId → JSON { voteId, boardId, figureId, noteId }
 *   board doc, on each note map: votes (number), top (boolean), written by the server on close
 *
 * The facilitator chooses figures by TITLE (every group board is made from one template, so one
 * title names "the same" figure on every board), but the vote counts figures by ID: when it
 * opens, the server resolves each title to ONE figure per board (the first in reading order,
 * `pickVoteFigure`) and stores the ids. A figure added later, or a second figure with the same
 * title, is not in the vote, so a title can never double a person's dots.
 *
 * The rules, checked by the private room's policy when a dot is placed and again by the tally:
 * - a dot is live while its note is in the figure the dot names, and only a live dot counts,
 *   for that figure, if the vote lists that figure id for the dot's board;
 * - per person and listed figure at most `quota` live dots, and with stacking off one per note.
 * A note moved into another figure takes no dots along: its dots name the figure they were
 * placed in, stop counting (and stop taking the quota, so a deleted or moved note never strands
 * a voter's dot) and are live again only if the note returns. A return can leave a person with
 * more live dots in a figure than its quota; the tally then counts the quota and no more. So
 * moving notes can never give a person more dots in a figure than its quota.
 *
 * A vote opened before ids were stored (no `figureIds`, see readVote) is resolved by the same
 * pick on the board as it is at the time of the check, so an open vote survives the upgrade.
 *
 * Dots live in the private doc because nobody but its owner can open it (access.ts): others'
 * dots stay secret until the server tallies them on close.
 */
import * as Y from 'yjs';
import { boardMaps, NOTE_H, NOTE_W, readFigures, type Figure, type Note } from './schema';

/** A figure's quota; more than a handful of dots per person stops being a choice. */
export const VOTE_QUOTA_MAX = 10;

/** A figure as the facilitator (or a template) asks for it in a vote: by title. */
export interface VoteFigure {
	/** The figure title on every group board. */
	title: string;
	/** What the dots mean, shown on the board: "3 framgångsfaktorer". */
	label: string;
	quota: number;
}

/** A figure of an opened vote: the request, and the figure it names on each group board. */
export interface VoteEntry extends VoteFigure {
	/**
	 * boardId → the id of the figure this entry counts on that board, fixed when the vote opened;
	 * a board without the title has no key. Null for a vote opened before ids were stored.
	 */
	figureIds: Readonly<Record<string, string>> | null;
}

export interface Vote {
	id: string;
	status: 'open' | 'closed';
	allowStacking: boolean;
	figures: VoteEntry[];
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

/**
 * The figure a vote entry titled `title` counts on a board: the first with that title in reading
 * order (top to bottom, then left to right), so that one title never names two figures.
 */
export function pickVoteFigure(figures: readonly Pick<Figure, 'id' | 'title' | 'x' | 'y'>[], title: string): string | null {
	const readsBefore = (a: Pick<Figure, 'id' | 'x' | 'y'>, b: Pick<Figure, 'id' | 'x' | 'y'>) =>
		a.y !== b.y ? a.y < b.y : a.x !== b.x ? a.x < b.x : a.id < b.id;
	let first: Pick<Figure, 'id' | 'x' | 'y'> | null = null;
	for (const f of figures) if (f.title === title && (!first || readsBefore(f, first))) first = f;
	return first?.id ?? null;
}

/** boardId → figure id, for one titled figure over every group board's figures. */
export function resolveVoteFigure(boards: ReadonlyMap<string, readonly Figure[]>, title: string): Record<string, string> {
	const ids: Record<string, string> = {};
	for (const [boardId, figures] of boards) {
		const id = pickVoteFigure(figures, title);
		if (id) ids[boardId] = id;
	}
	return ids;
}

export function openVote(
	doc: Y.Doc,
	vote: { id: string; allowStacking: boolean; figures: (VoteFigure & { figureIds: Record<string, string> })[] },
	origin?: unknown
): void {
	const map = voteMap(doc);
	doc.transact(() => {
		map.set('id', vote.id);
		map.set('status', 'open');
		map.set('allowStacking', vote.allowStacking);
		map.set(
			'figures',
			vote.figures.map((f) => ({ title: f.title, label: f.label, quota: f.quota, figureIds: { ...f.figureIds } }))
		);
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
	const figures: VoteEntry[] = [];
	for (const f of Array.isArray(raw) ? raw : []) {
		const entry = (f ?? {}) as Record<string, unknown>;
		const { title, label, quota } = entry;
		if (typeof title !== 'string' || typeof label !== 'string') continue;
		if (typeof quota !== 'number' || !Number.isInteger(quota) || quota < 1 || quota > VOTE_QUOTA_MAX) continue;
		figures.push({ title, label, quota, figureIds: 'figureIds' in entry ? readFigureIds(entry.figureIds) : null });
	}
	return { id, status, allowStacking: map.get('allowStacking') === true, figures };
}

/** A stored boardId → figureId record; anything else in it is dropped (an entry then counts nothing). */
function readFigureIds(raw: unknown): Record<string, string> {
	const ids: Record<string, string> = {};
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return ids;
	for (const [boardId, figureId] of Object.entries(raw)) if (typeof figureId === 'string' && figureId) ids[boardId] = figureId;
	return ids;
}

/** What the rules need to know of the voter's board, read as it is at the time of the check. */
export interface VoteBoard {
	id: string;
	/** Only read for a vote opened before ids were stored (VoteEntry.figureIds null). */
	figures: readonly Pick<Figure, 'id' | 'title' | 'x' | 'y'>[];
	/** The figure a note is in now, or null when it is outside every figure or not on the board. */
	noteFigure(noteId: string): string | null;
}

/** A board doc as the rules see it, read live: figures only when asked (a vote without ids). */
export function voteBoardOf(doc: Y.Doc, boardId: string): VoteBoard {
	const { notes } = boardMaps(doc);
	return {
		id: boardId,
		get figures() {
			return readFigures(doc);
		},
		noteFigure(noteId) {
			const note = notes.get(noteId);
			const figureId = note instanceof Y.Map ? note.get('figureId') : null;
			return typeof figureId === 'string' ? figureId : null;
		}
	};
}

/**
 * figure id → vote entry, for the figures the vote counts on one board. A figure id that two
 * entries name (only a hand-edited doc can) belongs to the first, so it never gets two quotas.
 */
export function votedFigures(vote: Vote | null, board: Pick<VoteBoard, 'id' | 'figures'>): Map<string, VoteEntry> {
	const listed = new Map<string, VoteEntry>();
	for (const entry of vote?.figures ?? []) {
		const id = entry.figureIds
			? Object.hasOwn(entry.figureIds, board.id)
				? entry.figureIds[board.id]
				: undefined
			: pickVoteFigure(board.figures, entry.title);
		if (id && !listed.has(id)) listed.set(id, entry);
	}
	return listed;
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

/** The dots whose note is in the figure they name now: the only ones that count or take a quota. */
export function liveDots(dots: readonly Dot[], board: Pick<VoteBoard, 'noteFigure'>): Dot[] {
	return dots.filter((d) => board.noteFigure(d.noteId) === d.figureId);
}

/**
 * Why a set of one person's dots breaks the vote's rules, or null when it keeps them. `dots` are
 * all of the person's dots of this vote; `added` the ones just placed or changed. Old dots are
 * not re-judged: a note moved after it got a dot must not block the next dot. Quota and stacking
 * count live dots only (see the header); the tally holds a person to them again at close. The
 * server's policy and the board UI both use this, so the UI never offers what the server would
 * refuse.
 */
export function dotRefusal(vote: Vote | null, board: VoteBoard, dots: readonly Dot[], added: readonly Dot[]): string | null {
	if (!added.length) return null;
	if (!vote || vote.status !== 'open') return 'no vote is open';
	const listed = votedFigures(vote, board);
	const live = liveDots(dots, board);
	for (const dot of added) {
		if (dot.voteId !== vote.id) return `dot ${dot.id} is for another vote`;
		if (dot.boardId !== board.id) return `dot ${dot.id} is on another group's board`;
		const entry = listed.get(dot.figureId);
		if (!entry) return `dot ${dot.id} names figure ${dot.figureId}, which the vote does not count on this board`;
		if (board.noteFigure(dot.noteId) !== dot.figureId) return `dot ${dot.id} is on a note outside figure ${dot.figureId}`;
		if (countDots(live, dot.figureId) > entry.quota) return `over the quota of ${entry.quota} in "${entry.title}"`;
		if (!vote.allowStacking && live.filter((d) => d.noteId === dot.noteId).length > 1) {
			return `a second dot on note ${dot.noteId} while stacking is off`;
		}
	}
	return null;
}

/**
 * noteId → number of dots on one board, over every person's dots of the vote (one array per
 * person). A dot counts once, for the figure it names, and only if the vote lists that figure for
 * the board and the note is in it now. Per person at most `quota` dots count in a figure and,
 * with stacking off, one per note, whatever a private doc holds (notes moved back into a figure,
 * or a doc the policy never judged). Over the limit, the lowest dot ids count.
 */
export function tally(vote: Vote, board: VoteBoard, dotsByPerson: readonly (readonly Dot[])[]): Map<string, number> {
	const listed = votedFigures(vote, board);
	const counts = new Map<string, number>();
	for (const dots of dotsByPerson) {
		const perFigure = new Map<string, number>();
		const perNote = new Set<string>();
		for (const dot of [...dots].sort((a, b) => a.id.localeCompare(b.id))) {
			const entry = listed.get(dot.figureId);
			if (dot.voteId !== vote.id || dot.boardId !== board.id || !entry) continue;
			if (board.noteFigure(dot.noteId) !== dot.figureId) continue;
			const spent = perFigure.get(dot.figureId) ?? 0;
			if (spent >= entry.quota || (!vote.allowStacking && perNote.has(dot.noteId))) continue;
			perFigure.set(dot.figureId, spent + 1);
			perNote.add(dot.noteId);
			counts.set(dot.noteId, (counts.get(dot.noteId) ?? 0) + 1);
		}
	}
	return counts;
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
