import { describe, expect, it } from 'vitest';
import { say } from '../../server/http/say';
import {
	CHAT_MESSAGE_FIELD,
	NAME_FIELD,
	normaliseText,
	ORGANISATION_FIELD,
	WORKSHOP_TITLE_FIELD,
	type NormalisedText
} from '../../src/lib/board/names';
import { NAME_MAX } from '../../src/lib/board/limits';

function accepted(result: NormalisedText): string {
	if (!result.ok) throw new Error(`refused (${result.problem}): ${result.message}`);
	return result.text;
}

function problem(result: NormalisedText): string | null {
	return result.ok ? null : result.problem;
}

describe('names a person gives', () => {
	it('keep å ä ö, accents, emoji and other scripts as written', () => {
		for (const name of ['Åsa Öberg-Ängström', 'José Müller', 'Zoë Ðurić', '李小龙', 'مريم', 'שרה', 'Ольга', 'Anna 👩‍💻', 'Ali 🇸🇪', 'می‌خواهم']) {
			expect(accepted(normaliseText(name, NAME_FIELD))).toBe(name);
		}
	});

	it('are NFC, so that a typed and a pasted "å" are the same name', () => {
		expect(accepted(normaliseText('A\u030Asa', NAME_FIELD))).toBe('Åsa');
	});

	it('are trimmed and have runs of whitespace, line breaks and tabs collapsed to one space', () => {
		expect(accepted(normaliseText('  Anna \t\n  Berg\u00A0\u00A0 ', NAME_FIELD))).toBe('Anna Berg');
	});

	it('refuse NUL and other control characters', () => {
		for (const bad of ['Anna\u0000', '\u0007Anna', 'An\u001Bna', 'Anna\u007F', 'Anna\u0085Berg']) {
			expect(problem(normaliseText(bad, NAME_FIELD))).toBe('control');
		}
	});

	it('refuse halves of broken surrogate pairs', () => {
		expect(problem(normaliseText('Anna \uD83D', NAME_FIELD))).toBe('control');
	});

	it('refuse bidi embeddings, overrides and isolates', () => {
		for (const bidi of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
			const result = normaliseText(`Anna${bidi}greB`, NAME_FIELD);
			expect(problem(result)).toBe('bidi');
			expect(result.ok ? '' : say(result.message, 'sv')).toMatch(/riktning/);
		}
	});

	it('drop plain direction marks and invisible joiners that only make names look alike', () => {
		expect(accepted(normaliseText('\u200FAnna\u200B Berg\u200E\uFEFF\u00AD', NAME_FIELD))).toBe('Anna Berg');
	});

	it('refuse a name of zero-width and format characters only', () => {
		for (const blank of ['\u200B\u200C\u200D', '\u2060\uFEFF', ' \u200D ', '\u3164', '\u2800\uFE0F', '']) {
			const result = normaliseText(blank, NAME_FIELD);
			expect(problem(result)).toBe('empty');
			expect(result.ok ? '' : result.message).toBe(NAME_FIELD.empty);
		}
	});

	it('refuse a name longer than the limit, counted after normalisation', () => {
		expect(problem(normaliseText('a'.repeat(NAME_MAX + 1), NAME_FIELD))).toBe('too-long');
		expect(accepted(normaliseText(` ${'a'.repeat(NAME_MAX)}\u200B `, NAME_FIELD))).toHaveLength(NAME_MAX);
	});

	it('let an optional organisation be empty, and empty an invisible one', () => {
		expect(accepted(normaliseText('', ORGANISATION_FIELD))).toBe('');
		expect(accepted(normaliseText('\u200B\u200D', ORGANISATION_FIELD))).toBe('');
		expect(problem(normaliseText('Region\u202EGotland', ORGANISATION_FIELD))).toBe('bidi');
	});

	it('say which field to fix', () => {
		const result = normaliseText('Lärlabb\u0000', WORKSHOP_TITLE_FIELD);
		expect(result.ok ? '' : say(result.message, 'sv')).toMatch(/^Titeln innehåller dolda styrtecken\./);
		expect(result.ok ? '' : say(result.message, 'en')).toMatch(/^The title contains hidden control characters\./);
	});
});

describe('chat messages', () => {
	it('keep their line breaks and spacing, trimmed at the ends', () => {
		expect(accepted(normaliseText('\r\n Hej!\r\n  - punkt ett\n\nTack ', CHAT_MESSAGE_FIELD))).toBe('Hej!\n  - punkt ett\n\nTack');
	});

	it('refuse control characters and bidi overrides like names do', () => {
		expect(problem(normaliseText('Hej\u0000', CHAT_MESSAGE_FIELD))).toBe('control');
		expect(problem(normaliseText('Hej \u202Egnöl', CHAT_MESSAGE_FIELD))).toBe('bidi');
		expect(problem(normaliseText('\u200B\n\u200B', CHAT_MESSAGE_FIELD))).toBe('empty');
	});
});
