/**
 * Text a person gives that others see beside their words: names, organisations, workshop titles,
 * group names (one line each) and chat messages (several lines). No zod here: the join page
 * bundles this module, and zod's feature probe (`new Function`) is a CSP violation there. Every place that accepts one
 * (the HTTP API, the join form for an early message) passes it through here, so that a name reads
 * the same on every board, export and screen.
 *
 * The rule, in order:
 * 1. NFC, so that "å" typed and "å" pasted (a + ring) are one name, not two look-alikes.
 * 2. Refused: control characters (NUL and the rest of C0/C1, except tab and line breaks, which
 *    are whitespace), halves of broken surrogate pairs, and bidi embeddings, overrides and
 *    isolates (U+202A–U+202E, U+2066–U+2069). Those reorder the text around them: a name holding
 *    U+202E can make a note's credit, or the organisation after it, read backwards.
 * 3. Removed: invisible marks a name never needs and that only make two names look alike
 *    (zero-width space U+200B, word joiner U+2060, BOM U+FEFF, soft hyphen U+00AD) and the plain
 *    direction marks U+200E/U+200F/U+061C. Those last three cannot reorder what follows them;
 *    they come along when an Arabic or Hebrew name is pasted, so dropping them beats refusing.
 * 4. In a one-line field every run of whitespace (line breaks and tabs too) becomes one space; a
 *    chat message keeps its lines. The ends are trimmed.
 * 5. Refused as empty: what has nothing visible left once format characters (ZWJ, ZWNJ, …),
 *    variation selectors and blank letters (Hangul fillers, the blank Braille pattern) are set
 *    aside. ZWJ and ZWNJ themselves stay inside a name: emoji sequences and Persian and Indic
 *    scripts need them.
 * Lengths count UTF-16 units after normalisation, as every other limit in limits.ts does.
 */
import { said, type Said } from '../said';
import { CHAT_TEXT_MAX } from './chat';
import { NAME_MAX, ORGANISATION_MAX, WORKSHOP_TITLE_MAX } from './limits';

export type TextProblem = 'control' | 'bidi' | 'empty' | 'too-long';

export type NormalisedText = { ok: true; text: string } | { ok: false; problem: TextProblem; message: Said };

/** One kind of text a person gives, with the sentences (by code, said.ts) that tell them what to change. */
export interface TextField {
	/** The field as the subject of a sentence: "Namnet", "Titeln". */
	subject: Said;
	max: number;
	/** An optional field may come out empty (and has no `empty` sentence); a required one is refused with `empty`. */
	required: boolean;
	/** Chat messages keep their line breaks; everything else is one line. */
	multiline: boolean;
	empty: Said | null;
	tooLong: Said;
}

export const NAME_FIELD: TextField = {
	subject: said('error_subject_name'),
	max: NAME_MAX,
	required: true,
	multiline: false,
	empty: said('error_name_missing'),
	tooLong: said('error_name_too_long', { max: NAME_MAX })
};

export const ORGANISATION_FIELD: TextField = {
	subject: said('error_subject_organisation'),
	max: ORGANISATION_MAX,
	required: false,
	multiline: false,
	empty: null,
	tooLong: said('error_organisation_too_long', { max: ORGANISATION_MAX })
};

export const WORKSHOP_TITLE_FIELD: TextField = {
	subject: said('error_subject_title'),
	max: WORKSHOP_TITLE_MAX,
	required: true,
	multiline: false,
	empty: said('error_title_missing'),
	tooLong: said('error_title_too_long', { max: WORKSHOP_TITLE_MAX })
};

export const CHAT_MESSAGE_FIELD: TextField = {
	subject: said('error_subject_message'),
	max: CHAT_TEXT_MAX,
	required: true,
	multiline: true,
	empty: said('error_chat_empty'),
	tooLong: said('error_chat_too_long', { max: CHAT_TEXT_MAX })
};

/** C0 and C1 controls and DEL, except tab, LF, VT, FF and CR, which are whitespace. */
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/u;
const BROKEN_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const DROPPED = /[\u200B\u2060\uFEFF\u00AD\u200E\u200F\u061C]/gu;
/** What renders as nothing: format characters, variation selectors, blank letters, whitespace. */
const INVISIBLE = /[\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u034F\u115F\u1160\u3164\uFFA0\u2800\s]/gu;

/**
 * Whether text holds what step 2 refuses, for text that arrives in bulk rather than typed by one
 * person (a workshop file's authors and chat names): 'control', 'bidi', or null.
 */
export function hiddenCharacters(raw: string): 'control' | 'bidi' | null {
	if (CONTROL.test(raw) || BROKEN_SURROGATE.test(raw)) return 'control';
	return BIDI_CONTROL.test(raw) ? 'bidi' : null;
}

export function normaliseText(raw: string, field: TextField): NormalisedText {
	const nfc = raw.normalize('NFC');
	if (CONTROL.test(nfc) || BROKEN_SURROGATE.test(nfc)) {
		return refuse('control', said('error_text_control', { subject: field.subject }));
	}
	if (BIDI_CONTROL.test(nfc)) {
		return refuse('bidi', said('error_text_bidi', { subject: field.subject }));
	}
	const kept = nfc.replace(DROPPED, '');
	// A chat message keeps its lines and spacing as written; only its ends are trimmed.
	const text = field.multiline ? kept.replace(/\r\n?/g, '\n').trim() : kept.replace(/\s+/g, ' ').trim();
	if (!text.replace(INVISIBLE, '')) {
		return field.required && field.empty ? refuse('empty', field.empty) : { ok: true, text: '' };
	}
	if (text.length > field.max) return refuse('too-long', field.tooLong);
	return { ok: true, text };
}

function refuse(problem: TextProblem, message: Said): NormalisedText {
	return { ok: false, problem, message };
}
