/**
 * Exports of a workshop for the facilitator: the compiled summary per question across all groups,
 * as Markdown or CSV. Reads the boards through Rooms, so a live board is read as it is now.
 */
import { applySummaryEdits, boardRoom, readSummaryEdits, readWorkshop, workshopRoom } from '../../src/lib/board';
import { compileSummary, snapshotBoard } from '../../src/lib/board/compile';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Rooms } from '../sync/rooms';
import type { DocStore } from '../store/doc-store';
import { normaliseCode } from '../workshops/codes';
import { summaryCsv } from './csv';
import { summaryMarkdown } from './markdown';

export const EXPORT_FORMATS = ['md', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
	filename: string;
	contentType: string;
	body: string;
}

export class ExportService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;

	constructor(deps: { store: DocStore; rooms: Rooms }) {
		this.#store = deps.store;
		this.#rooms = deps.rooms;
	}

	async summary(rawCode: string, claims: Claims, format: string): Promise<ExportFile> {
		const code = normaliseCode(rawCode);
		if (claims.role !== 'facilitator' || claims.code !== code) {
			throw new UserError(403, 'Bara workshopledaren kan ladda ner sammanställningen.');
		}
		if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
			throw new UserError(400, `Formatet "${format.slice(0, 20)}" finns inte. Välj md eller csv.`);
		}
		if (!(await this.#store.getWorkshop(code))) throw new UserError(404, 'Workshoppen finns inte längre.');
		const info = await this.#rooms.read(workshopRoom(code), readWorkshop);
		const boards = [];
		for (const group of info.groups) {
			boards.push(await this.#rooms.read(boardRoom(code, group.id), (doc) => snapshotBoard(group.name, doc)));
		}
		const questions = applySummaryEdits(compileSummary(boards), await this.#rooms.read(workshopRoom(code), readSummaryEdits));
		const base = `sammanstallning-${code}`;
		return format === 'md'
			? { filename: `${base}.md`, contentType: 'text/markdown; charset=utf-8', body: summaryMarkdown(info.title, questions, new Date()) }
			: { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: summaryCsv(questions) };
	}
}
