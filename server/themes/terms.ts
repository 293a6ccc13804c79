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
	const seen = new Set<string>();
	for (const text of texts) for (const word of words(text)) if (!isStopWord(word)) seen.add(word);
	return new Set([...seen].map(stem));
}

export function termsOf(text: string, lexicon: ReadonlySet<string>): Term[] {
	return termReader(lexicon)(text);
}

/**
 * termsOf for many texts against one lexicon: each distinct word is stemmed and split once. A
 * workshop repeats its words across notes, and splitting tries a stem at every position of a word.
 */
export function termReader(lexicon: ReadonlySet<string>): (text: string) => Term[] {
	const known = new Map<string, Term[]>();
	const wordTerms = (word: string): Term[] => {
		let terms = known.get(word);
		if (!terms) {
			const parts = isStopWord(word) ? null : splitCompound(word, lexicon);
			terms = isStopWord(word) ? [] : [{ term: stem(word), weight: 1 }, ...(parts ?? []).map((part) => ({ term: part, weight: PART_WEIGHT }))];
			known.set(word, terms);
		}
		return terms;
	};
	return (text) => words(text).flatMap(wordTerms);
}
