import { describe, expect, it } from 'vitest';
import { splitCompound } from '../../server/themes/compounds';
import { words } from '../../server/themes/normalise';
import { stemWord } from '../../server/themes/stem-extras';
import { r1Start, stemSwedish } from '../../server/themes/stemmer';
import { isStopWord } from '../../server/themes/stop-words';
import { lexiconOf, termsOf } from '../../server/themes/terms';

describe('Snowball Swedish stemmer, by its published rules', () => {
	it('starts R1 after the first non-vowel that follows a vowel, at least three letters in', () => {
		expect(r1Start('klokhet')).toBe(4); // k l o k | het
		expect(r1Start('ärende')).toBe(3); // ä r | ende, moved to 3
		expect(r1Start('jaktkarlarne')).toBe(3);
	});

	it('step 1 takes the longest main suffix in R1', () => {
		expect(stemSwedish('jaktkarlarne')).toBe('jaktkarl'); // arne, not e
		expect(stemSwedish('skönheterna')).toBe('skön'); // heterna, not erna or a
		expect(stemSwedish('klokhet')).toBe('klok');
		expect(stemSwedish('flickornas')).toBe('flick');
		expect(stemSwedish('regionerna')).toBe(stemSwedish('regioner'));
	});

	it('step 1 takes a final s only after a valid s-ending, and only in R1', () => {
		expect(stemSwedish('kvinnors')).toBe('kvinnor'); // r is a valid s-ending
		expect(stemSwedish('kompass')).toBe('kompass'); // s is not
		expect(stemSwedish('glas')).toBe('glas'); // the s is before R1
	});

	it('step 2 drops the last letter of dd gd nn dt gt kt tt in R1', () => {
		expect(stemSwedish('förstådd')).toBe('förståd');
	});

	it('step 3 takes lig ig els in R1, and makes löst lös and fullt full', () => {
		expect(stemSwedish('möjlig')).toBe('möj');
		expect(stemSwedish('hopplöst')).toBe('hopplös');
		expect(stemSwedish('fullt')).toBe('fullt'); // fullt is not in R1 here
		expect(stemSwedish('avsiktsfullt')).toBe('avsiktsfull');
	});

	it('the extra rules join an adjective neuter and participles that Snowball leaves apart', () => {
		expect(stemWord('tvärsektoriellt')).toBe(stemWord('tvärsektoriella'));
		expect(stemWord('utmaningsdrivet')).toBe(stemWord('utmaningsdrivna'));
		expect(stemWord('utmaningsdriven')).toBe(stemWord('utmaningsdrivet'));
	});
});

describe('words and stop words', () => {
	it('splits where a reader would and drops numbers and single letters', () => {
		expect(words('RUS:en, BRP+ och analysarbete/bakgrundsmaterial i 7 mål')).toEqual(['rus', 'en', 'brp', 'och', 'analysarbete', 'bakgrundsmaterial', 'mål']);
		expect(words('ÖREBRO gjort')).toEqual(['örebro', 'gjort']);
	});

	it('knows Snowball\'s stop words and the fillers of workshop notes, not content words', () => {
		for (const w of ['och', 'att', 'vilka', 'ska', 'olika', 'också']) expect(isStopWord(w)).toBe(true);
		for (const w of ['hållbarhet', 'analytiker', 'samverkan', 'region']) expect(isStopWord(w)).toBe(false);
	});
});

describe('compound words', () => {
	const lexicon = lexiconOf(['Hållbarheten är viktig', 'Rapporten kom sent']);

	it('splits into two known parts, taking the linking -s- off the head', () => {
		expect(splitCompound('hållbarhetsrapport', lexicon)).toEqual(['hållbar', 'rapport']);
		expect(splitCompound('samhällsutmaningar', lexicon)).toEqual(['samhäll', 'utmaning']);
		expect(splitCompound('stuprörstänk', lexicon)).toEqual(['stuprör', 'tänk']);
	});

	it('leaves words that are not compounds of known parts whole', () => {
		expect(splitCompound('regionerna', lexicon)).toBeNull();
		expect(splitCompound('bostad', lexicon)).toBeNull(); // "bo" + "stad": parts under three letters do not count
		expect(splitCompound('xyzqwertrapport', new Set())).toBeNull(); // a known tail needs a known head
	});

	it('gives a compound its own stem and its parts, at half weight', () => {
		expect(termsOf('En hållbarhetsrapport', lexicon)).toEqual([
			{ term: 'hållbarhetsrapport', weight: 1 },
			{ term: 'hållbar', weight: 0.5 },
			{ term: 'rapport', weight: 0.5 }
		]);
	});
});
