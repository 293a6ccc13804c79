/**
 * The compiled summary ("Sammanställning", seed 003): for each question, the notes of every group,
 * with identical texts merged. Pure: the server feeds it the boards, the exporters format it.
 */
import { readFigures, readNotes, type Figure, type FigureKind } from './schema';
import type * as Y from 'yjs';

export interface GroupBoardSnapshot {
	groupName: string;
	figures: Figure[];
	notes: { text: string; figureId: string | null; organisation: string; authorName: string; y: number; x: number }[];
}

export interface CompiledItem {
	text: string;
	/** Groups that wrote this text, in group order. */
	groups: string[];
	/** Organisations of the authors, without repeats (empty for anonymous notes). */
	organisations: string[];
	/** How many notes were merged into this item. */
	count: number;
}

export interface CompiledQuestion {
	title: string;
	kind: FigureKind;
	items: CompiledItem[];
}

export function snapshotBoard(groupName: string, doc: Y.Doc): GroupBoardSnapshot {
	return { groupName, figures: readFigures(doc), notes: readNotes(doc) };
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
			const notes = board.notes
				.filter((n) => n.figureId === figure.id && n.text.trim())
				.sort((a, b) => a.y - b.y || a.x - b.x);
			for (const note of notes) {
				const key = mergeKey(note.text);
				const item = question.items.get(key) ?? { text: note.text.trim(), groups: [], organisations: [], count: 0 };
				item.count++;
				if (!item.groups.includes(board.groupName)) item.groups.push(board.groupName);
				if (note.organisation && !item.organisations.includes(note.organisation)) item.organisations.push(note.organisation);
				question.items.set(key, item);
			}
		}
	}
	return [...questions.entries()]
		.sort((a, b) => a[1].order - b[1].order)
		.map(([title, q]) => ({ title, kind: q.kind, items: [...q.items.values()] }));
}
