/**
 * NoteEditing: one person's text field bound to a note's shared text while they write in it.
 *
 * The rule: between events, the field shows exactly the note's Y.Text. Both directions are
 * synchronous, so no keystroke is ever diffed against a text that has moved on meanwhile (that
 * race, a whole-value diff against newer remote text, is what scrambled two typists' words).
 *   - My input becomes one splice at the caret (text-edit.ts), written with the board's origin,
 *     so undo takes back my typing only. The note limit cuts the insertion and says so.
 *   - Someone else's change: just before any transaction the field's selection is anchored with
 *     relative positions; after the text changed the field takes the new text and the anchored
 *     selection, so my caret stays by the letters I was typing next to.
 *   - While a keyboard composes a word (IME, a phone's suggestions, dead keys) the field is the
 *     keyboard's: others' text waits, and the word is written as one splice when it is done.
 */
import type * as Y from 'yjs';
import {
	anchorSelection,
	editBetween,
	editText,
	noteText,
	resolveSelection,
	type AnchoredSelection,
	type TextEdit
} from '$board';
import type { BoardState } from './board.svelte';

/** What NoteEditing needs of a text field; an HTMLTextAreaElement is one. */
export interface TextField {
	value: string;
	selectionStart: number | null;
	selectionEnd: number | null;
	selectionDirection: 'forward' | 'backward' | 'none' | null;
	setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
}

export interface NoteEditingHooks {
	/** Asked on every input: a lock may land while the field is open. */
	mayEdit(): boolean;
	/** The insertion was cut at the note limit. */
	onCut(): void;
}

export class NoteEditing {
	/** Characters in the note, for the "n/500" counter. */
	length = $state(0);

	readonly #board: BoardState;
	readonly #doc: Y.Doc;
	readonly #text: Y.Text | null;
	readonly #field: TextField;
	readonly #hooks: NoteEditingHooks;
	/** The text the field showed before the current input event. */
	#shown: string;
	#anchored: AnchoredSelection | null = null;
	/** True while my own splice is applied, so the observer leaves the field alone. */
	#writing = false;
	/** Where a composition began, in the text and anchored; null when not composing. */
	#composing: { index: number; at: AnchoredSelection } | null = null;

	constructor(board: BoardState, noteId: string, field: TextField, hooks: NoteEditingHooks) {
		this.#board = board;
		this.#doc = board.internals.doc;
		this.#text = noteText(this.#doc, noteId);
		this.#field = field;
		this.#hooks = hooks;
		this.#shown = this.#text?.toString() ?? '';
		field.value = this.#shown;
		this.length = this.#shown.length;
		this.#doc.on('beforeTransaction', this.#anchor);
		this.#text?.observe(this.#onRemote);
	}

	/** Call on the field's `input` event. */
	input(): void {
		if (this.#composing) return; // written whole at compositionend
		const field = this.#field;
		const edit = editBetween(this.#shown, field.value, field.selectionEnd ?? field.value.length);
		if (edit) this.#write(edit);
	}

	/**
	 * Call on `compositionstart`. A composing keyboard (a phone's word suggestions, dead keys)
	 * owns the field until the word is done: replacing the value under it commits every partial
	 * word again ("hhahalhallå"). So nothing is written or shown until `compositionEnd`.
	 */
	compositionStart(): void {
		const field = this.#field;
		if (!this.#text || field.value !== this.#text.toString()) return;
		const index = Math.min(field.selectionStart ?? 0, field.selectionEnd ?? 0);
		this.#composing = { index, at: anchorSelection(this.#text, { start: index, end: index }) };
	}

	/** Call on `compositionend`: the composed word becomes one splice, where it now belongs. */
	compositionEnd(): void {
		const composing = this.#composing;
		this.#composing = null;
		if (!composing || !this.#text) return;
		const field = this.#field;
		const edit = editBetween(this.#shown, field.value, field.selectionEnd ?? field.value.length);
		// Others' edits meanwhile moved the spot where the composition began.
		const shift = (resolveSelection(this.#text, composing.at)?.start ?? composing.index) - composing.index;
		if (edit) {
			const index = Math.min(Math.max(edit.index + shift, 0), this.#text.length);
			this.#write({ index, remove: Math.min(edit.remove, this.#text.length - index), insert: edit.insert });
		} else if (field.value !== this.#text.toString()) {
			const caret = (field.selectionEnd ?? 0) + shift;
			this.#show(this.#text.toString(), caret, caret);
		}
	}

	#write(edit: TextEdit): void {
		const text = this.#text;
		if (!text || !this.#hooks.mayEdit()) {
			// Refused (a lock, a read-only board): the field goes back to the note's text.
			this.#show(text?.toString() ?? this.#shown, edit.index, edit.index);
			return;
		}
		const before = text.length;
		this.#writing = true;
		let cut = false;
		try {
			cut = editText(text, edit, this.#board.origin).cut;
		} finally {
			this.#writing = false;
		}
		const now = text.toString();
		if (now !== this.#field.value) {
			const caret = edit.index + now.length - (before - edit.remove);
			this.#show(now, caret, caret);
		} else {
			this.#shown = now;
			this.length = now.length;
		}
		if (cut) this.#hooks.onCut();
	}

	destroy(): void {
		this.#doc.off('beforeTransaction', this.#anchor);
		this.#text?.unobserve(this.#onRemote);
	}

	#show(text: string, start: number, end: number, backward = false): void {
		this.#field.value = text;
		this.#field.setSelectionRange(start, end, backward ? 'backward' : 'forward');
		this.#shown = text;
		this.length = text.length;
	}

	#anchor = (): void => {
		const field = this.#field;
		if (this.#writing) return;
		if (!this.#text || field.value !== this.#text.toString()) {
			this.#anchored = null;
			return;
		}
		const start = field.selectionStart ?? field.value.length;
		const end = field.selectionEnd ?? start;
		this.#anchored = anchorSelection(this.#text, { start, end, backward: field.selectionDirection === 'backward' });
	};

	#onRemote = (): void => {
		if (this.#writing || this.#composing || !this.#text) return;
		const text = this.#text.toString();
		if (text === this.#field.value) return;
		const at = this.#anchored && resolveSelection(this.#text, this.#anchored);
		if (at) this.#show(text, at.start, at.end, at.backward);
		else this.#show(text, text.length, text.length);
	};
}
