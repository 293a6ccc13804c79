/**
 * Suggested themes per question: points that say the same thing in other words, usually from
 * different groups. Each point becomes a TF-IDF vector of its Swedish terms (terms.ts: stop words
 * out, Snowball stems, compounds split against the workshop's own words), IDF taken over every
 * point of the workshop; points of one question are grouped by cosine (grouping.ts). Everything
 * runs in this process: the notes never leave the server.
 */
import type { QuestionThemes, ThemeMember, ThemeSuggestion } from '../../src/lib/board/themes';
import { apartPairKey } from '../../src/lib/board/themes';
import { groupBySimilarity } from './grouping';
import { lexiconOf, termReader } from './terms';
import { cosine, tfidfVectors, type Vector } from './vectors';

export interface ThemePoint extends ThemeMember {
	/** What the point says, for similarity: its notes' text and that of points merged into it. */
	says: string;
}

export interface ThemeQuestionInput {
	title: string;
	points: ThemePoint[];
}

/**
 * Tuned on tests/fixtures/theme-pairs.ts (labelled before tuning; tests/unit/theme-precision.test.ts
 * measures it). Precision / recall of pairs by threshold: 0.03 → 0.77 / 0.50, 0.04 → 0.91 / 0.50,
 * 0.05 → 0.95 / 0.45, 0.06 → 0.94 / 0.42, 0.08 → 0.92 / 0.28, 0.18 → 1.00 / 0.20. Low, because
 * seed notes are short and share few words; 0.06 keeps a step away from the fall below 0.04.
 */
export const THEME_THRESHOLD = 0.06;
/** A theme of more points than this is too broad to check at a glance; it splits instead. */
export const THEME_MAX_SIZE = 6;

const TITLE_WORDS = 8;
const TITLE_CHARS = 70;

export interface SuggestOptions {
	threshold?: number;
	maxSize?: number;
}

export function suggestThemes(questions: readonly ThemeQuestionInput[], apart: ReadonlySet<string>, options: SuggestOptions = {}): QuestionThemes[] {
	const lexicon = lexiconOf(questions.flatMap((q) => [q.title, ...q.points.map((p) => p.says)]));
	// A question's own words say what every answer is about, not which answers agree: points that
	// echo "utmaningsdrivet" from "Hur kan RUS-genomförandet bli mer utmaningsdrivet?" are not alike for it.
	const read = termReader(lexicon);
	const documents = questions.flatMap((q) => {
		const asked = new Set(read(q.title).map((t) => t.term));
		return q.points.map((p) => read(p.says).filter((t) => !asked.has(t.term)));
	});
	const vectors = tfidfVectors(documents);
	let offset = 0;
	return questions.map((question) => {
		const own = vectors.slice(offset, offset + question.points.length);
		offset += question.points.length;
		return { question: question.title, themes: questionThemes(question.points, own, apart, options) };
	});
}

function questionThemes(points: readonly ThemePoint[], vectors: readonly Vector[], apart: ReadonlySet<string>, options: SuggestOptions): ThemeSuggestion[] {
	const similarity = (i: number, j: number) => cosine(vectors[i]!, vectors[j]!);
	const groups = groupBySimilarity(similarity, points.length, {
		threshold: options.threshold ?? THEME_THRESHOLD,
		maxSize: options.maxSize ?? THEME_MAX_SIZE,
		apart: (i, j) => apart.has(apartPairKey(points[i]!.key, points[j]!.key))
	});
	return groups
		.map((group) => {
			// The most central point: the highest mean similarity to the others. It names the theme.
			const centrality = (i: number) => group.reduce((sum, j) => (i === j ? sum : sum + similarity(i, j)), 0);
			const central = group.reduce((best, i) => (centrality(i) > centrality(best) ? i : best), group[0]!);
			const ordered = [central, ...group.filter((i) => i !== central)].map((i) => points[i]!);
			return { key: ordered[0]!.key, title: titleOf(ordered[0]!.text), members: ordered.map(({ key, text, groups }) => ({ key, text, groups })) };
		})
		.sort((a, b) => groupCount(b) - groupCount(a) || b.members.length - a.members.length);
}

/** How many groups a theme gathers: themes across more groups come first. */
function groupCount(theme: ThemeSuggestion): number {
	return new Set(theme.members.flatMap((m) => m.groups)).size;
}

/** The opening of a point's first sentence, cut at a word: a title to start from, for the facilitator to edit. */
export function titleOf(text: string): string {
	const sentence = text.trim().split(/(?<=[.!?])\s|\n/)[0]!.replace(/[.!?:;,\s-]+$/, '');
	const words = sentence.split(/\s+/);
	let title = words.slice(0, TITLE_WORDS).join(' ');
	if (title.length > TITLE_CHARS) title = title.slice(0, title.lastIndexOf(' ', TITLE_CHARS) > 0 ? title.lastIndexOf(' ', TITLE_CHARS) : TITLE_CHARS);
	return title.length < sentence.length ? `${title}…` : title;
}
