/**
 * The board document (one Yjs doc per board). Three top-level maps and nothing else:
 *   meta    : schemaVersion (number), title (string), instructions (Y.Text, Markdown)
 *   figures : id → Y.Map { kind, title, x, y, w, h, color, …kind-specific keys:
 *               columns (columns, grid): string[] headings left to right
 *               rows    (grid): string[] headings top to bottom
 *               picture (image): id of an uploaded picture, stored outside the doc }
 *   notes   : id → Y.Map { text (Y.Text), figureId (string | null), x, y, color,
 *                          authorId, authorName, organisation, createdAt }
 * Coordinates are board units (1 unit = 1 CSS px at zoom 1). A note's figureId says which figure
 * it belongs to; x/y are absolute so that a figure can move without rewriting its notes' meaning.
 * Presence never lives here: it goes in awareness.
 */
import * as Y from 'yjs';
import { HEADINGS_MAX } from './limits';

export const SCHEMA_VERSION = 1;

export const FIGURE_KINDS = ['question', 'summary', 'columns', 'grid', 'image', 'text'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** Post-it colours, named for people and for screen readers; hex values live in the UI theme. */
export const NOTE_COLORS = ['yellow', 'pink', 'green', 'blue', 'orange', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

export const FIGURE_COLORS = ['sand', 'sky', 'mint', 'rose', 'lilac', 'slate'] as const;
export type FigureColor = (typeof FIGURE_COLORS)[number];

/** A note's size in board units; fixed so that layout and hit-testing agree everywhere. */
export const NOTE_W = 180;
export const NOTE_H = 120;

export interface Figure {
	id: string;
	kind: FigureKind;
	title: string;
	x: number;
	y: number;
	w: number;
	h: number;
	color: FigureColor;
	/** Column headings of a 'columns' or 'grid' figure; empty for other kinds. */
	columns: string[];
	/** Row headings of a 'grid' figure; empty for other kinds. */
	rows: string[];
	/** The uploaded picture behind an 'image' figure (server/pictures), or null. */
	picture: string | null;
}

export interface Note {
	id: string;
	text: string;
	figureId: string | null;
	x: number;
	y: number;
	color: NoteColor;
	authorId: string;
	authorName: string;
	organisation: string;
	createdAt: number;
	/** Set by the server when a vote closes (vote.ts); absent on notes no vote has counted. */
	votes?: number;
	top?: boolean;
}

export interface BoardMeta {
	schemaVersion: number;
	title: string;
	instructions: string;
}

export interface BoardMaps {
	meta: Y.Map<unknown>;
	figures: Y.Map<Y.Map<unknown>>;
	notes: Y.Map<Y.Map<unknown>>;
}

export function boardMaps(doc: Y.Doc): BoardMaps {
	return {
		meta: doc.getMap('meta'),
		figures: doc.getMap('figures') as Y.Map<Y.Map<unknown>>,
		notes: doc.getMap('notes') as Y.Map<Y.Map<unknown>>
	};
}

/** Short random ids; collisions between peers are what matters, so 12 base36 chars suffice. */
export function newId(): string {
	const bytes = new Uint8Array(8);
	crypto.getRandomValues(bytes);
	let id = '';
	for (const b of bytes) id += (b % 36).toString(36);
	return id + Date.now().toString(36).slice(-4);
}

// Readers tolerate anything: a document may come from an old client or a hostile one.

function num(v: unknown, fallback = 0): number {
	return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function str(v: unknown, fallback = ''): string {
	return typeof v === 'string' ? v : fallback;
}

/** Headings: strings only, and never so many that a hostile doc could stall a reader. */
function headings(v: unknown): string[] {
	if (!Array.isArray(v)) return [];
	return v.filter((h): h is string => typeof h === 'string').slice(0, HEADINGS_MAX);
}

function oneOf<T extends string>(values: readonly T[], v: unknown, fallback: T): T {
	return values.includes(v as T) ? (v as T) : fallback;
}

export function readFigure(id: string, map: Y.Map<unknown>): Figure {
	const picture = map.get('picture');
	return {
		id,
		kind: oneOf(FIGURE_KINDS, map.get('kind'), 'question'),
		title: str(map.get('title')),
		x: num(map.get('x')),
		y: num(map.get('y')),
		w: Math.max(NOTE_W, num(map.get('w'), 600)),
		h: Math.max(NOTE_H, num(map.get('h'), 400)),
		color: oneOf(FIGURE_COLORS, map.get('color'), 'sand'),
		columns: headings(map.get('columns')),
		rows: headings(map.get('rows')),
		picture: typeof picture === 'string' && picture ? picture : null
	};
}

export function readNote(id: string, map: Y.Map<unknown>): Note {
	const text = map.get('text');
	const figureId = map.get('figureId');
	return {
		id,
		text: text instanceof Y.Text ? text.toString() : '',
		figureId: typeof figureId === 'string' ? figureId : null,
		x: num(map.get('x')),
		y: num(map.get('y')),
		color: oneOf(NOTE_COLORS, map.get('color'), 'yellow'),
		authorId: str(map.get('authorId')),
		authorName: str(map.get('authorName')),
		organisation: str(map.get('organisation')),
		createdAt: num(map.get('createdAt')),
		...voteResult(map)
	};
}

/** Only present keys are added, so notes without a vote read exactly as before. */
function voteResult(map: Y.Map<unknown>): Pick<Note, 'votes' | 'top'> {
	const votes = map.get('votes');
	if (typeof votes !== 'number' || !Number.isFinite(votes)) return {};
	return { votes, top: map.get('top') === true };
}

export function readMeta(doc: Y.Doc): BoardMeta {
	const { meta } = boardMaps(doc);
	const instructions = meta.get('instructions');
	return {
		schemaVersion: num(meta.get('schemaVersion')),
		title: str(meta.get('title')),
		instructions: instructions instanceof Y.Text ? instructions.toString() : ''
	};
}

/**
 * Ids in code-unit order, for ties. newId's ids are [0-9a-z], where this is the order localeCompare
 * gives too; localeCompare costs a collator, some 15 ms on a phone for its first call alone.
 */
export function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Notes oldest first, so that newer notes stack on top. */
export function byCreation(a: Note, b: Note): number {
	return a.createdAt - b.createdAt || compareIds(a.id, b.id);
}

/** Figures in drawing order: larger first, so that a small figure on a big one stays clickable. */
export function readFigures(doc: Y.Doc): Figure[] {
	const figures: Figure[] = [];
	boardMaps(doc).figures.forEach((map, id) => {
		if (map instanceof Y.Map) figures.push(readFigure(id, map));
	});
	return figures.sort((a, b) => b.w * b.h - a.w * a.h || compareIds(a.id, b.id));
}

/** The notes, oldest first (byCreation). */
export function readNotes(doc: Y.Doc): Note[] {
	const notes: Note[] = [];
	boardMaps(doc).notes.forEach((map, id) => {
		if (map instanceof Y.Map) notes.push(readNote(id, map));
	});
	return notes.sort(byCreation);
}
