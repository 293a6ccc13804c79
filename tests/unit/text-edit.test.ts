/**
 * Input → one splice at the caret, the note limit on a splice, and carets anchored with relative
 * positions across other people's edits (src/lib/board/text-edit.ts).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	anchorSelection,
	applyEdit,
	capEdit,
	editBetween,
	editText,
	NOTE_TEXT_MAX,
	noteText,
	resolveSelection
} from '../../src/lib/board';

describe('an input becomes one splice where it happened', () => {
	it('puts a letter typed inside repeated text at the caret, not at the end of the run', () => {
		// "aa" → "aaa" with the caret after the second a: typed at 1, not appended.
		expect(editBetween('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
		expect(editBetween('ha ha', 'ha ha ha', 3)).toEqual({ index: 0, remove: 0, insert: 'ha ' });
	});

	it('tells backspace from forward delete by the caret', () => {
		expect(editBetween('abc', 'ac', 1)).toEqual({ index: 1, remove: 1, insert: '' });
		// Backspace after the second of two equal letters removes that one.
		expect(editBetween('abbc', 'abc', 2)).toEqual({ index: 2, remove: 1, insert: '' });
	});

	it('replaces a selection, and pastes, in one splice', () => {
		expect(editBetween('En arena för samtal', 'En plats för samtal', 8)).toEqual({ index: 3, remove: 5, insert: 'plats' });
		expect(editBetween('tid', 'mer tid', 4)).toEqual({ index: 0, remove: 0, insert: 'mer ' });
	});

	it('falls back to the common prefix and suffix when the caret says nothing', () => {
		expect(editBetween('abcd', 'abXcd', 0)).toEqual({ index: 2, remove: 0, insert: 'X' });
		expect(editBetween('same', 'same', 2)).toBeNull();
	});

	it('never splits an emoji in half', () => {
		const edit = editBetween('\u{1F600}', '\u{1F601}', 2)!;
		expect(edit).toEqual({ index: 0, remove: 2, insert: '\u{1F601}' });
	});

	it('turns every before/after pair back into the after text', () => {
		const pairs: [string, string, number][] = [
			['', 'hej', 3],
			['hej', '', 0],
			['aaaa', 'aa', 1],
			['abc', 'abcabc', 6],
			['abc', 'xyz', 3]
		];
		for (const [before, after, caret] of pairs) expect(applyEdit(before, editBetween(before, after, caret)!)).toBe(after);
	});
});

describe('the note limit on a splice', () => {
	it('cuts only the insertion, and says so', () => {
		expect(capEdit({ index: 0, remove: 0, insert: 'abc' }, 498, 500)).toEqual({ edit: { index: 0, remove: 0, insert: 'ab' }, cut: true });
		expect(capEdit({ index: 0, remove: 3, insert: 'abc' }, 500, 500)).toEqual({ edit: { index: 0, remove: 3, insert: 'abc' }, cut: false });
	});

	it('keeps a note within NOTE_TEXT_MAX when a long paste lands in the middle', () => {
		const doc = new Y.Doc();
		const id = addNote(doc, { x: 0, y: 0, text: 'början slut' }, { id: 'p1', name: 'Anna', organisation: '' });
		const text = noteText(doc, id)!;
		expect(editText(text, { index: 7, remove: 0, insert: 'x'.repeat(1000) }).cut).toBe(true);
		expect(text.length).toBe(NOTE_TEXT_MAX);
		expect(text.toString().endsWith('slut')).toBe(true);
	});
});

/** One person's text field over their own copy of a note, as NoteEditing drives it. */
class Typist {
	readonly doc = new Y.Doc();
	readonly text = this.doc.getText('t');
	value = '';
	caret = 0;

	constructor() {
		let anchored: ReturnType<typeof anchorSelection> | null = null;
		this.doc.on('beforeTransaction', (tr: Y.Transaction) => {
			if (tr.origin !== this) anchored = anchorSelection(this.text, { start: this.caret, end: this.caret });
		});
		this.text.observe((event) => {
			if (event.transaction.origin === this) return;
			this.value = this.text.toString();
			this.caret = resolveSelection(this.text, anchored!)!.start;
		});
	}

	/** One key: the field changes, then its input event writes the splice. */
	type(letter: string): void {
		const after = this.value.slice(0, this.caret) + letter + this.value.slice(this.caret);
		const edit = editBetween(this.value, after, this.caret + 1)!;
		this.doc.transact(() => {
			this.text.delete(edit.index, edit.remove);
			this.text.insert(edit.index, edit.insert);
		}, this);
		this.value = after;
		this.caret += 1;
	}
}

function exchange(from: Typist, to: Typist, since: Uint8Array): void {
	Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, since));
}

describe('two people typing in one note, one in the middle and one at the end', () => {
	it('keeps each person\'s words whole and each caret where its person types', () => {
		const anna = new Typist();
		const bo = new Typist();
		anna.doc.clientID = 1;
		bo.doc.clientID = 2;
		anna.text.insert(0, 'En arena för samtal');
		exchange(anna, bo, new Uint8Array([0]));
		bo.value = bo.text.toString();
		anna.value = anna.text.toString();
		anna.caret = anna.value.length; // at the end
		bo.caret = 'En arena'.length; // in the middle

		const annaWords = ' och möten';
		const boWords = ' med ett tydligt syfte';
		for (let i = 0; i < Math.max(annaWords.length, boWords.length); i++) {
			// Both type before hearing the other's key: the two edits are concurrent.
			const annaSeen = Y.encodeStateVector(anna.doc);
			const boSeen = Y.encodeStateVector(bo.doc);
			if (annaWords[i]) anna.type(annaWords[i]!);
			if (boWords[i]) bo.type(boWords[i]!);
			exchange(anna, bo, boSeen);
			exchange(bo, anna, annaSeen);
			expect(anna.value).toBe(anna.text.toString());
			expect(bo.value).toBe(bo.text.toString());
		}

		const expected = 'En arena med ett tydligt syfte för samtal och möten';
		expect(anna.text.toString()).toBe(expected);
		expect(bo.text.toString()).toBe(expected);
		expect(anna.caret).toBe(expected.length);
		expect(bo.caret).toBe('En arena med ett tydligt syfte'.length);
	});

	it('keeps my caret after my own letters when someone types at the very same spot', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		text.insert(0, 'ab');
		const mine = anchorSelection(text, { start: 1, end: 1 });
		text.insert(1, 'XYZ'); // someone else, right at my caret
		expect(resolveSelection(text, mine)).toEqual({ start: 1, end: 1, backward: false });
		const selection = anchorSelection(text, { start: 0, end: 4, backward: true });
		text.insert(0, '>>');
		expect(resolveSelection(text, selection)).toEqual({ start: 2, end: 6, backward: true });
	});
});
