/**
 * Text to words for the theme suggester: Unicode-composed, lower-cased the Swedish way, split on
 * everything that is not a letter or a digit ("RUS:en", "BRP+", "analysarbete/bakgrundsmaterial",
 * "ihop-detta" all split where a reader would). Bare numbers and single letters carry no theme.
 */
export function words(text: string): string[] {
	return text
		.normalize('NFC')
		.toLocaleLowerCase('sv')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length > 1 && !/^\p{N}+$/u.test(w));
}
