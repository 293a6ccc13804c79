/**
 * The Snowball Swedish stemmer (snowballstem.org/algorithms/swedish), written out from its
 * published rules: three steps that take suffixes off the word's R1 region.
 *   R1      the region after the first non-vowel that follows a vowel, moved so that at least
 *           three letters come before it.
 *   step 1  the longest of the main suffixes in R1 goes; or a final `s` after a valid s-ending.
 *   step 2  a final dd gd nn dt gt kt tt in R1 loses its last letter.
 *   step 3  the longest of lig ig els in R1 goes; löst becomes lös and fullt full.
 * Input is one lower-cased word.
 */

const VOWELS = 'aeiouyäåö';
const S_ENDINGS = 'bcdfghjklmnoprtvy';

// Longest first, so the first that fits is the longest (the algorithm's "longest among").
const STEP1 = [
	'heterna', 'hetens', 'anden', 'andes', 'andet', 'arens', 'arnas', 'ernas', 'heten', 'heter', 'ornas',
	'ande', 'aren', 'arna', 'arne', 'aste', 'erna', 'erns', 'orna', 'ades', 'ade', 'are', 'ern', 'ens', 'het', 'ast',
	'ad', 'en', 'ar', 'er', 'or', 'as', 'es', 'at', 'a', 'e'
].sort((a, b) => b.length - a.length);
const STEP2 = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];

const isVowel = (c: string | undefined) => c !== undefined && VOWELS.includes(c);

/** Where R1 starts in `word`. */
export function r1Start(word: string): number {
	let i = 1;
	while (i < word.length && !(isVowel(word[i - 1]) && !isVowel(word[i]))) i++;
	return Math.max(3, Math.min(i + 1, word.length));
}

export function stemSwedish(word: string): string {
	const r1 = r1Start(word);
	let w = word;
	const inR1 = (suffix: string) => w.endsWith(suffix) && w.length - suffix.length >= r1;

	// Step 1
	const main = STEP1.find(inR1);
	if (main) w = w.slice(0, -main.length);
	else if (inR1('s') && S_ENDINGS.includes(w[w.length - 2] ?? '')) w = w.slice(0, -1);

	// Step 2
	if (STEP2.some(inR1)) w = w.slice(0, -1);

	// Step 3
	const derivational = ['fullt', 'löst', 'lig', 'els', 'ig'].find(inR1);
	if (derivational === 'fullt' || derivational === 'löst') w = w.slice(0, -1);
	else if (derivational) w = w.slice(0, -derivational.length);
	return w;
}
