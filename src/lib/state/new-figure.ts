/**
 * What the facilitator's "+ Figur" menu adds: a figure of each kind, ready to be renamed. Its
 * title and headings are new content, written in the language of the person who adds it.
 */
import { FIGURE_TITLE_BAR, HEADING_ROW_H, MIN_CELL_H, ROW_HEADING_W, type NewFigure } from '$board';
import { m } from '../paraglide/messages';

export type NewFigureKind = 'question' | 'columns' | 'grid' | 'image';

export const NEW_FIGURE_KINDS: { kind: NewFigureKind; label: () => string; hint: () => string }[] = [
	{ kind: 'question', label: m.new_figure_question, hint: m.new_figure_question_hint },
	{ kind: 'columns', label: m.new_figure_columns, hint: m.new_figure_columns_hint },
	{ kind: 'grid', label: m.new_figure_grid, hint: m.new_figure_grid_hint },
	{ kind: 'image', label: m.new_figure_image, hint: m.new_figure_image_hint }
];

const three = (name: (n: { n: number }) => string) => [1, 2, 3].map((n) => name({ n }));

export function newFigureOf(kind: NewFigureKind, x: number, y: number): NewFigure {
	if (kind === 'columns') {
		// Room for four cards per column before they cascade.
		const h = FIGURE_TITLE_BAR + HEADING_ROW_H + 4 * (MIN_CELL_H + 8);
		return { kind, title: m.new_figure_columns_title(), x, y, w: 3 * 280, h, color: 'slate', columns: three(m.new_figure_column) };
	}
	if (kind === 'grid') {
		const w = ROW_HEADING_W + 3 * 220;
		const h = FIGURE_TITLE_BAR + HEADING_ROW_H + 3 * 160;
		return { kind, title: m.new_figure_grid_title(), x, y, w, h, color: 'slate', rows: three(m.new_figure_row), columns: three(m.new_figure_column) };
	}
	if (kind === 'image') return { kind, title: m.new_figure_image_title(), x, y, w: 640, h: 560, color: 'slate' };
	return { kind, title: m.new_figure_question_title(), x, y, w: 640, h: 560, color: 'slate' };
}
