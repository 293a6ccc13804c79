/**
 * The template file: one workshop template as versioned JSON, for the facilitator's own templates
 * (`GET /api/templates/<id>` writes it, `POST /api/templates/import` reads it). Wire format,
 * version 1:
 *
 *   { format: 'verkstad-template', version: 1,
 *     template: { name, description,
 *                 board: { title, instructions, figures: [{ kind, title, x, y, w, h, color,
 *                                                           columns, rows, picture }] },
 *                 runSheet: [{ label, minutes, lockAtEnd?, individual?, revealAtEnd?, vote? }], timerPresets: [{ label, minutes }] } }
 *
 * A template never holds notes: it is what every group's board starts with. The id is the
 * server's to give, so a file has none.
 */
import { z } from 'zod';
import { said } from '../said';
import type { BoardContent } from './board-file';
import { TEMPLATE_DESCRIPTION_MAX, TEMPLATE_NAME_MAX } from './limits';
import type { Template } from './templates/template';
import {
	BOARD_FIGURES_MAX,
	figureFields,
	boardTitle,
	INSTRUCTIONS_MAX,
	issue,
	parseVersionedFile,
	runSheet,
	timerPresets,
	type FileResult
} from './workshop-file';

export const TEMPLATE_FILE_FORMAT = 'verkstad-template';
export const TEMPLATE_FILE_VERSION = 1;

export const templateContent = z.object({
	name: z
		.string()
		.trim()
		.min(1, issue('import_template_name_missing'))
		.max(TEMPLATE_NAME_MAX, issue('import_template_name_too_long', { max: TEMPLATE_NAME_MAX })),
	description: z
		.string()
		.trim()
		.max(TEMPLATE_DESCRIPTION_MAX, issue('import_template_description_too_long', { max: TEMPLATE_DESCRIPTION_MAX })),
	board: z.object({
		title: boardTitle,
		instructions: z.string().max(INSTRUCTIONS_MAX, issue('import_too_long', { what: said('import_what_instructions'), max: INSTRUCTIONS_MAX })),
		figures: z.array(figureFields).max(BOARD_FIGURES_MAX, issue('import_board_figures_max', { max: BOARD_FIGURES_MAX }))
	}),
	runSheet,
	timerPresets
});

export const templateFileSchema = z.object({
	format: z.literal(TEMPLATE_FILE_FORMAT),
	version: z.literal(TEMPLATE_FILE_VERSION),
	template: templateContent
});

export type TemplateContent = z.infer<typeof templateContent>;
export type TemplateFile = z.infer<typeof templateFileSchema>;

export function parseTemplateFile(input: unknown): FileResult<TemplateFile> {
	return parseVersionedFile(templateFileSchema, input, {
		format: TEMPLATE_FILE_FORMAT,
		version: TEMPLATE_FILE_VERSION,
		what: said('import_what_template')
	});
}

export function templateFile(template: Pick<Template, 'name' | 'description' | 'board' | 'runSheet' | 'timerPresets'>): TemplateFile {
	return {
		format: TEMPLATE_FILE_FORMAT,
		version: TEMPLATE_FILE_VERSION,
		template: {
			name: template.name,
			description: template.description,
			board: {
				title: template.board.title,
				instructions: template.board.instructions,
				// A built-in template may leave out a kind's keys; the file always has them all.
				figures: template.board.figures.map((f) => ({
					kind: f.kind,
					title: f.title,
					x: f.x,
					y: f.y,
					w: f.w,
					h: f.h,
					color: f.color ?? 'sand',
					columns: f.columns ?? [],
					rows: f.rows ?? [],
					picture: f.picture ?? null
				}))
			},
			runSheet: template.runSheet.map((p) => ({ ...p })),
			timerPresets: template.timerPresets.map((p) => ({ ...p }))
		}
	};
}

/** The template content of a board: its figures (without ids) and instructions, never its notes. */
export function boardAsTemplate(board: BoardContent): TemplateContent['board'] {
	return {
		title: board.title,
		instructions: board.instructions,
		figures: board.figures.map(({ id: _id, ...figure }) => figure)
	};
}
