/**
 * The workshop file: a whole workshop as one versioned JSON document, written by the export
 * (`GET /api/workshops/<code>/export?format=json`) and read by the import (`POST
 * /api/workshops/import`), which makes a new workshop from it. Wire format, version 3:
 *
 *   { format: 'verkstad-workshop', version: 3, exportedAt: ISO 8601,
 *     workshop: { title, template, groupCapacity, openBoards, groups: [{ id, name }],
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
 * 2 (before the summary edits were) are still read: they are version 3 without those keys.
 * Not carried: participants and their tokens (people join the new workshop afresh; their names
 * stay on their notes), leaders, timers, locks, votes in progress, private drafts, the plenary
 * (rebuilt from the summary figures) and pictures no figure shows (replaced ones kept for undo).
 *
 * Every bound here is one the app itself keeps, so that an export is always importable; the
 * import refuses anything else with a Swedish sentence (parseWorkshopFile).
 */
import { z } from 'zod';
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
import { individualAction, voteAction } from './phase-actions';
import { TIMER_PRESET_LABEL_MAX, TIMER_PRESETS_MAX } from './presets';
import { isPictureId, PICTURE_MAX_BYTES, PICTURE_MIME_TYPES, PICTURES_PER_WORKSHOP_MAX } from '../pictures';
import { FIGURE_COLORS, FIGURE_KINDS, NOTE_COLORS, NOTE_H, NOTE_W } from './schema';

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

const id = z.string().regex(ID, 'Ett id får bara ha bokstäver a–z, siffror, - och _ (högst 40 tecken).');
const coordinate = z.number().min(-COORDINATE_MAX).max(COORDINATE_MAX);
const text = (max: number, what: string) => z.string().max(max, `${what} får vara högst ${max} tecken.`);
/** A name or organisation shown beside people's words: the names rule (names.ts) refuses hidden controls. */
const personText = (max: number, what: string) =>
	text(max, what).refine((v) => hiddenCharacters(v) === null, {
		message: `${what} i filen innehåller dolda styrtecken eller tecken som vänder textens riktning`
	});

export const figureFields = z.object({
	kind: z.enum(FIGURE_KINDS, `En figur har en okänd sort. Kända sorter: ${FIGURE_KINDS.join(', ')}.`),
	title: text(FIGURE_TITLE_MAX, 'En figurs titel'),
	x: coordinate,
	y: coordinate,
	w: z.number().min(NOTE_W).max(COORDINATE_MAX),
	h: z.number().min(NOTE_H).max(COORDINATE_MAX),
	color: z.enum(FIGURE_COLORS),
	columns: z.array(text(HEADING_MAX, 'En rubrik')).max(HEADINGS_MAX, `En figur får ha högst ${HEADINGS_MAX} kolumner.`),
	rows: z.array(text(HEADING_MAX, 'En rubrik')).max(HEADINGS_MAX, `En figur får ha högst ${HEADINGS_MAX} rader.`),
	picture: z.string().max(200).nullable()
});

const figure = figureFields.extend({ id });

const note = z.object({
	id,
	text: text(NOTE_TEXT_MAX, 'En lapp'),
	figureId: id.nullable(),
	x: coordinate,
	y: coordinate,
	color: z.enum(NOTE_COLORS),
	authorId: z.string().max(64),
	authorName: personText(NAME_MAX, 'Ett namn'),
	organisation: personText(ORGANISATION_MAX, 'En organisation'),
	createdAt: z.number().int().min(0),
	votes: z.number().int().min(0).optional(),
	top: z.boolean().optional()
});

export const phase = z.object({
	label: text(LABEL_MAX, 'En fas namn'),
	minutes: z.number().positive().max(24 * 60),
	lockAtEnd: z.boolean().optional(),
	individual: z.optional(individualAction),
	revealAtEnd: z.boolean().optional(),
	vote: z.optional(voteAction)
});

export const timerPreset = z.object({
	label: text(TIMER_PRESET_LABEL_MAX, 'En tidsknapps namn'),
	minutes: z.number().positive().max(24 * 60)
});

export const boardTitle = text(FIGURE_TITLE_MAX, 'En tavlas titel');

export const runSheet = z.array(phase).max(PHASES_MAX, `En körplan får ha högst ${PHASES_MAX} faser.`);
export const timerPresets = z.array(timerPreset).max(TIMER_PRESETS_MAX, `Högst ${TIMER_PRESETS_MAX} tidsknappar.`);

const board = z
	.object({
		groupId: id,
		title: boardTitle,
		instructions: text(INSTRUCTIONS_MAX, 'Instruktionerna'),
		figures: z.array(figure).max(BOARD_FIGURES_MAX, `En tavla får ha högst ${BOARD_FIGURES_MAX} figurer.`),
		notes: z.array(note).max(BOARD_NOTES_MAX, `En tavla får ha högst ${BOARD_NOTES_MAX} lappar.`)
	})
	.superRefine((b, ctx) => {
		const figureIds = new Set(b.figures.map((f) => f.id));
		if (figureIds.size !== b.figures.length) ctx.addIssue({ code: 'custom', message: 'Två figurer på samma tavla har samma id.', path: ['figures'] });
		if (new Set(b.notes.map((n) => n.id)).size !== b.notes.length) {
			ctx.addIssue({ code: 'custom', message: 'Två lappar på samma tavla har samma id.', path: ['notes'] });
		}
		b.notes.forEach((n, i) => {
			if (n.figureId !== null && !figureIds.has(n.figureId)) {
				ctx.addIssue({ code: 'custom', message: 'En lapp hör till en figur som inte finns på tavlan.', path: ['notes', i, 'figureId'] });
			}
		});
	});

const chatMessage = z.object({
	id: z.string().max(64),
	authorId: z.string().max(64),
	name: personText(NAME_MAX, 'Ett namn i chatten'),
	organisation: personText(ORGANISATION_MAX, 'En organisation i chatten'),
	role: z.enum(['facilitator', 'participant']),
	text: text(CHAT_TEXT_MAX, 'Ett chattmeddelande'),
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
			text: text(NOTE_TEXT_MAX, 'En punkt i sammanställningen').min(1).optional(),
			drop: z.literal(true).optional(),
			into: z.string().optional(),
			rank: z.number().refine(isSummaryRank, 'En punkt i sammanställningen har en plats som Verkstad inte ger.').optional(),
			theme: z.literal(true).optional()
		})
	)
	.superRefine((edits, ctx) => {
		const keys = Object.keys(edits);
		if (keys.length > SUMMARY_ITEMS_MAX) ctx.addIssue({ code: 'custom', message: `Sammanställningen får ha högst ${SUMMARY_ITEMS_MAX} ändrade punkter.` });
		const bad = keys.find((key) => !isFileSummaryKey(key) || (edits[key]!.into !== undefined && !isFileSummaryKey(edits[key]!.into!)));
		if (bad !== undefined) ctx.addIssue({ code: 'custom', message: 'En punkt i sammanställningen har en nyckel som Verkstad inte ger.' });
	});

/** Standard base64 with padding, as Buffer.toString('base64') writes it; nothing else is decoded. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** How many bytes a well-formed base64 text decodes to. */
export function base64Bytes(data: string): number {
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return (data.length / 4) * 3 - padding;
}

const embeddedPicture = z.object({
	type: z.enum(PICTURE_MIME_TYPES, 'En bild ska vara av typen image/png, image/jpeg eller image/webp.'),
	data: z
		.string()
		.refine((d) => d.length % 4 === 0 && BASE64.test(d), 'En bild är inte kodad som base64.')
		.refine((d) => d.length > 0, 'En bild är tom.')
		.refine((d) => base64Bytes(d) <= PICTURE_MAX_BYTES, `En bild får vara högst ${PICTURE_MAX_BYTES / 1024 / 1024} MB.`)
});

/** Picture ids become file names, so only the server's own shape is taken. */
const pictures = z.record(z.string(), embeddedPicture).superRefine((p, ctx) => {
	const ids = Object.keys(p);
	if (ids.length > PICTURES_PER_WORKSHOP_MAX) ctx.addIssue({ code: 'custom', message: `En workshop får ha högst ${PICTURES_PER_WORKSHOP_MAX} bilder.` });
	if (!ids.every(isPictureId)) ctx.addIssue({ code: 'custom', message: 'En bild har ett id som Verkstad inte ger (22 tecken: a–z, A–Z, 0–9, - och _).' });
});

export const workshopFileSchema = z
	.object({
		format: z.literal(WORKSHOP_FILE_FORMAT),
		version: z.literal(WORKSHOP_FILE_VERSIONS_READ),
		exportedAt: z.string().max(40),
		workshop: z.object({
			title: text(WORKSHOP_TITLE_MAX, 'Titeln').trim().min(1, 'Workshoppen i filen saknar titel.'),
			template: z.string().max(60),
			groupCapacity: z.number().int().min(1).max(1000).default(DEFAULT_GROUP_CAPACITY),
			openBoards: z.boolean().default(false),
			groups: z
				.array(z.object({ id, name: text(LABEL_MAX, 'Ett gruppnamn').trim().min(1, 'En grupp i filen saknar namn.') }))
				.min(GROUPS_MIN, 'Filen har inga grupper.')
				.max(GROUPS_MAX, `En workshop får ha högst ${GROUPS_MAX} grupper.`),
			runSheet,
			timerPresets
		}),
		boards: z.array(board).max(GROUPS_MAX),
		chat: z.array(chatMessage).max(CHAT_KEEP, `Filen har fler än ${CHAT_KEEP} chattmeddelanden.`),
		pictures: pictures.default({}),
		summary: summaryEdits.default({})
	})
	.superRefine((file, ctx) => {
		const groups = file.workshop.groups.map((g) => g.id);
		if (new Set(groups).size !== groups.length) {
			ctx.addIssue({ code: 'custom', message: 'Två grupper i filen har samma id.', path: ['workshop', 'groups'] });
		}
		const boards = file.boards.map((b) => b.groupId);
		if (boards.length !== groups.length || !groups.every((g) => boards.includes(g)) || new Set(boards).size !== boards.length) {
			ctx.addIssue({ code: 'custom', message: 'Varje grupp i filen ska ha precis en tavla.', path: ['boards'] });
		}
	});

export type WorkshopFile = z.infer<typeof workshopFileSchema>;
export type BoardFile = WorkshopFile['boards'][number];
export type EmbeddedPicture = WorkshopFile['pictures'][string];

/** Where in the file a problem is, for a person: "boards[1].notes[3].text". */
function describePath(path: readonly PropertyKey[]): string {
	return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

export type FileResult<T> = { ok: true; file: T } | { ok: false; error: string };

/**
 * Parses a file of `format` against `schema`. The format and version are checked first, so that
 * the common mistakes (the wrong file, a file from a newer Verkstad) get their own sentence.
 */
export function parseVersionedFile<T>(
	schema: z.ZodType<T>,
	input: unknown,
	expected: { format: string; version: number; oldest?: number; what: string }
): FileResult<T> {
	const oldest = expected.oldest ?? expected.version;
	const head = (typeof input === 'object' && input !== null ? input : {}) as { format?: unknown; version?: unknown };
	if (head.format !== expected.format) {
		return { ok: false, error: `Filen är inte ${expected.what} från Verkstad. Välj en JSON-fil som Verkstad har laddat ner.` };
	}
	if (typeof head.version !== 'number' || !Number.isInteger(head.version) || head.version < oldest || head.version > expected.version) {
		const newer = typeof head.version === 'number' && head.version > expected.version;
		return {
			ok: false,
			error: newer
				? `Filen är gjord av en nyare Verkstad (version ${head.version}). Uppdatera Verkstad och försök igen.`
				: `Filens version (${String(head.version).slice(0, 20)}) stöds inte. Den här Verkstad läser version ${
						oldest === expected.version ? oldest : `${oldest}–${expected.version}`
					}.`
		};
	}
	const parsed = schema.safeParse(input, { error: () => 'ett värde har fel form eller saknas' });
	if (parsed.success) return { ok: true, file: parsed.data };
	const issue = parsed.error.issues[0]!;
	const where = issue.path.length ? ` (i ${describePath(issue.path)})` : '';
	return { ok: false, error: `Filen kan inte läsas in: ${issue.message.replace(/\.$/, '')}${where}.` };
}

export function parseWorkshopFile(input: unknown): FileResult<WorkshopFile> {
	return parseVersionedFile(workshopFileSchema, input, {
		format: WORKSHOP_FILE_FORMAT,
		version: WORKSHOP_FILE_VERSION,
		oldest: WORKSHOP_FILE_OLDEST_VERSION,
		what: 'en workshop-export'
	});
}
