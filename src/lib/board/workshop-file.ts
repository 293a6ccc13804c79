/**
 * The workshop file: a whole workshop as one versioned JSON document, written by the export
 * (`GET /api/workshops/<code>/export?format=json`) and read by the import (`POST
 * /api/workshops/import`), which makes a new workshop from it. Wire format, version 3:
 *
 *   { format: 'verkstad-workshop', version: 3, exportedAt: ISO 8601,
 *     workshop: { title, template, language?, groupCapacity, openBoards, groups: [{ id, name }],
 *                 runSheet: [{ label, minutes, lockAtEnd?, individual?, revealAtEnd?, vote? }], timerPresets: [{ label, minutes }] },
 *     boards: [{ groupId, title, instructions, figures: Figure[], notes: Note[] }],
 *     chat: ChatMessage[],
 *     pictures: { <picture id>: { type: 'image/png' | 'image/jpeg' | 'image/webp', data: base64 } },
 *     summary: { <itemKey>: { text?, drop?: true, into?: itemKey, rank?, theme?: true } } }
 *
 * Figures and notes carry every key of schema.ts (ids included, so notes keep their figure).
 * `pictures` holds each uploaded picture that an image figure on some board shows, once, under
 * the id the figures name; the import stores them in the new workshop under the same ids, after
 * checking each by its content as an upload is checked (server/pictures/carried.ts). `summary`
 * holds the facilitator's edits to the compiled summary (summary-edits.ts), which the import
 * writes into the new workshop's facilitator room. Versions 1 (before pictures were carried) and
 * 2 (before the summary edits were) are still read: they are version 3 without those keys. A file
 * without `language` (written before workshops had one) is a Swedish workshop.
 * Not carried: participants and their tokens (people join the new workshop afresh; their names
 * stay on their notes), leaders, timers, locks, votes in progress, private drafts, the plenary
 * (rebuilt from the summary figures) and pictures no figure shows (replaced ones kept for undo).
 *
 * Every bound here is one the app itself keeps, so that an export is always importable; the
 * import refuses anything else with a sentence by code (parseWorkshopFile, said.ts), which the
 * person reads in their own language.
 */
import { z } from 'zod';
import { isSaid, said, type MessageKey, type Said, type SaidArgs } from '../said';
import { CHAT_KEEP, CHAT_TEXT_MAX } from './chat';
import { hiddenCharacters } from './names';
import { isSummaryItemKey } from './summary-edits';
import {
	DEFAULT_GROUP_CAPACITY,
	FIGURE_TITLE_MAX,
	GROUPS_MAX,
	GROUPS_MIN,
	HEADING_MAX,
	HEADINGS_MAX,
	NAME_MAX,
	NOTE_TEXT_MAX,
	ORGANISATION_MAX,
	WORKSHOP_TITLE_MAX
} from './limits';
import { parseIndividualAction, parseVoteAction } from './phase-actions';
import { TIMER_PRESET_LABEL_MAX, TIMER_PRESETS_MAX } from './presets';
import { isPictureId, PICTURE_MAX_BYTES, PICTURE_MIME_TYPES, PICTURES_PER_WORKSHOP_MAX } from '../pictures';
import { FIGURE_COLORS, FIGURE_KINDS, NOTE_COLORS, NOTE_H, NOTE_W } from './schema';
import { WORKSHOP_LANGUAGES } from './workshop';

export const WORKSHOP_FILE_FORMAT = 'verkstad-workshop';
export const WORKSHOP_FILE_VERSION = 3;
/** The oldest version the import still reads: version 1 is version 3 without pictures and summary edits. */
export const WORKSHOP_FILE_OLDEST_VERSION = 1;
const WORKSHOP_FILE_VERSIONS_READ = [WORKSHOP_FILE_OLDEST_VERSION, 2, WORKSHOP_FILE_VERSION] as const;

export const BOARD_FIGURES_MAX = 200;
export const BOARD_NOTES_MAX = 5000;
/** Instructions and labels the app does not cap itself get room enough for any honest text. */
export const INSTRUCTIONS_MAX = 50_000;
export const LABEL_MAX = 200;
export const PHASES_MAX = 30;
/** One edited item per distinct note at most, and the edits of notes since deleted: bounded by every note a workshop can hold. */
export const SUMMARY_ITEMS_MAX = GROUPS_MAX * BOARD_NOTES_MAX;
/** summaryItemKey of the longest title and note, every character escaped by JSON as \uXXXX. */
const SUMMARY_KEY_MAX = 6 * (FIGURE_TITLE_MAX + NOTE_TEXT_MAX) + 8;
/** A board is tens of thousands of units wide at most; this only stops absurd numbers. */
const COORDINATE_MAX = 1e7;

const ID = /^[0-9A-Za-z_-]{1,40}$/;

/**
 * A check's message as zod carries it: zod keeps only strings, so a Said (said.ts) travels as its
 * JSON, and issueSaid reads it back.
 */
export function issue<K extends MessageKey>(code: K, ...params: SaidArgs<K>): string {
	return JSON.stringify(said(code, ...params));
}

/** The Said of a zod issue's message; zod's own wording (a check given no message) says only that a value is wrong. */
export function issueSaid(message: string): Said {
	try {
		const value: unknown = JSON.parse(message);
		if (isSaid(value)) return value;
	} catch {
		// Not one of ours: below.
	}
	return said('import_bad_value');
}

const id = z.string().regex(ID, issue('import_id_shape'));
const coordinate = z.number().min(-COORDINATE_MAX).max(COORDINATE_MAX);
type What = Extract<MessageKey, `import_what_${string}`>;
const text = (max: number, what: What) => z.string().max(max, issue('import_too_long', { what: said(what), max }));

/** A value checked by one of the board's plain parsers (which the pages share, without zod); `message` as issue() writes it. */
export function checkedBy<T>(parse: (value: unknown) => T | null, message: string) {
	return z.unknown().transform((value, ctx) => {
		const parsed = parse(value);
		if (parsed === null) {
			ctx.addIssue({ code: 'custom', message });
			return z.NEVER;
		}
		return parsed;
	});
}
/** A name or organisation shown beside people's words: the names rule (names.ts) refuses hidden controls. */
const personText = (max: number, what: What) =>
	text(max, what).refine((v) => hiddenCharacters(v) === null, {
		message: issue('import_hidden_characters', { what: said(what) })
	});

export const figureFields = z.object({
	kind: z.enum(FIGURE_KINDS, issue('import_figure_kind_unknown', { kinds: FIGURE_KINDS.join(', ') })),
	title: text(FIGURE_TITLE_MAX, 'import_what_figure_title'),
	x: coordinate,
	y: coordinate,
	w: z.number().min(NOTE_W).max(COORDINATE_MAX),
	h: z.number().min(NOTE_H).max(COORDINATE_MAX),
	color: z.enum(FIGURE_COLORS),
	columns: z.array(text(HEADING_MAX, 'import_what_heading')).max(HEADINGS_MAX, issue('import_figure_columns_max', { max: HEADINGS_MAX })),
	rows: z.array(text(HEADING_MAX, 'import_what_heading')).max(HEADINGS_MAX, issue('import_figure_rows_max', { max: HEADINGS_MAX })),
	picture: z.string().max(200).nullable()
});

const figure = figureFields.extend({ id });

const note = z.object({
	id,
	text: text(NOTE_TEXT_MAX, 'import_what_note'),
	figureId: id.nullable(),
	x: coordinate,
	y: coordinate,
	color: z.enum(NOTE_COLORS),
	authorId: z.string().max(64),
	authorName: personText(NAME_MAX, 'import_what_name'),
	organisation: personText(ORGANISATION_MAX, 'import_what_organisation'),
	createdAt: z.number().int().min(0),
	votes: z.number().int().min(0).optional(),
	top: z.boolean().optional()
});

export const phase = z.object({
	label: text(LABEL_MAX, 'import_what_phase_label'),
	minutes: z.number().positive().max(24 * 60),
	lockAtEnd: z.boolean().optional(),
	individual: checkedBy(parseIndividualAction, issue('import_phase_individual')).optional(),
	revealAtEnd: z.boolean().optional(),
	vote: checkedBy(parseVoteAction, issue('import_phase_vote')).optional()
});

export const timerPreset = z.object({
	label: text(TIMER_PRESET_LABEL_MAX, 'import_what_timer_label'),
	minutes: z.number().positive().max(24 * 60)
});

export const boardTitle = text(FIGURE_TITLE_MAX, 'import_what_board_title');

export const runSheet = z.array(phase).max(PHASES_MAX, issue('import_phases_max', { max: PHASES_MAX }));
export const timerPresets = z.array(timerPreset).max(TIMER_PRESETS_MAX, issue('import_timer_presets_max', { max: TIMER_PRESETS_MAX }));

const board = z
	.object({
		groupId: id,
		title: boardTitle,
		instructions: text(INSTRUCTIONS_MAX, 'import_what_instructions'),
		figures: z.array(figure).max(BOARD_FIGURES_MAX, issue('import_board_figures_max', { max: BOARD_FIGURES_MAX })),
		notes: z.array(note).max(BOARD_NOTES_MAX, issue('import_board_notes_max', { max: BOARD_NOTES_MAX }))
	})
	.superRefine((b, ctx) => {
		const figureIds = new Set(b.figures.map((f) => f.id));
		if (figureIds.size !== b.figures.length) ctx.addIssue({ code: 'custom', message: issue('import_figure_ids_twice'), path: ['figures'] });
		if (new Set(b.notes.map((n) => n.id)).size !== b.notes.length) {
			ctx.addIssue({ code: 'custom', message: issue('import_note_ids_twice'), path: ['notes'] });
		}
		b.notes.forEach((n, i) => {
			if (n.figureId !== null && !figureIds.has(n.figureId)) {
				ctx.addIssue({ code: 'custom', message: issue('import_note_figure_missing'), path: ['notes', i, 'figureId'] });
			}
		});
	});

const chatMessage = z.object({
	id: z.string().max(64),
	authorId: z.string().max(64),
	name: personText(NAME_MAX, 'import_what_chat_name'),
	organisation: personText(ORGANISATION_MAX, 'import_what_chat_organisation'),
	role: z.enum(['facilitator', 'participant']),
	text: text(CHAT_TEXT_MAX, 'import_what_chat_message'),
	at: z.number().int().min(0)
});

/** An item key summaryItemKey could have made, for the export to leave out any other. */
export const isFileSummaryKey = (key: string) => key.length <= SUMMARY_KEY_MAX && isSummaryItemKey(key);

/** A place within a question, as moveSummaryItem writes it. */
export const isSummaryRank = (rank: number) => Number.isInteger(rank) && rank >= 0 && rank <= SUMMARY_ITEMS_MAX;

/**
 * The facilitator's edits per summary item; an item with no edit is left out, not written empty.
 * Keys are checked in superRefine: a record's own key check loses its message.
 */
const summaryEdits = z
	.record(
		z.string(),
		z.object({
			text: text(NOTE_TEXT_MAX, 'import_what_summary_item').min(1).optional(),
			drop: z.literal(true).optional(),
			into: z.string().optional(),
			rank: z.number().refine(isSummaryRank, issue('import_summary_rank')).optional(),
			theme: z.literal(true).optional()
		})
	)
	.superRefine((edits, ctx) => {
		const keys = Object.keys(edits);
		if (keys.length > SUMMARY_ITEMS_MAX) ctx.addIssue({ code: 'custom', message: issue('import_summary_max', { max: SUMMARY_ITEMS_MAX }) });
		const bad = keys.find((key) => !isFileSummaryKey(key) || (edits[key]!.into !== undefined && !isFileSummaryKey(edits[key]!.into!)));
		if (bad !== undefined) ctx.addIssue({ code: 'custom', message: issue('import_summary_key') });
	});

/** Standard base64 with padding, as Buffer.toString('base64') writes it; nothing else is decoded. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** How many bytes a well-formed base64 text decodes to. */
export function base64Bytes(data: string): number {
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return (data.length / 4) * 3 - padding;
}

const embeddedPicture = z.object({
	type: z.enum(PICTURE_MIME_TYPES, issue('import_picture_type')),
	data: z
		.string()
		.refine((d) => d.length % 4 === 0 && BASE64.test(d), issue('import_picture_base64'))
		.refine((d) => d.length > 0, issue('import_picture_empty'))
		.refine((d) => base64Bytes(d) <= PICTURE_MAX_BYTES, issue('import_picture_too_large', { max: PICTURE_MAX_BYTES / 1024 / 1024 }))
});

/** Picture ids become file names, so only the server's own shape is taken. */
const pictures = z.record(z.string(), embeddedPicture).superRefine((p, ctx) => {
	const ids = Object.keys(p);
	if (ids.length > PICTURES_PER_WORKSHOP_MAX) ctx.addIssue({ code: 'custom', message: issue('import_pictures_max', { max: PICTURES_PER_WORKSHOP_MAX }) });
	if (!ids.every(isPictureId)) ctx.addIssue({ code: 'custom', message: issue('import_picture_id') });
});

export const workshopFileSchema = z
	.object({
		format: z.literal(WORKSHOP_FILE_FORMAT),
		version: z.literal(WORKSHOP_FILE_VERSIONS_READ),
		exportedAt: z.string().max(40),
		workshop: z.object({
			title: text(WORKSHOP_TITLE_MAX, 'import_what_title').trim().min(1, issue('import_title_missing')),
			template: z.string().max(60),
			language: z.enum(WORKSHOP_LANGUAGES, issue('import_language_unknown', { languages: WORKSHOP_LANGUAGES.join(', ') })).default('sv'),
			groupCapacity: z.number().int().min(1).max(1000).default(DEFAULT_GROUP_CAPACITY),
			openBoards: z.boolean().default(false),
			groups: z
				.array(z.object({ id, name: text(LABEL_MAX, 'import_what_group_name').trim().min(1, issue('import_group_name_missing')) }))
				.min(GROUPS_MIN, issue('import_no_groups'))
				.max(GROUPS_MAX, issue('import_groups_max', { max: GROUPS_MAX })),
			runSheet,
			timerPresets
		}),
		boards: z.array(board).max(GROUPS_MAX),
		chat: z.array(chatMessage).max(CHAT_KEEP, issue('import_chat_max', { max: CHAT_KEEP })),
		pictures: pictures.default({}),
		summary: summaryEdits.default({})
	})
	.superRefine((file, ctx) => {
		const groups = file.workshop.groups.map((g) => g.id);
		if (new Set(groups).size !== groups.length) {
			ctx.addIssue({ code: 'custom', message: issue('import_group_ids_twice'), path: ['workshop', 'groups'] });
		}
		const boards = file.boards.map((b) => b.groupId);
		if (boards.length !== groups.length || !groups.every((g) => boards.includes(g)) || new Set(boards).size !== boards.length) {
			ctx.addIssue({ code: 'custom', message: issue('import_boards_per_group'), path: ['boards'] });
		}
	});

export type WorkshopFile = z.infer<typeof workshopFileSchema>;
export type BoardFile = WorkshopFile['boards'][number];
export type EmbeddedPicture = WorkshopFile['pictures'][string];

/** Where in the file a problem is, for a person: "boards[1].notes[3].text" (the same in every language). */
function describePath(path: readonly PropertyKey[]): string {
	return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

export type FileResult<T> = { ok: true; file: T } | { ok: false; error: Said };

/**
 * Parses a file of `format` against `schema`. The format and version are checked first, so that
 * the common mistakes (the wrong file, a file from a newer Verkstad) get their own sentence.
 */
export function parseVersionedFile<T>(
	schema: z.ZodType<T>,
	input: unknown,
	expected: { format: string; version: number; oldest?: number; what: Said }
): FileResult<T> {
	const oldest = expected.oldest ?? expected.version;
	const head = (typeof input === 'object' && input !== null ? input : {}) as { format?: unknown; version?: unknown };
	if (head.format !== expected.format) {
		return { ok: false, error: said('import_wrong_format', { what: expected.what }) };
	}
	if (typeof head.version !== 'number' || !Number.isInteger(head.version) || head.version < oldest || head.version > expected.version) {
		const newer = typeof head.version === 'number' && head.version > expected.version;
		return {
			ok: false,
			error: newer
				? said('import_newer_version', { version: head.version as number })
				: said('import_version_unsupported', {
						version: String(head.version).slice(0, 20),
						supported: oldest === expected.version ? oldest : `${oldest}–${expected.version}`
					})
		};
	}
	const parsed = schema.safeParse(input, { error: () => issue('import_bad_value') });
	if (parsed.success) return { ok: true, file: parsed.data };
	const first = parsed.error.issues[0]!;
	const problem = issueSaid(first.message);
	return {
		ok: false,
		error: first.path.length ? said('import_unreadable_at', { problem, path: describePath(first.path) }) : said('import_unreadable', { problem })
	};
}

export function parseWorkshopFile(input: unknown): FileResult<WorkshopFile> {
	return parseVersionedFile(workshopFileSchema, input, {
		format: WORKSHOP_FILE_FORMAT,
		version: WORKSHOP_FILE_VERSION,
		oldest: WORKSHOP_FILE_OLDEST_VERSION,
		what: said('import_what_workshop_export')
	});
}
