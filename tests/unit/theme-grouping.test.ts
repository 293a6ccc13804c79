import { describe, expect, it } from 'vitest';
import { apartPairKey } from '../../src/lib/board/themes';
import { groupBySimilarity } from '../../server/themes/grouping';
import { stemWord } from '../../server/themes/stem-extras';
import { suggestThemes, titleOf, type ThemeQuestionInput } from '../../server/themes/suggest';
import { lexiconOf, termsOf } from '../../server/themes/terms';
import { cosine, tfidfVectors } from '../../server/themes/vectors';

/** A symmetric similarity from a list of [i, j, value]; every other pair is 0. */
function table(entries: [number, number, number][]) {
	const map = new Map(entries.flatMap(([i, j, v]) => [[`${i},${j}`, v] as const, [`${j},${i}`, v] as const]));
	return (i: number, j: number) => map.get(`${i},${j}`) ?? 0;
}

describe('TF-IDF cosine', () => {
	const texts = ['Vi fastnar hos analytikerna', 'Det fastnar hos analytiker', 'Flexibla team över gränserna'];
	const lexicon = lexiconOf(texts);
	const [a, b, c] = tfidfVectors(texts.map((t) => termsOf(t, lexicon)));

	it('is 1 for the same terms in other inflections and 0 for nothing shared', () => {
		expect(cosine(a!, b!)).toBeCloseTo(1, 6);
		expect(cosine(a!, c!)).toBe(0);
	});

	it('finds a compound and its parts alike', () => {
		const docs = ['Målen granskas i en kvalitetsrapport', 'En rapport om kvalitet', 'Flexibla team'];
		const lex = lexiconOf(docs);
		const [x, y] = tfidfVectors(docs.map((t) => termsOf(t, lex)));
		expect(cosine(x!, y!)).toBeGreaterThan(0.1);
		// Without the workshop's words, "kvalitets" is no known head and the compound stays whole.
		const [x2, y2] = tfidfVectors(docs.map((t) => termsOf(t, new Set())));
		expect(cosine(x2!, y2!)).toBeLessThan(cosine(x!, y!));
	});

	it('weighs a word every point uses less than a rare one', () => {
		const docs = ['region analys', 'region analys', 'region team', 'region team'];
		const v = tfidfVectors(docs.map((t) => termsOf(t, new Set())));
		expect(v[0]!.get(stemWord('analys'))!).toBeGreaterThan(v[0]!.get(stemWord('region'))!);
	});
});

describe('grouping', () => {
	it('joins points above the threshold and leaves the rest out', () => {
		const groups = groupBySimilarity(table([[0, 1, 0.8], [2, 3, 0.5], [1, 2, 0.05]]), 5, { threshold: 0.3, maxSize: 6 });
		expect(groups).toEqual([[0, 1], [2, 3]]);
	});

	it('does not let a chain snowball: A~B and B~C do not bring A and C together on their own', () => {
		const groups = groupBySimilarity(table([[0, 1, 0.5], [1, 2, 0.45]]), 3, { threshold: 0.3, maxSize: 6 });
		// {0,1} to 2 averages (0 + 0.45) / 2 = 0.225, under the threshold.
		expect(groups).toEqual([[0, 1]]);
	});

	it('caps the size of a group', () => {
		const all: [number, number, number][] = [];
		for (let i = 0; i < 8; i++) for (let j = i + 1; j < 8; j++) all.push([i, j, 0.9]);
		const groups = groupBySimilarity(table(all), 8, { threshold: 0.3, maxSize: 3 });
		expect(groups.every((g) => g.length <= 3)).toBe(true);
		expect(groups.flat().length).toBeGreaterThanOrEqual(6);
	});

	it('never puts a pair set apart in one group, nor through a third point', () => {
		const groups = groupBySimilarity(table([[0, 1, 0.9], [0, 2, 0.9], [1, 2, 0.9]]), 3, {
			threshold: 0.3,
			maxSize: 6,
			apart: (i, j) => (i === 0 && j === 1) || (i === 1 && j === 0)
		});
		expect(groups.some((g) => g.includes(0) && g.includes(1))).toBe(false);
		expect(groups).toHaveLength(1);
	});
});

describe('suggestThemes', () => {
	const point = (key: string, text: string, group: string) => ({ key, text, says: text, groups: [group] });
	const question: ThemeQuestionInput = {
		title: 'Hur blir BRP+ användbart i RUS-arbetet?',
		points: [
			point('a', 'Det fastnar hos analytiker, tidsbrist, hitta rätt forum', 'Grupp 1'),
			point('b', 'Lätt att fastna i mätinstrument när det bara är analytiker', 'Grupp 2'),
			point('c', 'Flexibla team som möjliggör gränsöverskridande', 'Grupp 3')
		]
	};

	it('suggests the points that say the same thing, the most central first, with a title', () => {
		const [result] = suggestThemes([question], new Set());
		expect(result!.question).toBe(question.title);
		expect(result!.themes).toHaveLength(1);
		const theme = result!.themes[0]!;
		expect(theme.members.map((m) => m.key).sort()).toEqual(['a', 'b']);
		expect(theme.key).toBe(theme.members[0]!.key);
		expect(theme.title.length).toBeGreaterThan(0);
		expect(theme.members.flatMap((m) => m.groups).sort()).toEqual(['Grupp 1', 'Grupp 2']);
	});

	it('leaves out a pair the facilitator set apart', () => {
		const [result] = suggestThemes([question], new Set([apartPairKey('b', 'a')]));
		expect(result!.themes).toEqual([]);
	});

	it('does not count the words of the question itself as agreement', () => {
		const echo: ThemeQuestionInput = {
			title: 'Hur kan genomförandet bli mer utmaningsdrivet?',
			points: [point('x', 'Regeringsuppdraget pekar mot utmaningsdrivet', 'Grupp 1'), point('y', 'Svårt att vara utmaningsdriven', 'Grupp 2')]
		};
		expect(suggestThemes([echo], new Set())[0]!.themes).toEqual([]);
	});

	it('titles a theme with the opening words of a point, cut at a word', () => {
		expect(titleOf('Det fastnar hos analytiker. Tidsbrist.')).toBe('Det fastnar hos analytiker');
		expect(titleOf('Ett två tre fyra fem sex sju åtta nio tio')).toBe('Ett två tre fyra fem sex sju åtta…');
	});
});
