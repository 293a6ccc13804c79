/**
 * The live plenary summary (issue 3 §7): the board `<code>/board/plenary`, written by the server.
 *
 *   mirror figure  id `m:<groupId>`      kind 'summary', title "<Gruppnamn>: <summary title>",
 *                                         keys plenaryGroup (groupId), plenaryOrder (group order)
 *   mirror note    id `m:<groupId>:<id>` a copy of note <id> in the group's summary figure(s):
 *                                         text, colour, author, organisation; key mirrorOf
 *                                         ("<groupId>:<id>")
 *   copies figure  id `copies`           "Från grupperna" (copiesTitle): notes the facilitator copied by hand
 *   copied note    random id             key copiedFrom ("<groupId>:<id>"); the mirror never
 *                                         touches it, so it outlives its source
 * The ids are derived from the source, so a refresh is a diff: the same source note always lands
 * on the same plenary note, and a note that left the summary figure (moved, deleted) has a
 * mirror with no source, which is removed. Only keys whose value changed are written, so a
 * refresh with nothing new produces no update at all.
 *
 * A source that says what changed since the group's last sync (SummaryChanges, from the server's
 * watch) is synced as a delta: only the mirrors of notes written, re-placed or gone are touched, so
 * a refresh costs what changed, not the size of the plenary. A source without it (the first sync
 * of a group, a rename) is compared note by note with the whole plenary. Between two full syncs, a
 * facilitator's own edit to a mirror note stays until that note changes in its group.
 *
 * The words Verkstad writes here (the board's title and instructions, "Från grupperna") are
 * content of a shared doc, read by everyone: they are written once, in the workshop's language.
 *
 * Layout: mirror figures in a grid of MIRROR_COLUMNS, ordered by group; each is as tall as its
 * notes need (four to a row); a row is as tall as its tallest figure. Inside a figure a row of
 * notes is as tall as its tallest note is drawn (note-size.ts): the seed notes of 100–250
 * characters are two to three times NOTE_H. The copies figure stands to the right of the grid, at
 * a fixed place, so that the grid growing never moves it.
 */
import * as Y from 'yjs';
import { m } from '../paraglide/messages';
import { initBoard } from './board';
import { setNoteText } from './note';
import { noteHeight } from './note-size';
import { boardMaps, newId, readFigures, readNote, readNotes, NOTE_H, NOTE_W, type Note } from './schema';
import type { WorkshopLanguage } from './workshop';

export const PLENARY_BOARD = 'plenary';
export const COPIES_FIGURE = 'copies';

/** The title of the figure of copied notes: "Från grupperna", "From the groups". */
export function copiesTitle(language: WorkshopLanguage): string {
	return m.board_copies_title({}, { locale: language });
}

const MIRROR_COLUMNS = 3;
const NOTES_PER_ROW = 4;
const GAP = 16;
/** Room for a two-line title at the board's title size, as in freeSpotInFigure. */
const TITLE_BAR = 96;
const FIGURE_W = GAP + NOTES_PER_ROW * (NOTE_W + GAP);
const FIGURE_GAP = 48;
const COPIES_X = MIRROR_COLUMNS * (FIGURE_W + FIGURE_GAP);

/** What one group contributes: its summary figure's title and the notes in it, oldest first. */
export interface SummarySource {
	groupId: string;
	groupName: string;
	order: number;
	/** Title of the group's first summary figure; '' when the board has none. */
	figureTitle: string;
	notes: Note[];
	/** What changed since the group's last sync into this plenary; absent when that is not known. */
	changes?: SummaryChanges;
}

/** The notes of a group's summary that changed since its last sync. */
export interface SummaryChanges {
	/** Notes new, edited, or in another slot (another place in the order, or a row above grew or shrank). */
	written: ReadonlySet<string>;
	/** Notes that left the summary: moved out of it, or deleted. */
	left: ReadonlySet<string>;
}

/** The summary figures of a group board and their notes. Several summary figures pool their notes. */
export function readSummarySource(boardDoc: Y.Doc, group: { id: string; name: string; order: number }): SummarySource {
	const summaries = readFigures(boardDoc)
		.filter((f) => f.kind === 'summary')
		.sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id));
	const ids = new Set(summaries.map((f) => f.id));
	return {
		groupId: group.id,
		groupName: group.name,
		order: group.order,
		figureTitle: summaries[0]?.title ?? '',
		notes: readNotes(boardDoc).filter((n) => n.figureId !== null && ids.has(n.figureId))
	};
}

export const mirrorFigureId = (groupId: string): string => `m:${groupId}`;
export const mirrorNoteId = (groupId: string, noteId: string): string => `m:${groupId}:${noteId}`;

/**
 * Rows of notes grow in steps of half a note: typing into the tallest note of a row then moves
 * the rows below it every third line or so, not on every line.
 */
const ROW_STEP = NOTE_H / 2;

/** A figure with no notes keeps room for one row, so that it reads as a place for them. */
const MIN_FIGURE_H = TITLE_BAR + NOTE_H + 2 * GAP;

/** Where a figure's notes go, four to a row, relative to its top-left corner; and its height. */
export interface MirrorLayout {
	slots: { dx: number; dy: number }[];
	h: number;
}

/** The layout of a figure holding notes with these texts, in this order. */
export function mirrorLayout(texts: readonly string[]): MirrorLayout {
	const slots: { dx: number; dy: number }[] = [];
	let top = TITLE_BAR;
	for (let first = 0; first < texts.length; first += NOTES_PER_ROW) {
		const row = texts.slice(first, first + NOTES_PER_ROW);
		row.forEach((_, col) => slots.push({ dx: GAP + col * (NOTE_W + GAP), dy: top }));
		top += rowHeight(row) + GAP;
	}
	return { slots, h: Math.max(MIN_FIGURE_H, top + GAP) };
}

function rowHeight(texts: readonly string[]): number {
	return Math.ceil(Math.max(...texts.map(noteHeight)) / ROW_STEP) * ROW_STEP;
}

/** Positions of the mirror figures: a grid by group order, rows as tall as their tallest figure. */
export function gridLayout(figures: { id: string; order: number; h: number }[]): Map<string, { x: number; y: number }> {
	const sorted = [...figures].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
	const at = new Map<string, { x: number; y: number }>();
	let y = 0;
	for (let row = 0; row * MIRROR_COLUMNS < sorted.length; row++) {
		const cells = sorted.slice(row * MIRROR_COLUMNS, (row + 1) * MIRROR_COLUMNS);
		cells.forEach((f, col) => at.set(f.id, { x: col * (FIGURE_W + FIGURE_GAP), y }));
		y += Math.max(...cells.map((f) => f.h)) + FIGURE_GAP;
	}
	return at;
}

/** Fills an empty plenary doc, in the workshop's language; does nothing to one that has a schema version already. */
export function ensurePlenary(doc: Y.Doc, language: WorkshopLanguage, origin?: unknown): void {
	if (boardMaps(doc).meta.has('schemaVersion')) return;
	const locale = { locale: language };
	initBoard(doc, { title: m.board_plenary_title({}, locale), instructions: m.board_plenary_instructions({}, locale), figures: [] }, origin);
}

/** Writes a key only when its value differs, so an unchanged refresh stays an empty transaction. */
function put(map: Y.Map<unknown>, key: string, value: unknown): void {
	if (map.get(key) !== value) map.set(key, value);
}

function ensureMap(parent: Y.Map<Y.Map<unknown>>, id: string): Y.Map<unknown> {
	const existing = parent.get(id);
	if (existing instanceof Y.Map) return existing;
	const map = new Y.Map<unknown>();
	parent.set(id, map);
	return map;
}

function writeNoteCopy(map: Y.Map<unknown>, doc: Y.Doc, id: string, note: Note, figureId: string, slot: { x: number; y: number }): void {
	if (!(map.get('text') instanceof Y.Text)) map.set('text', new Y.Text(note.text));
	else setNoteText(doc, id, note.text);
	put(map, 'figureId', figureId);
	put(map, 'x', slot.x);
	put(map, 'y', slot.y);
	put(map, 'color', note.color);
	put(map, 'authorId', note.authorId);
	put(map, 'authorName', note.authorName);
	put(map, 'organisation', note.organisation);
	put(map, 'createdAt', note.createdAt);
}

/**
 * Brings one group's mirror in the plenary doc up to date with its summary: figure, notes, and
 * the grid (another group's figure moves when a row grows or shrinks). A group whose board has
 * no summary figure has no mirror figure.
 */
export function syncGroupMirror(doc: Y.Doc, source: SummarySource, language: WorkshopLanguage, origin?: unknown): void {
	doc.transact(() => {
		ensurePlenary(doc, language, origin);
		const { figures, notes } = boardMaps(doc);
		const figureId = mirrorFigureId(source.groupId);
		// A delta needs the mirror it builds on: without the figure (a new plenary) every note is written.
		const changes = source.figureTitle && figures.has(figureId) ? source.changes : undefined;
		const layout = mirrorLayout(source.notes.map((n) => n.text));
		if (changes) {
			for (const id of changes.left) notes.delete(mirrorNoteId(source.groupId, id));
		} else {
			const wanted = new Set(source.figureTitle ? source.notes.map((n) => mirrorNoteId(source.groupId, n.id)) : []);
			notes.forEach((map, id) => {
				if (map instanceof Y.Map && map.get('mirrorOf') !== undefined && map.get('figureId') === figureId && !wanted.has(id)) {
					notes.delete(id);
				}
			});
		}
		if (!source.figureTitle) {
			figures.delete(figureId);
		} else {
			const figure = ensureMap(figures, figureId);
			put(figure, 'kind', 'summary');
			put(figure, 'title', `${source.groupName}: ${source.figureTitle}`);
			put(figure, 'color', 'rose');
			put(figure, 'w', FIGURE_W);
			put(figure, 'h', layout.h);
			put(figure, 'plenaryGroup', source.groupId);
			put(figure, 'plenaryOrder', source.order);
			if (!figure.has('x')) figure.set('x', 0);
			if (!figure.has('y')) figure.set('y', 0);
		}
		layoutMirrors(doc);
		// Notes last: their slots hang off the figure's place after the layout.
		if (source.figureTitle) {
			const figure = figures.get(figureId)!;
			const fx = figure.get('x') as number;
			const fy = figure.get('y') as number;
			source.notes.forEach((note, i) => {
				if (changes && !changes.written.has(note.id)) return;
				const id = mirrorNoteId(source.groupId, note.id);
				const map = ensureMap(notes, id);
				put(map, 'mirrorOf', `${source.groupId}:${note.id}`);
				const slot = layout.slots[i]!;
				writeNoteCopy(map, doc, id, note, figureId, { x: fx + slot.dx, y: fy + slot.dy });
			});
		}
	}, origin);
}

/** Places every mirror figure on the grid and moves its notes along with it. */
function layoutMirrors(doc: Y.Doc): void {
	const { figures, notes } = boardMaps(doc);
	const mirrors: { id: string; order: number; h: number; map: Y.Map<unknown> }[] = [];
	figures.forEach((map, id) => {
		if (map instanceof Y.Map && typeof map.get('plenaryGroup') === 'string') {
			mirrors.push({ id, order: Number(map.get('plenaryOrder') ?? 0), h: Number(map.get('h') ?? 0), map });
		}
	});
	const places = gridLayout(mirrors);
	const moved = new Map<string, { dx: number; dy: number }>();
	for (const mirror of mirrors) {
		const place = places.get(mirror.id)!;
		const dx = place.x - Number(mirror.map.get('x') ?? 0);
		const dy = place.y - Number(mirror.map.get('y') ?? 0);
		if (dx === 0 && dy === 0) continue;
		mirror.map.set('x', place.x);
		mirror.map.set('y', place.y);
		moved.set(mirror.id, { dx, dy });
	}
	if (!moved.size) return;
	// One pass over the notes for every figure that moved (a grown row moves all the rows below it).
	notes.forEach((note) => {
		const by = moved.get(note.get('figureId') as string);
		if (!by) return;
		note.set('x', Number(note.get('x') ?? 0) + by.dx);
		note.set('y', Number(note.get('y') ?? 0) + by.dy);
	});
}

/**
 * Where the next copy goes: beside the copies in the lowest row, or when that row is full, in a
 * new row below its tallest note. The facilitator may have moved copies; only the lowest row counts.
 */
function nextCopySlot(copies: readonly Note[]): { x: number; y: number } {
	const left = COPIES_X + GAP;
	if (!copies.length) return { x: left, y: TITLE_BAR };
	const lastTop = Math.max(...copies.map((c) => c.y));
	const lastRow = copies.filter((c) => c.y > lastTop - NOTE_H / 2);
	const x = Math.max(...lastRow.map((c) => c.x)) + NOTE_W + GAP;
	if (x + NOTE_W <= COPIES_X + FIGURE_W - GAP) return { x, y: lastTop };
	return { x: left, y: lastTop + rowHeight(lastRow.map((c) => c.text)) + GAP };
}

/**
 * "Kopiera till plenum": a copy of one note into "Från grupperna", made on first use and titled in
 * the workshop's language. A copy is the facilitator's choice, not a mirror: later changes to the
 * source do not reach it.
 */
export function copyToPlenary(doc: Y.Doc, groupId: string, note: Note, language: WorkshopLanguage, origin?: unknown): string {
	const id = newId();
	doc.transact(() => {
		ensurePlenary(doc, language, origin);
		const { figures, notes } = boardMaps(doc);
		const figure = ensureMap(figures, COPIES_FIGURE);
		put(figure, 'kind', 'summary');
		put(figure, 'title', copiesTitle(language));
		put(figure, 'color', 'sky');
		put(figure, 'x', COPIES_X);
		put(figure, 'y', 0);
		put(figure, 'w', FIGURE_W);
		const copies: Note[] = [];
		notes.forEach((map, noteId) => void (map.get('figureId') === COPIES_FIGURE && copies.push(readNote(noteId, map))));
		const slot = nextCopySlot(copies);
		const bottom = Math.max(slot.y + noteHeight(note.text), ...copies.map((c) => c.y + noteHeight(c.text)));
		put(figure, 'h', Math.max(MIN_FIGURE_H, bottom + GAP));
		const map = new Y.Map<unknown>();
		map.set('text', new Y.Text(note.text));
		map.set('copiedFrom', `${groupId}:${note.id}`);
		notes.set(id, map);
		writeNoteCopy(map, doc, id, note, COPIES_FIGURE, slot);
	}, origin);
	return id;
}
