/** How a note is named to a screen reader and shown under its text, on the canvas and in the list. */
import type { Note } from '$board';
import { m } from '$lib/paraglide/messages';

/** "Lapp av Anna Berg (Region Skåne): En arena för samtal" */
export function noteLabel(note: Note): string {
	const by = `${note.authorName || m.note_unknown_author()}${note.organisation ? ` (${note.organisation})` : ''}`;
	return m.note_label({ by, text: note.text.trim() || m.note_empty_text() });
}

/** "Anna Berg · Region Skåne" */
export function noteByline(note: Note): string {
	return [note.authorName, note.organisation].filter(Boolean).join(' · ');
}

/** Words enough to tell notes apart in a button's name ("Skriv i lappen …"); long notes are cut. */
export function noteSnippet(note: Note, max = 40): string {
	const text = note.text.trim().replace(/\s+/g, ' ');
	if (!text) return m.note_empty_text();
	return text.length <= max ? text : `${text.slice(0, max).trimEnd()}…`;
}
