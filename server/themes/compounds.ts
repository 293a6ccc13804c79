/**
 * Compound-word splitting: Swedish writes "hållbarhetsrapport" where English writes "sustainability
 * report", so two notes can share a concept without sharing a word. A word splits in two where
 * both halves are words we know: stems of the words in the workshop's own text (the lexicon the
 * caller passes) or of the small list below. The head may end in a linking -s- or -e-
 * ("hållbarhet-s-rapport", "samhälle" → "samhälls-"), which is tried without it. Of the splits
 * that work, the one with the longest tail wins: the tail is the compound's head noun in Swedish.
 */
import { stemWord } from './stem-extras';

/** Parts shorter than this match by accident ("är", "in"); 3 keeps "mål", "tid", "lag". */
const PART_MIN = 3;
/** A word shorter than two parts cannot be a compound of them. */
const WORD_MIN = PART_MIN * 2;

/** Common parts of compounds in regional-development notes, as words (stemmed on use). */
const KNOWN_PARTS = `arbete analys rapport utveckling region kommun samverkan samhälle utmaning hållbarhet mål plan tid team
grupp område fokus perspektiv dimension logik material instrument uppdrag process förändring strategi styrning nivå
insats åtgärd kunskap kompetens resurs medel möte forum dialog nätverk system ansats uppföljning målgrupp anpassning
bakgrund nyckeltal samling tänk rör stuprör driv sektor ekonomi social miljö kultur näring liv bostad hälsa skola
utbildning arbetssätt förhållning sätt regering myndighet direktör chef lös styr år hjul roll`;

export const KNOWN_STEMS: ReadonlySet<string> = new Set(KNOWN_PARTS.split(/\s+/).filter(Boolean).map(stemWord));

/** The stems of a compound's two parts, or null when the word is not one we can split. */
export function splitCompound(word: string, lexicon: ReadonlySet<string>): [head: string, tail: string] | null {
	if (word.length < WORD_MIN) return null;
	const known = (part: string) => part.length >= PART_MIN && (lexicon.has(part) || KNOWN_STEMS.has(part));
	for (let at = PART_MIN; at <= word.length - PART_MIN; at++) {
		const tail = stemWord(word.slice(at));
		if (!known(tail)) continue;
		const head = word.slice(0, at);
		for (const candidate of [head, head.replace(/[se]$/, '')]) {
			const stem = stemWord(candidate);
			if (known(stem) || known(candidate)) return [stem, tail];
		}
	}
	return null;
}
