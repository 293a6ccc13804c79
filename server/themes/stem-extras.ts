/**
 * What Snowball's Swedish stemmer leaves apart that a reader takes as one word: the -t of an
 * adjective's neuter ("tvärsektoriellt" beside "tvärsektoriell(a)") and the participle's -et / -en
 * / -n ("utmaningsdrivet", "utmaningsdriven", "utmaningsdrivna"). Applied to a stem, after Snowball.
 */
import { stemSwedish } from './stemmer';

const RULES: [RegExp, string][] = [
	[/llt$/, 'll'],
	[/(iv)(et|en|n)$/, '$1']
];

export function normaliseStem(stem: string): string {
	for (const [pattern, replacement] of RULES) if (pattern.test(stem)) return stem.replace(pattern, replacement);
	return stem;
}

/** A word's stem as the suggester compares them: Snowball, then the rules above. */
export function stemWord(word: string): string {
	return normaliseStem(stemSwedish(word));
}
