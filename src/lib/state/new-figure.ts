/** What the facilitator's "+ Figur" menu adds: a figure of each kind, ready to be renamed. */
import { FIGURE_TITLE_BAR, HEADING_ROW_H, MIN_CELL_H, ROW_HEADING_W, type NewFigure } from '$board';

export type NewFigureKind = 'question' | 'columns' | 'grid' | 'image';

export const NEW_FIGURE_KINDS: { kind: NewFigureKind; label: string; hint: string }[] = [
	{ kind: 'question', label: 'Fråga', hint: 'En ram med en fråga, för lappar' },
	{ kind: 'columns', label: 'Kolumner', hint: 'Steg eller kategorier sida vid sida' },
	{ kind: 'grid', label: 'Rutnät', hint: 'Rader × kolumner, som en aktivitetsplan' },
	{ kind: 'image', label: 'Bild', hint: 'En bild att kommentera med lappar' }
];

const three = (name: string) => [1, 2, 3].map((i) => `${name} ${i}`);

export function newFigureOf(kind: NewFigureKind, x: number, y: number): NewFigure {
	if (kind === 'columns') {
		// Room for four cards per column before they cascade.
		const h = FIGURE_TITLE_BAR + HEADING_ROW_H + 4 * (MIN_CELL_H + 8);
		return { kind, title: 'Nya kolumner', x, y, w: 3 * 280, h, color: 'slate', columns: three('Kolumn') };
	}
	if (kind === 'grid') {
		const w = ROW_HEADING_W + 3 * 220;
		const h = FIGURE_TITLE_BAR + HEADING_ROW_H + 3 * 160;
		return { kind, title: 'Nytt rutnät', x, y, w, h, color: 'slate', rows: three('Rad'), columns: three('Kolumn') };
	}
	if (kind === 'image') return { kind, title: 'Kommentera bilden', x, y, w: 640, h: 560, color: 'slate' };
	return { kind, title: 'Ny fråga', x, y, w: 640, h: 560, color: 'slate' };
}
