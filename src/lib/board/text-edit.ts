/**
 * One person's edit of a shared text, as a single splice at the place where it happened, and
 * carets that hold their place while other people's edits arrive.
 *
 * Why a diff anchored at the caret, not `beforeinput` data: a text field's `input` event comes
 * from typing, IME composition, autocorrect, paste, drop, cut and the browser's own undo, and
 * `inputType`/`data` are incomplete or missing for several of them (Android keyboards replace
 * whole words). Comparing the field's text before and after is always right about WHAT changed;
 * the caret after the input says WHERE, because an insertion ends at the caret. A plain
 * prefix/suffix diff guesses wrong whenever the text repeats around the change ("aa" → "aaa"
 * typed at 1 looks like an append), which puts the letter in the wrong place for everyone.
 *
 * Carets are kept as Yjs relative positions bound to the letter left of them (assoc -1): my
 * caret then stays right after what I just typed, also when someone else types at the very same
 * spot, and never moves for text inserted after it. A selection's start binds to the letter on
 * its right, so the selection keeps covering the same letters.
 */
import * as Y from 'yjs';

/** Remove `remove` characters at `index`, then insert `insert` there. */
export interface TextEdit {
	index: number;
	remove: number;
	insert: string;
}

/**
 * The one splice that turns `before` into `after`, placed so that the inserted text ends at
 * `caret` (the selection end after the input) whenever the texts allow it. Null when equal.
 */
export function editBetween(before: string, after: string, caret: number): TextEdit | null {
	if (before === after) return null;
	const grown = after.length - before.length;
	const limit = Math.min(before.length, after.length);
	// The change ends at the caret when what follows the caret is unchanged text.
	const end = Math.min(Math.max(caret, 0), after.length);
	const pinned = end - grown >= 0 && end - grown <= before.length && after.slice(end) === before.slice(end - grown);
	let suffix = after.length - end;
	if (!pinned) {
		// No usable caret (a field that lost its selection): the longest common suffix.
		suffix = 0;
		while (suffix < limit && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
	}
	let prefix = 0;
	while (prefix < limit - suffix && before[prefix] === after[prefix]) prefix++;
	// Never split a surrogate pair: Yjs stores text as UTF-8, where half an emoji becomes "�".
	if (prefix > 0 && isHighSurrogate(after.charCodeAt(prefix - 1))) prefix--;
	if (suffix > 0 && isHighSurrogate(after.charCodeAt(after.length - suffix - 1))) suffix--;
	return {
		index: prefix,
		remove: before.length - suffix - prefix,
		insert: after.slice(prefix, after.length - suffix)
	};
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

export function applyEdit(text: string, edit: TextEdit): string {
	return text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.remove);
}

/** Shortens the insertion so that a text of `length` stays within `max`; `cut` says it had to. */
export function capEdit(edit: TextEdit, length: number, max: number): { edit: TextEdit; cut: boolean } {
	const room = max - (length - edit.remove);
	if (edit.insert.length <= room) return { edit, cut: false };
	return { edit: { ...edit, insert: edit.insert.slice(0, Math.max(0, room)) }, cut: true };
}

/** A selection (UTF-16 indices, like a text field's) that survives other people's edits. */
export interface AnchoredSelection {
	start: Y.RelativePosition;
	end: Y.RelativePosition;
	backward: boolean;
}

export function anchorSelection(
	ytext: Y.Text,
	selection: { start: number; end: number; backward?: boolean }
): AnchoredSelection {
	const at = (i: number, assoc: number) =>
		Y.createRelativePositionFromTypeIndex(ytext, Math.min(Math.max(i, 0), ytext.length), assoc);
	// A selection keeps the letters it covers: its start binds to the letter on its right.
	const startAssoc = selection.start === selection.end ? -1 : 0;
	return { start: at(selection.start, startAssoc), end: at(selection.end, -1), backward: selection.backward ?? false };
}

/** Where an anchored selection is now; null when its text is gone from the document. */
export function resolveSelection(
	ytext: Y.Text,
	anchored: AnchoredSelection
): { start: number; end: number; backward: boolean } | null {
	const doc = ytext.doc;
	if (!doc) return null;
	const start = Y.createAbsolutePositionFromRelativePosition(anchored.start, doc);
	const end = Y.createAbsolutePositionFromRelativePosition(anchored.end, doc);
	if (!start || !end || start.type !== ytext || end.type !== ytext) return null;
	return { start: Math.min(start.index, end.index), end: Math.max(start.index, end.index), backward: anchored.backward };
}
