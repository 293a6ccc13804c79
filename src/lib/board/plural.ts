/**
 * Counts in Swedish words: "1 lapp", "2 lappar", "0 lappar". Swedish has the same two forms as
 * English (Intl.PluralRules('sv'): 'one' for 1, 'other' for everything else), but each noun's
 * plural is its own ("lapp"/"lappar", "röst"/"röster", "deltagare"/"deltagare"), so the caller
 * names both forms and this only picks the right one.
 */
const rules = new Intl.PluralRules('sv');

/** The form of the noun that agrees with `n`: pluralWord(1, 'lapp', 'lappar') is "lapp". */
export function pluralWord(n: number, one: string, other: string): string {
	return rules.select(n) === 'one' ? one : other;
}

/** The number and the noun that agrees with it: plural(2, 'figur', 'figurer') is "2 figurer". */
export function plural(n: number, one: string, other: string): string {
	return `${n} ${pluralWord(n, one, other)}`;
}
