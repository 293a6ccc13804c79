/**
 * Templates: the built-in ones (src/lib/board/templates) and the facilitators' own, kept in the
 * store. An own template is saved from a group board (its figures and instructions, the
 * workshop's run-sheet and timer presets, never its notes) or imported from a template file.
 *
 * Who may do what (docs/decisions.md): anyone may list templates, download one as a file and
 * import a file, as anyone may create a workshop; saving a board, seeing what was saved from it
 * and deleting that again take that workshop's facilitator token. A template imported from a
 * file, or left behind by a deleted workshop, belongs to no workshop: only the operator deletes
 * it (server/templates/cli.ts). Own templates are shared by every workshop on the server, so
 * their number is capped.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
	boardRoom,
	findTemplate,
	readBoardContent,
	readRunSheet,
	readWorkshop,
	TEMPLATE_DESCRIPTION_MAX,
	TEMPLATE_NAME_MAX,
	TEMPLATES,
	workshopRoom,
	type Template
} from '../../src/lib/board';
import type { TemplateSummary } from '../../src/lib/api-types';
import { said } from '../../src/lib/said';
import {
	boardAsTemplate,
	parseTemplateFile,
	templateContent,
	templateFile,
	type TemplateContent,
	type TemplateFile
} from '../../src/lib/board/template-file';
import { issueSaid } from '../../src/lib/board/workshop-file';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import type { DocStore, TemplateRecord } from '../store/doc-store';
import type { FreeSpaceFloor } from '../store/free-space';
import type { Rooms } from '../sync/rooms';
import { normaliseCode } from '../workshops/codes';

/** Own template ids never collide with a built-in slug, which has no such prefix. */
const OWN_PREFIX = 'egen-';
const OWN_ID = /^egen-[0-9a-z]{10}$/;
/** Far more than one network makes; stops a script from filling the picker. */
export const OWN_TEMPLATES_MAX = 500;

export const saveBoardInput = z.object({
	groupId: z.string(),
	name: z.string(),
	description: z.string().optional()
});

/** A built-in or own template by id; undefined for an unknown one. Used by WorkshopService.create. */
export async function resolveTemplate(store: DocStore, id: string): Promise<Template | undefined> {
	const builtIn = findTemplate(id);
	if (builtIn || !OWN_ID.test(id)) return builtIn;
	const record = await store.getTemplate(id);
	return record ? ownTemplate(record) : undefined;
}

/** The stored content was validated on the way in; it is parsed again so that the type is earned. */
function ownTemplate(record: TemplateRecord): Template {
	const content = templateContent.parse(JSON.parse(record.content));
	return { id: record.id, ...content };
}

export class TemplateService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #freeSpace: FreeSpaceFloor;
	readonly #log: Log;

	constructor(deps: { store: DocStore; rooms: Rooms; freeSpace: FreeSpaceFloor; log: Log }) {
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#freeSpace = deps.freeSpace;
		this.#log = deps.log;
	}

	/** Built-in templates first, in their order, then own templates, oldest first. */
	async list(): Promise<TemplateSummary[]> {
		const own = await this.#store.listTemplates();
		return [
			...TEMPLATES.map((t) => ({ id: t.id, name: t.name, description: t.description, own: false })),
			...own.map((t) => ({ id: t.id, name: t.name, description: t.description, own: true }))
		];
	}

	/** Any template, built-in or own, as a template file. */
	async file(id: string): Promise<TemplateFile> {
		const template = await resolveTemplate(this.#store, id);
		if (!template) throw new UserError(404, 'error_template_unknown');
		return templateFile(template);
	}

	/** "Spara en grupps tavla som mall": the facilitator's token of the workshop is needed. */
	async saveBoard(rawCode: string, claims: Claims, input: unknown): Promise<TemplateSummary> {
		const code = normaliseCode(rawCode);
		if (claims.role !== 'facilitator' || claims.code !== code) {
			throw new UserError(403, 'error_template_save_facilitator_only');
		}
		const parsed = saveBoardInput.safeParse(input);
		if (!parsed.success) throw new UserError(400, 'error_template_save_fields');
		const { name, description } = checkNaming(parsed.data.name, parsed.data.description ?? '');
		if (!(await this.#store.getWorkshop(code))) throw new UserError(404, 'error_workshop_gone');
		const { info, runSheet } = await this.#rooms.read(workshopRoom(code), (doc) => ({
			info: readWorkshop(doc),
			runSheet: readRunSheet(doc).phases
		}));
		if (!info.groups.some((g) => g.id === parsed.data.groupId)) {
			throw new UserError(404, 'error_template_group_unknown');
		}
		const board = await this.#rooms.read(boardRoom(code, parsed.data.groupId), readBoardContent);
		const content = templateContent.safeParse({
			name,
			description,
			board: boardAsTemplate(board),
			runSheet,
			timerPresets: info.timerPresets ?? findTemplate(info.template)?.timerPresets ?? []
		});
		if (!content.success) {
			throw new UserError(400, 'error_template_board_invalid', {
				problem: content.error.issues[0] ? issueSaid(content.error.issues[0].message) : said('error_template_board_bad_shape')
			});
		}
		return this.#save(content.data, code);
	}

	/** The own templates saved from this workshop's boards, oldest first, for its control room. */
	async savedFrom(rawCode: string, claims: Claims): Promise<TemplateSummary[]> {
		const code = normaliseCode(rawCode);
		if (claims.role !== 'facilitator' || claims.code !== code) {
			throw new UserError(403, 'error_templates_list_facilitator_only');
		}
		const own = await this.#store.listTemplates();
		return own.filter((t) => t.sourceCode === code).map((t) => ({ id: t.id, name: t.name, description: t.description, own: true }));
	}

	/** "Ta bort": the facilitator of the workshop a template was saved from deletes it. */
	async delete(id: string, claims: Claims): Promise<void> {
		const builtIn = findTemplate(id);
		if (builtIn) throw new UserError(400, 'error_template_built_in', { name: builtIn.name });
		const record = OWN_ID.test(id) ? await this.#store.getTemplate(id) : null;
		if (!record) throw new UserError(404, 'error_template_gone');
		if (record.sourceCode === null) {
			throw new UserError(403, 'error_template_orphan');
		}
		if (claims.role !== 'facilitator' || claims.code !== record.sourceCode) {
			throw new UserError(403, 'error_template_delete_facilitator_only');
		}
		await this.#store.deleteTemplate(id);
		this.#log.info('template deleted', { id, sourceCode: record.sourceCode });
	}

	/** "Importera mall (JSON)". */
	async importFile(input: unknown): Promise<TemplateSummary> {
		const parsed = parseTemplateFile(input);
		if (!parsed.ok) throw new UserError(400, parsed.error);
		await this.#freeSpace.require('error_disk_what_template');
		return this.#save(parsed.file.template, null);
	}

	async #save(content: TemplateContent, sourceCode: string | null): Promise<TemplateSummary> {
		if ((await this.#store.listTemplates()).length >= OWN_TEMPLATES_MAX) {
			throw new UserError(409, 'error_templates_full', { max: OWN_TEMPLATES_MAX });
		}
		const id = OWN_PREFIX + [...randomBytes(10)].map((b) => (b % 36).toString(36)).join('');
		await this.#store.saveTemplate({
			id,
			name: content.name,
			description: content.description,
			content: JSON.stringify(content),
			sourceCode,
			createdAt: Date.now()
		});
		this.#log.info('template saved', { id, sourceCode, figures: content.board.figures.length });
		return { id, name: content.name, description: content.description, own: true };
	}
}

/** The name and description a person typed, with sentences fit for the form they came from. */
function checkNaming(rawName: string, rawDescription: string): { name: string; description: string } {
	const name = rawName.trim();
	const description = rawDescription.trim();
	if (!name) throw new UserError(400, 'import_template_name_missing');
	if (name.length > TEMPLATE_NAME_MAX) throw new UserError(400, 'import_template_name_too_long', { max: TEMPLATE_NAME_MAX });
	if (description.length > TEMPLATE_DESCRIPTION_MAX) {
		throw new UserError(400, 'import_template_description_too_long', { max: TEMPLATE_DESCRIPTION_MAX });
	}
	return { name, description };
}
