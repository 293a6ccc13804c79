/**
 * Who may write what in a board doc, judged from an admission Analysis (admission.ts) before the
 * update is applied.
 *
 *   writer        meta / figures                     notes
 *   participant   nothing                            add a note (author fields their own, no vote
 *                                                    results); change its text, figureId, x, y,
 *                                                    colour; delete a note
 *   facilitator   the schema's keys, checked values  the same, plus author fields and results
 * Everyone: only the three roots; values by src/lib/board/board-rules.ts (finite, bounded
 * geometry; bounded strings; a Y.Text where the schema has one and nowhere else); a note's text at
 * most NOTE_TEXT_MAX characters; `schemaVersion` is the server's alone. The server's own writes
 * (SERVER_ORIGIN) never come through here.
 *
 * The note text cap needs the text after the update (deletes and inserts mix), so it is the one
 * check made after applying, and only when the update could push a note past the cap.
 */
import * as Y from 'yjs';
import {
	BOARD_ROOTS,
	FIGURE_KEYS,
	ID_MAX,
	META_KEYS,
	NOTE_AUTHOR_KEYS,
	NOTE_EDITABLE_KEYS,
	NOTE_KEYS,
	NOTE_RESULT_KEYS,
	valueRefusal
} from '../../src/lib/board/board-rules';
import { NOTE_TEXT_MAX } from '../../src/lib/board/limits';
import { boardMaps } from '../../src/lib/board/schema';
import type { Analysis, PlacedStruct } from './admission';
import type { UpdateInspection } from './room';

/** The person writing: a participant with who they are in the workshop, or the facilitator. */
export type BoardWriter = { role: 'facilitator' } | { role: 'participant'; id: string; name: string; organisation: string };

export type BoardVerdict = { refuse: string } | { inspect: UpdateInspection | null };

/** The note ids an update adds, changes or deletes, and the figure ids it moves notes into. */
export interface NoteTouches {
	notes: Set<string>;
	movedInto: Set<string>;
}

export function judgeBoardUpdate(doc: Y.Doc, analysis: Analysis, writer: BoardWriter): BoardVerdict {
	const { notes } = boardMaps(doc);
	const created = new Set<string>();
	const authorKeys = new Map<string, Set<string>>();
	const written = new Set<string>();
	const textGrowth = new Map<string, number>();
	for (const { item, at } of analysis.structs) {
		const refusal = structRefusal(item, at.root, at.path, writer, notes, created, authorKeys, written, textGrowth);
		if (refusal) return { refuse: refusal };
	}
	for (const id of created) {
		if (writer.role === 'participant' && !authorKeys.get(id)?.has('authorId')) return { refuse: `note ${id} has no author` };
	}
	const removed = new Set(analysis.removals.filter((r) => r.at.root === 'notes' && r.at.path.length === 1).map((r) => r.at.path[0]!));
	for (const removal of analysis.removals) {
		const refusal = removalRefusal(removal, writer, removed, written);
		if (refusal) return { refuse: refusal };
	}
	return { inspect: textCapInspection(doc, textGrowth) };
}

/** Every note the update touches, for the lock rules (write-policy.ts). */
export function noteTouches(analysis: Analysis): NoteTouches {
	const touched: NoteTouches = { notes: new Set(), movedInto: new Set() };
	for (const { item, at } of [...analysis.structs, ...analysis.removals]) {
		if (at.root !== 'notes' || typeof at.path[0] !== 'string') continue;
		touched.notes.add(at.path[0]);
		if (at.path.length === 2 && at.path[1] === 'figureId' && item.content instanceof Y.ContentAny) {
			const value = item.content.arr[0];
			if (typeof value === 'string') touched.movedInto.add(value);
		}
	}
	return touched;
}

function structRefusal(
	item: Y.Item,
	root: string,
	path: readonly (string | null)[],
	writer: BoardWriter,
	notes: Y.Map<Y.Map<unknown>>,
	created: Set<string>,
	authorKeys: Map<string, Set<string>>,
	written: Set<string>,
	textGrowth: Map<string, number>
): string | null {
	if (!BOARD_ROOTS.has(root)) return `writes outside the board schema ("${root}")`;
	const content = item.content;
	// Made and deleted in one transaction: nothing of it will exist.
	if (content instanceof Y.ContentDeleted) return null;
	const [entry, key, position] = path;
	if (typeof entry !== 'string' || entry.length > ID_MAX) return `a bad key in "${root}"`;
	if (root !== 'notes' && writer.role === 'participant') return `participants may not change "${root}"`;

	if (root === 'meta') {
		if (path.length === 1) return valueRefusal(META_KEYS, entry, mapValue(content));
		return path.length === 2 && entry === 'instructions' && key === null && content instanceof Y.ContentString
			? null
			: 'a bad change to the board instructions';
	}
	if (root === 'figures') {
		if (path.length === 1) return isMap(content) ? null : `figure ${entry} must be a map`;
		if (path.length === 2 && typeof key === 'string') return prefixed(`figure ${entry}`, valueRefusal(FIGURE_KEYS, key, mapValue(content)));
		return `a bad change to figure ${entry}`;
	}

	// notes
	if (path.length === 1) {
		if (!isMap(content)) return `note ${entry} must be a map`;
		created.add(entry);
		return null;
	}
	if (path.length === 2 && typeof key === 'string') {
		written.add(`${entry}/${key}`);
		const bad = valueRefusal(NOTE_KEYS, key, mapValue(content));
		if (bad) return prefixed(`note ${entry}`, bad);
		if (writer.role === 'facilitator') return null;
		if (NOTE_RESULT_KEYS.has(key)) return `participants may not write vote results (note ${entry})`;
		const isNew = created.has(entry) || !(notes.get(entry) instanceof Y.Map);
		if (!isNew) return NOTE_EDITABLE_KEYS.has(key) ? null : `"${key}" of note ${entry} is not the participant's to change`;
		if (NOTE_AUTHOR_KEYS.has(key)) {
			if (!isOwnAuthorField(key, (content as Y.ContentAny).arr[0], writer)) return `note ${entry} names another author`;
			const keys = authorKeys.get(entry) ?? new Set<string>();
			keys.add(key);
			authorKeys.set(entry, keys);
		}
		return null;
	}
	if (path.length === 3 && key === 'text' && position === null) {
		if (!(content instanceof Y.ContentString)) return `the text of note ${entry} holds something other than characters`;
		textGrowth.set(entry, (textGrowth.get(entry) ?? 0) + content.str.length);
		return null;
	}
	return `a bad change to note ${entry}`;
}

function removalRefusal(removal: PlacedStruct, writer: BoardWriter, removedNotes: Set<string>, written: Set<string>): string | null {
	if (writer.role === 'facilitator') return null; // the facilitator can always delete, so a full board can shrink
	const { root, path } = removal.at;
	if (!BOARD_ROOTS.has(root)) return null;
	if (root !== 'notes') return `participants may not delete from "${root}"`;
	const [entry, key] = path;
	if (path.length === 1 || (typeof entry === 'string' && removedNotes.has(entry))) return null;
	if (path.length === 3 && key === 'text') return null;
	// An overwrite deletes the old value: allowed where the new value was allowed.
	if (path.length === 2 && written.has(`${entry}/${key}`)) return null;
	return `participants may not delete "${String(key)}" of note ${String(entry)}`;
}

/** Only checked after applying, and only for notes whose text could now exceed the cap. */
function textCapInspection(doc: Y.Doc, growth: Map<string, number>): UpdateInspection | null {
	const { notes } = boardMaps(doc);
	const suspects: string[] = [];
	for (const [id, added] of growth) {
		const text = notes.get(id)?.get('text');
		const before = text instanceof Y.Text ? text.length : 0;
		if (before + added > NOTE_TEXT_MAX) suspects.push(id);
	}
	if (!suspects.length) return null;
	return () => {
		for (const id of suspects) {
			const text = notes.get(id)?.get('text');
			if (text instanceof Y.Text && text.length > NOTE_TEXT_MAX) return `note ${id} is longer than ${NOTE_TEXT_MAX} characters`;
		}
		return null;
	};
}

function mapValue(content: Y.Item['content']): { isText: true } | { isText: false; value: unknown } {
	if (content instanceof Y.ContentType) return content.type instanceof Y.Text ? { isText: true } : { isText: false, value: content.type };
	if (content instanceof Y.ContentAny && content.arr.length === 1) return { isText: false, value: content.arr[0] };
	// Strings, embeds, binaries and multi-value contents are not map values the schema knows.
	return { isText: false, value: Symbol('not a schema value') };
}

function isMap(content: Y.Item['content']): boolean {
	return content instanceof Y.ContentType && content.type instanceof Y.Map;
}

function prefixed(subject: string, refusal: string | null): string | null {
	return refusal ? `${subject}: ${refusal}` : null;
}

/** Names are compared as the join stored them, give or take Unicode normalisation and spacing. */
function isOwnAuthorField(key: string, value: unknown, writer: Extract<BoardWriter, { role: 'participant' }>): boolean {
	if (typeof value !== 'string') return false;
	if (key === 'authorId') return value === writer.id;
	return normalise(value) === normalise(key === 'authorName' ? writer.name : writer.organisation);
}

function normalise(text: string): string {
	return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}
