/**
 * A point's terms: its words without stop words, stemmed (Snowball Swedish), and for a compound
 * its parts as well, so "hållbarhetsrapport" meets "hållbarhet" and "rapporten". A compound keeps
 * its own stem too: two notes that use the very same compound share more than two that share a part.
 */
import { splitCompound } from './compounds';
import { stemWord as stem } from './stem-extras';
import { isStopWord } from './stop-words';
import { words } from './normalise';

export interface Term {
	term: string;
	/** 1 for a word's own stem, less for a part of a compound. */
	weight: number;
}

/** A compound's parts count half: they are what it is about, but less than a word said outright. */
export const PART_WEIGHT = 0.5;

/** The stems of every content word in `texts`: the lexicon compounds are split against. */
export function lexiconOf(texts: Iterable<string>): Set<string> {
	const lexicon = new Set<string>();
	for (const text of texts) for (const word of words(text)) if (!isStopWord(word)) lexicon.add(stem(word));
	return lexicon;
}

export function termsOf(text: string, lexicon: ReadonlySet<string>): Term[] {
	const terms: Term[] = [];
	for (const word of words(text)) {
		if (isStopWord(word)) continue;
		terms.push({ term: stem(word), weight: 1 });
		const parts = splitCompound(word, lexicon);
		if (parts) for (const part of parts) terms.push({ term: part, weight: PART_WEIGHT });
	}
	return terms;
}
