/**
 * The board schema (schema.ts) as rules a writer's change must pass: which keys a note or figure
 * may hold and what values they take. The sync server applies them to every client update of a
 * board room (server/sync/board-admission.ts); here they stay pure so that the UI, the import and
 * the server agree on one schema.
 *
 * Values are checked for every writer, the facilitator included: NaN or 1e308 geometry, a
 * 100,000-character title or a number where a Y.Text belongs would break every reader and make
 * the workshop's export fail to import. Who may write where is decided by the caller.
 */
import { FIGURE_TITLE_MAX, HEADINGS_MAX, HEADING_MAX, NAME_MAX, ORGANISATION_MAX, WORKSHOP_TITLE_MAX } from './limits';
import { FIGURE_COLORS, FIGURE_KINDS, NOTE_COLORS } from './schema';

/** Board units either way from the origin; templates use a few thousand, a dragged note a little more. */
export const COORDINATE_MAX = 1_000_000;
/** Ids are 16 base36 characters (newId); some room for ids from older versions and imports. */
export const ID_MAX = 64;

/** The top-level maps of a board doc; no other root may be written. */
export const BOARD_ROOTS = new Set(['meta', 'figures', 'notes']);

/** A note's keys a participant may change after it exists. */
export const NOTE_EDITABLE_KEYS = new Set(['text', 'figureId', 'x', 'y', 'color']);
/** Written once, when the note is made: who wrote it. */
export const NOTE_AUTHOR_KEYS = new Set(['authorId', 'authorName', 'organisation']);
/** Vote results, written by the server when a vote closes (server/workshops/votes.ts). */
export const NOTE_RESULT_KEYS = new Set(['votes', 'top']);

/** What a value in a map must be; 'text' is a Y.Text, which the caller checks by its type. */
type ValueRule = (value: unknown) => boolean;

const finiteCoordinate: ValueRule = (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= COORDINATE_MAX;
const size: ValueRule = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= COORDINATE_MAX;
const string = (max: number): ValueRule => (v) => typeof v === 'string' && v.length <= max;
const idOrNull: ValueRule = (v) => v === null || (typeof v === 'string' && v.length <= ID_MAX);
const oneOf = (values: readonly string[]): ValueRule => (v) => typeof v === 'string' && values.includes(v);
const headings: ValueRule = (v) =>
	Array.isArray(v) && v.length <= HEADINGS_MAX && v.every((h) => typeof h === 'string' && h.length <= HEADING_MAX);
const timestamp: ValueRule = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export const NOTE_KEYS: Readonly<Record<string, ValueRule | 'text'>> = {
	text: 'text',
	figureId: idOrNull,
	x: finiteCoordinate,
	y: finiteCoordinate,
	color: oneOf(NOTE_COLORS),
	authorId: string(ID_MAX),
	authorName: string(NAME_MAX),
	organisation: string(ORGANISATION_MAX),
	createdAt: timestamp,
	votes: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
	top: (v) => typeof v === 'boolean'
};

export const FIGURE_KEYS: Readonly<Record<string, ValueRule>> = {
	kind: oneOf(FIGURE_KINDS),
	title: string(FIGURE_TITLE_MAX),
	x: finiteCoordinate,
	y: finiteCoordinate,
	w: size,
	h: size,
	color: oneOf(FIGURE_COLORS),
	columns: headings,
	rows: headings,
	picture: idOrNull
};

/** `schemaVersion` is absent: only the server's migrations write it. */
export const META_KEYS: Readonly<Record<string, ValueRule | 'text'>> = {
	title: string(WORKSHOP_TITLE_MAX),
	instructions: 'text'
};

/** Why `value` may not be stored under `key` by `rules`, or null when it may. `isText`: the value is a Y.Text. */
export function valueRefusal(
	rules: Readonly<Record<string, ValueRule | 'text'>>,
	key: string,
	value: { isText: true } | { isText: false; value: unknown }
): string | null {
	const rule = rules[key];
	if (!rule) return `unknown key "${key}"`;
	if (rule === 'text') return value.isText ? null : `"${key}" must be a text`;
	if (value.isText) return `"${key}" may not be a text`;
	return rule(value.value) ? null : `a bad value for "${key}"`;
}
