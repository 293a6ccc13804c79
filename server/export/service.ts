/**
 * Exports of a workshop for the facilitator, one small module per format:
 *   format=md|csv|docx|pdf  the compiled summary per question (docx and pdf add the table per
 *                           organisation); with table=organisations the table per organisation alone
 *   format=chat             the chat transcript (Markdown)
 *   format=svg&group=<id>   a picture of one group's board
 *   format=json             the whole workshop (workshop-json.ts), for POST /api/workshops/import
 * The files' own words (headings, column names, file names) are in the workshop's language
 * unless the facilitator asks for another (language=sv|en); what people wrote stays as written.
 * Reads the boards through Rooms, so a live board is read as it is now.
 */
import { applySummaryEdits, boardRoom, readChat, readFigures, readNotes, readWorkshop, workshopRoom, type Figure, type WorkshopInfo } from '../../src/lib/board';
import type { CompiledQuestion, GroupBoardSnapshot } from '../../src/lib/board/compile';
import { compileOrganisations } from '../../src/lib/board/organisations';
import { WORKSHOP_LANGUAGES } from '../../src/lib/board/workshop';
import { m } from '../../src/lib/paraglide/messages';
import { isPictureId } from '../../src/lib/pictures';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { PictureStore } from '../pictures/store';
import type { Rooms } from '../sync/rooms';
import type { DocStore } from '../store/doc-store';
import { normaliseCode } from '../workshops/codes';
import { readWorkshopSummary } from '../workshops/compiled-summary';
import { readWorkshopSummaryEdits } from '../workshops/summary-move';
import { boardSvg, type EmbeddedPicture } from './board-svg';
import { chatTranscript } from './chat';
import { organisationsCsv, summaryCsv } from './csv';
import type { ExportLanguage, SummaryDocument } from './document';
import { organisationsMarkdown, summaryMarkdown } from './markdown';
import { workshopFileText } from './workshop-json';

export const EXPORT_FORMATS = ['md', 'csv', 'docx', 'pdf', 'chat', 'svg', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_TABLES = ['summary', 'organisations'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export interface ExportRequest {
	format: string;
	/** For md, csv, docx and pdf: which table; the summary unless asked. */
	table?: string | null;
	/** For svg: the group whose board to draw. */
	group?: string | null;
	/** The language of the file's own words, sv or en; the workshop's unless asked. */
	language?: string | null;
}

export interface ExportFile {
	filename: string;
	contentType: string;
	body: string | Uint8Array<ArrayBuffer>;
}

/** What the summary formats are made from: the workshop, its group boards and the questions. */
interface Compiled {
	info: WorkshopInfo;
	boards: GroupBoardSnapshot[];
	questions: CompiledQuestion[];
}

interface ExportJob {
	code: string;
	table: ExportTable;
	group: string | null;
	date: Date;
	language: ExportLanguage;
}

const CONTENT_TYPES = {
	md: 'text/markdown; charset=utf-8',
	csv: 'text/csv; charset=utf-8',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf',
	svg: 'image/svg+xml; charset=utf-8'
} as const;

export class ExportService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	/** For the JSON export and the board picture, which carry the pictures behind image figures. */
	readonly #pictures: PictureStore;

	/** One entry per format; each answers a finished file. */
	readonly #formats: Record<ExportFormat, (job: ExportJob) => Promise<ExportFile>> = {
		md: (job) => this.#tableFile(job, 'md'),
		csv: (job) => this.#tableFile(job, 'csv'),
		docx: (job) => this.#tableFile(job, 'docx'),
		pdf: (job) => this.#tableFile(job, 'pdf'),
		chat: (job) => this.#chat(job),
		svg: (job) => this.#boardPicture(job),
		json: (job) => this.#workshopFile(job)
	};

	constructor(deps: { store: DocStore; rooms: Rooms; pictures: PictureStore }) {
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#pictures = deps.pictures;
	}

	async file(rawCode: string, claims: Claims, request: ExportRequest): Promise<ExportFile> {
		const code = normaliseCode(rawCode);
		if (claims.role !== 'facilitator' || claims.code !== code) {
			throw new UserError(403, 'error_export_facilitator_only');
		}
		const format = request.format;
		if (!isOneOf(EXPORT_FORMATS, format)) {
			throw new UserError(400, 'error_export_format_unknown', { format: format.slice(0, 20), formats: EXPORT_FORMATS.join(', ') });
		}
		const table = request.table ?? 'summary';
		if (!isOneOf(EXPORT_TABLES, table)) {
			throw new UserError(400, 'error_export_table_unknown', { table: table.slice(0, 20), tables: EXPORT_TABLES.join(', ') });
		}
		const language = request.language ?? null;
		if (language !== null && !isOneOf(WORKSHOP_LANGUAGES, language)) {
			throw new UserError(400, 'error_export_language_unknown', { language: language.slice(0, 20), languages: WORKSHOP_LANGUAGES.join(', ') });
		}
		if (!(await this.#store.getWorkshop(code))) throw new UserError(404, 'error_workshop_gone');
		return this.#formats[format]({ code, table, group: request.group ?? null, date: new Date(), language: language ?? (await this.#workshopLanguage(code)) });
	}

	/** What the workshop was created in (meta.language): what its exports speak unless asked otherwise. */
	async #workshopLanguage(code: string): Promise<ExportLanguage> {
		return this.#rooms.read(workshopRoom(code), (doc) => readWorkshop(doc).language);
	}

	/** The one place the compiled questions are computed, for every summary format. */
	async #compiled(code: string): Promise<Compiled> {
		const { info, boards, compiled } = await readWorkshopSummary(this.#rooms, code);
		return { info, boards, questions: applySummaryEdits(compiled, await readWorkshopSummaryEdits(this.#rooms, code)) };
	}

	async #tableFile(job: ExportJob, format: TableFormat): Promise<ExportFile> {
		const compiled = await this.#compiled(job.code);
		const locale = job.language;
		const base = job.table === 'organisations' ? m.export_file_organisations({}, { locale }) : m.export_file_summary({}, { locale });
		return { filename: `${base}-${job.code}.${format}`, contentType: CONTENT_TYPES[format], body: await TABLE_RENDERERS[format](compiled, job) };
	}

	async #chat(job: ExportJob): Promise<ExportFile> {
		const { title, messages } = await this.#rooms.read(workshopRoom(job.code), (doc) => ({ title: readWorkshop(doc).title, messages: readChat(doc) }));
		const filename = `${m.export_file_chat({}, { locale: job.language })}-${job.code}.md`;
		return { filename, contentType: CONTENT_TYPES.md, body: chatTranscript(title, messages, job.date, job.language) };
	}

	/** The whole workshop, not a summary: a backup that POST /api/workshops/import turns back into a workshop. */
	async #workshopFile(job: ExportJob): Promise<ExportFile> {
		const body = await workshopFileText(this.#rooms, this.#pictures, job.code);
		return { filename: `workshop-${job.code}.json`, contentType: 'application/json; charset=utf-8', body };
	}

	async #boardPicture(job: ExportJob): Promise<ExportFile> {
		if (!job.group) throw new UserError(400, 'error_export_group_missing');
		const info = await this.#rooms.read(workshopRoom(job.code), readWorkshop);
		const group = info.groups.find((g) => g.id === job.group);
		if (!group) throw new UserError(404, 'error_export_group_unknown');
		const board = await this.#rooms.read(boardRoom(job.code, group.id), (doc) => ({ figures: readFigures(doc), notes: readNotes(doc) }));
		const caption = info.title.trim() ? `${group.name} – ${info.title.trim()}` : group.name;
		const pictures = await this.#picturesOf(job.code, board.figures);
		const filename = `${m.export_file_board({}, { locale: job.language })}-${job.code}-${group.id}.svg`;
		return { filename, contentType: CONTENT_TYPES.svg, body: boardSvg({ caption, ...board, pictures, language: job.language }) };
	}

	/** The pictures on a board's image figures that the workshop still has; one read per picture. */
	async #picturesOf(code: string, figures: Figure[]): Promise<Map<string, EmbeddedPicture>> {
		const pictures = new Map<string, EmbeddedPicture>();
		for (const { kind, picture: id } of figures) {
			// A figure's picture id is anyone's doc content until checked; a malformed one is no file.
			if (kind !== 'image' || !id || !isPictureId(id) || pictures.has(id)) continue;
			const picture = await this.#pictures.read(code, id);
			if (picture) pictures.set(id, picture);
		}
		return pictures;
	}
}

type TableFormat = 'md' | 'csv' | 'docx' | 'pdf';

const TABLE_RENDERERS: Record<TableFormat, (compiled: Compiled, job: ExportJob) => string | Promise<Uint8Array<ArrayBuffer>>> = {
	md: ({ info, boards, questions }, job) =>
		job.table === 'organisations'
			? organisationsMarkdown(info.title, compileOrganisations(boards, job.language), job.date, job.language)
			: summaryMarkdown(info.title, questions, job.date, job.language),
	csv: ({ boards, questions }, job) =>
		job.table === 'organisations' ? organisationsCsv(compileOrganisations(boards, job.language), job.language) : summaryCsv(questions, job.language),
	// docx and pdfkit are megabytes of code that most servers never run: loaded on first use.
	docx: async (compiled, job) => (await import('./docx')).summaryDocx(summaryDocument(compiled, job)),
	pdf: async (compiled, job) => (await import('./pdf')).summaryPdf(summaryDocument(compiled, job))
};

function summaryDocument(compiled: Compiled, job: ExportJob): SummaryDocument {
	return {
		title: compiled.info.title,
		date: job.date,
		questions: job.table === 'organisations' ? null : compiled.questions,
		organisations: compileOrganisations(compiled.boards, job.language),
		language: job.language
	};
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
	return (values as readonly string[]).includes(value);
}
