/**
 * Where an image figure's picture sits on the board, for the views that draw it without the board's
 * own layout: the projector (pins for the notes) and the SVG export (the picture under the notes).
 * On the board the picture fills what the title bar leaves, inset 10 px, scaled to fit
 * (FigurePicture.svelte, object-fit: contain). The title bar grows with the title's lines; without
 * font metrics the lines are estimated, so a place here is within a few pixels of the board's.
 */
import { NOTE_H, NOTE_W } from './board/schema';

export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

const PICTURE_INSET = 10;
/** FigureFrame's title bar: at least 64 px; 12 + 8 px padding around lines of 26 px × 1.2. */
const BAR_MIN = 64;
const BAR_PADDING = 20;
const TITLE_LINE = 31.2;
/** The title shares the bar with "+ Lapp" and the bar's side padding. */
const BAR_SIDES = 140;
/** An average bold glyph of the 26 px title, in px. */
const TITLE_GLYPH = 26 * 0.58;

/** The board area the picture may fill: the frame below the title bar, inset. */
export function pictureArea(figure: Box & { title: string }): Box {
	const perLine = Math.max(8, Math.floor((figure.w - BAR_SIDES) / TITLE_GLYPH));
	const lines = Math.max(1, Math.ceil(figure.title.trim().length / perLine));
	const bar = Math.max(BAR_MIN, BAR_PADDING + lines * TITLE_LINE);
	return {
		x: figure.x + PICTURE_INSET,
		y: figure.y + bar,
		w: Math.max(0, figure.w - 2 * PICTURE_INSET),
		h: Math.max(0, figure.h - bar - PICTURE_INSET)
	};
}

/** A picture of `natural` size scaled to fit `area` and centred in it (contain, xMidYMid meet). */
export function fitPicture(area: Box, natural: { w: number; h: number }): Box {
	const scale = Math.min(area.w / natural.w, area.h / natural.h);
	const w = natural.w * scale;
	const h = natural.h * scale;
	return { x: area.x + (area.w - w) / 2, y: area.y + (area.h - h) / 2, w, h };
}

/**
 * Where a note points on the picture, as fractions of its width and height (0–1): the note's
 * centre, which is where a double-click placed it. A note off the picture points at its edge.
 */
export function pinOnPicture(picture: Box, note: { x: number; y: number }): { x: number; y: number } {
	const clamp = (v: number) => Math.min(1, Math.max(0, v));
	return {
		x: clamp((note.x + NOTE_W / 2 - picture.x) / picture.w),
		y: clamp((note.y + NOTE_H / 2 - picture.y) / picture.h)
	};
}
