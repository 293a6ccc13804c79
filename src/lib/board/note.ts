/** Operations on notes (post-its). Every write is one transaction with the caller's origin. */
import * as Y from 'yjs';
import { figureForNoteAt } from './figure';
import { freeSpotInCells, hasCells, spotCovered } from './figure-layout';
import { NAME_MAX, NOTE_TEXT_MAX, ORGANISATION_MAX } from './limits';
import { boardMaps, newId, readFigures, readNotes, NOTE_H, NOTE_W, type NoteColor } from './schema';
import { capEdit, type TextEdit } from './text-edit';

export interface Author {
	id: string;
	name: string;
	organisation: string;
}

export interface NewNote {
	x: number;
	y: number;
	text?: string;
	color?: NoteColor;
	/** When omitted, the figure under the note's centre. */
	figureId?: string | null;
}

/** Cuts text to the note limit; `cut` tells the UI to say so. */
export function capNoteText(text: string): { text: string; cut: boolean } {
	return text.length > NOTE_TEXT_MAX
		? { text: text.slice(0, NOTE_TEXT_MAX), cut: true }
		: { text, cut: false };
}

export function addNote(doc: Y.Doc, note: NewNote, author: Author, origin?: unknown): string {
	const id = newId();
	const x = Math.round(note.x);
	const y = Math.round(note.y);
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('text', new Y.Text(capNoteText(note.text ?? '').text));
		map.set('figureId', note.figureId === undefined ? figureForNoteAt(doc, x, y) : note.figureId);
		map.set('x', x);
		map.set('y', y);
		map.set('color', note.color ?? 'yellow');
		map.set('authorId', author.id);
		map.set('authorName', author.name.slice(0, NAME_MAX));
		map.set('organisation', author.organisation.slice(0, ORGANISATION_MAX));
		map.set('createdAt', Date.now());
		boardMaps(doc).notes.set(id, map);
	}, origin);
	return id;
}

/** Replaces a note's text with the smallest edit (see replaceText). */
export function setNoteText(doc: Y.Doc, id: string, next: string, origin?: unknown): { cut: boolean } {
	const ytext = boardMaps(doc).notes.get(id)?.get('text');
	return ytext instanceof Y.Text ? replaceText(ytext, next, origin) : { cut: capNoteText(next).cut };
}

/**
 * Replaces a text with the smallest edit (common prefix and suffix kept), so that two people
 * typing in different parts of one note both keep their words. Capped at the note limit.
 */
export function replaceText(ytext: Y.Text, next: string, origin?: unknown): { cut: boolean } {
	const capped = capNoteText(next);
	const prev = ytext.toString();
	if (prev === capped.text || !ytext.doc) return { cut: capped.cut };
	let start = 0;
	const max = Math.min(prev.length, capped.text.length);
	while (start < max && prev[start] === capped.text[start]) start++;
	let end = 0;
	while (
		end < max - start &&
		prev[prev.length - 1 - end] === capped.text[capped.text.length - 1 - end]
	)
		end++;
	ytext.doc.transact(() => {
		const removed = prev.length - start - end;
		if (removed > 0) ytext.delete(start, removed);
		const inserted = capped.text.slice(start, capped.text.length - end);
		if (inserted) ytext.insert(start, inserted);
	}, origin);
	return { cut: capped.cut };
}

/** A note's shared text, for an editor bound to it (note-editing.svelte.ts); null when gone. */
export function noteText(doc: Y.Doc, id: string): Y.Text | null {
	const ytext = boardMaps(doc).notes.get(id)?.get('text');
	return ytext instanceof Y.Text ? ytext : null;
}

/**
 * Applies one person's splice where it happened (text-edit.ts), so that people typing in
 * different places of one note interleave by words. The insertion is cut to the note limit.
 */
export function editText(ytext: Y.Text, edit: TextEdit, origin?: unknown): { cut: boolean } {
	const capped = capEdit(edit, ytext.length, NOTE_TEXT_MAX);
	const { index, remove, insert } = capped.edit;
	if (!ytext.doc || (remove === 0 && insert === '')) return { cut: capped.cut };
	ytext.doc.transact(() => {
		if (remove > 0) ytext.delete(index, remove);
		if (insert) ytext.insert(index, insert);
	}, origin);
	return { cut: capped.cut };
}

/** Moves a note; it then belongs to the figure it was dropped in (or to none). */
export function moveNote(doc: Y.Doc, id: string, x: number, y: number, origin?: unknown): void {
	const map = boardMaps(doc).notes.get(id);
	if (!(map instanceof Y.Map)) return;
	const rx = Math.round(x);
	const ry = Math.round(y);
	doc.transact(() => {
		map.set('x', rx);
		map.set('y', ry);
		const figureId = figureForNoteAt(doc, rx, ry);
		if (map.get('figureId') !== figureId) map.set('figureId', figureId);
	}, origin);
}

export function setNoteColor(doc: Y.Doc, id: string, color: NoteColor, origin?: unknown): void {
	const map = boardMaps(doc).notes.get(id);
	if (!(map instanceof Y.Map) || map.get('color') === color) return;
	doc.transact(() => map.set('color', color), origin);
}

export function deleteNote(doc: Y.Doc, id: string, origin?: unknown): void {
	const { notes } = boardMaps(doc);
	if (!notes.has(id)) return;
	doc.transact(() => notes.delete(id), origin);
}

/**
 * A free spot for a new note inside a figure: the first cell of a grid below the title that no
 * note covers (a long note with its grown height), so that "+ Lapp" never hides another note.
 * In a columns or grid figure, the first of its cells with room (figure-layout.ts).
 */
export function freeSpotInFigure(doc: Y.Doc, figureId: string): { x: number; y: number } | null {
	const figure = readFigures(doc).find((f) => f.id === figureId);
	if (!figure) return null;
	const taken = readNotes(doc).filter((n) => n.figureId === figureId);
	if (hasCells(figure)) return freeSpotInCells(figure, taken);
	const gap = 16;
	const titleBar = 96; // room for a title of two lines at the board's title size
	const top = figure.y + titleBar;
	const cols = Math.max(1, Math.floor((figure.w - gap) / (NOTE_W + gap)));
	const rows = Math.max(1, Math.floor((figure.h - titleBar - gap) / (NOTE_H + gap)));
	const slots = cols * rows;
	/** Slot i of the grid; past the last, a second layer offset so that it still shows. */
	const slot = (i: number) => {
		const layer = Math.floor(i / slots);
		return {
			x: figure.x + gap + (i % cols) * (NOTE_W + gap) + layer * 24,
			y: top + (Math.floor(i / cols) % rows) * (NOTE_H + gap) + layer * 24
		};
	};
	// A slot clear of every note as drawn; in a figure full of long notes, one where no note
	// starts, so that each note's first lines stay to read (as if every note were NOTE_H tall).
	for (let i = 0; i < slots; i++) {
		const spot = slot(i);
		if (!spotCovered(taken, spot.x, spot.y)) return spot;
	}
	const starts = taken.map(({ x, y }) => ({ x, y }));
	for (let i = 0; i < slots * 2; i++) {
		const spot = slot(i);
		if (!spotCovered(starts, spot.x, spot.y)) return spot;
	}
	return { x: figure.x + gap, y: top };
}
