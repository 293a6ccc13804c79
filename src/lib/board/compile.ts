/**
 * The compiled summary ("Sammanställning", seed 003): for each question, the notes of every group,
 * with identical texts merged. Pure: the server feeds it the boards, the exporters format it.
 * A question a closed vote counted lists its points by votes, each with its count and top mark
 * per group (vote-results.ts), so that the result goes wherever the summary goes.
 */
import { readFigures, readNotes, type Figure, type FigureKind } from './schema';
import { rankVotes, type FigureResult } from './vote-results';
import type * as Y from 'yjs';

export interface GroupBoardSnapshot {
	groupName: string;
	figures: Figure[];
	notes: {
		id: string;
		text: string;
		figureId: string | null;
		organisation: string;
		authorName: string;
		y: number;
		x: number;
		votes?: number;
		top?: boolean;
	}[];
	/** figure id → the "Topp N" of the vote that counted it; a figure without one ranks by the notes' marks. */
	voteQuotas?: ReadonlyMap<string, number>;
}

/** A point's result in one group's vote. */
export interface ItemVote {
	group: string;
	votes: number;
	/**
	 * Where the vote put it, for a note in the top ("Topp 2", "Topp 2, delad 2:a plats"); null
	 * outside the top. Kept as numbers, not words: each export says it in its own language.
	 */
	top: TopMark | null;
}

/** A note in a vote's top: the vote's N (null when unknown), its place, and whether it shares it. */
export interface TopMark {
	quota: number | null;
	place: number;
	shared: boolean;
}

export interface CompiledItem {
	text: string;
	/** Groups that wrote this text, in group order. */
	groups: string[];
	/** Organisations of the authors, without repeats (empty for anonymous notes). */
	organisations: string[];
	/** How many notes were merged into this item. */
	count: number;
	/** Per group whose closed vote counted it, in group order; absent when no vote did. */
	votes?: ItemVote[];
	/**
	 * For a theme the facilitator accepted ("Teman", summary-edits.ts): its points, each with its own
	 * credits and votes, listed under `text`, the theme's title. Absent for a plain point.
	 */
	points?: CompiledItem[];
}

export interface CompiledQuestion {
	title: string;
	kind: FigureKind;
	items: CompiledItem[];
}

export function snapshotBoard(groupName: string, doc: Y.Doc, voteQuotas?: ReadonlyMap<string, number>): GroupBoardSnapshot {
	return { groupName, figures: readFigures(doc), notes: readNotes(doc), voteQuotas };
}

/** One entry per group: two notes of one group merged into a point add their votes, the better mark leads. */
export function mergeItemVotes(lists: readonly (readonly ItemVote[] | undefined)[]): ItemVote[] | undefined {
	const byGroup = new Map<string, ItemVote>();
	for (const v of lists.flatMap((list) => list ?? [])) {
		const seen = byGroup.get(v.group);
		byGroup.set(v.group, seen ? { group: v.group, votes: seen.votes + v.votes, top: seen.top ?? v.top } : { ...v });
	}
	return byGroup.size ? [...byGroup.values()] : undefined;
}

/** All of a point's votes, or -1 for a point no vote counted, so that it comes after counted ones. */
export function totalVotes(item: Pick<CompiledItem, 'votes'>): number {
	return item.votes ? item.votes.reduce((sum, v) => sum + v.votes, 0) : -1;
}

/** Most votes first; equal totals, and questions no vote counted, keep their order. */
export function byVotes<T extends Pick<CompiledItem, 'votes'>>(items: T[]): T[] {
	return items.some((i) => i.votes) ? [...items].sort((a, b) => totalVotes(b) - totalVotes(a)) : items;
}

function noteVote(groupName: string, result: FigureResult | null, noteId: string): ItemVote[] | undefined {
	const placing = result?.placings.get(noteId);
	if (!placing) return undefined;
	const top = placing.top ? { quota: result!.quota, place: placing.place, shared: placing.shared } : null;
	return [{ group: groupName, votes: placing.votes, top }];
}

/** Texts that differ only in case, spacing or a trailing full stop are the same point. */
export function mergeKey(text: string): string {
	return text.trim().replace(/\s+/g, ' ').replace(/[.!]+$/, '').toLocaleLowerCase('sv');
}

/**
 * Questions are matched by title across boards (every group board comes from one template) and
 * listed in reading order of the first board that has them; notes within a question in reading
 * order, group by group. Empty notes are left out.
 */
export function compileSummary(boards: GroupBoardSnapshot[]): CompiledQuestion[] {
	const questions = new Map<string, { kind: FigureKind; order: number; items: Map<string, CompiledItem> }>();
	let order = 0;
	for (const board of boards) {
		const figures = [...board.figures].sort((a, b) => a.y - b.y || a.x - b.x);
		for (const figure of figures) {
			const title = figure.title.trim();
			if (!title) continue;
			if (!questions.has(title)) questions.set(title, { kind: figure.kind, order: order++, items: new Map() });
			const question = questions.get(title)!;
			const inFigure = board.notes.filter((n) => n.figureId === figure.id).sort((a, b) => a.y - b.y || a.x - b.x);
			// Ranked before empty notes are left out, so that places are the ones the vote gave.
			const result = rankVotes(inFigure, board.voteQuotas?.get(figure.id) ?? null);
			const notes = inFigure.filter((n) => n.text.trim());
			for (const note of notes) {
				const key = mergeKey(note.text);
				const item: CompiledItem = question.items.get(key) ?? { text: note.text.trim(), groups: [], organisations: [], count: 0 };
				item.count++;
				const votes = mergeItemVotes([item.votes, noteVote(board.groupName, result, note.id)]);
				if (votes) item.votes = votes;
				if (!item.groups.includes(board.groupName)) item.groups.push(board.groupName);
				if (note.organisation && !item.organisations.includes(note.organisation)) item.organisations.push(note.organisation);
				question.items.set(key, item);
			}
		}
	}
	return [...questions.entries()]
		.sort((a, b) => a[1].order - b[1].order)
		.map(([title, q]) => ({ title, kind: q.kind, items: byVotes([...q.items.values()]) }));
}
