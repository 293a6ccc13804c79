import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	acceptTheme,
	allPairs,
	applySummaryEdits,
	apartPairKey,
	keepApart,
	readApartPairs,
	readSummaryEdits,
	standingSuggestion,
	summaryItemKey,
	type CompiledQuestion,
	type ThemeSuggestion
} from '../../src/lib/board';
import { summaryCsv } from '../../server/export/csv';
import { summaryMarkdown } from '../../server/export/markdown';

const Q = 'Hur blir BRP+ användbart i RUS-arbetet?';
const compiled: CompiledQuestion[] = [
	{
		title: Q,
		kind: 'question',
		items: [
			{ text: 'Det fastnar hos analytiker', groups: ['Grupp 1'], organisations: ['Region Örebro län'], count: 1 },
			{ text: 'Lätt att fastna när det bara är analytiker', groups: ['Grupp 2'], organisations: [], count: 1, votes: [{ group: 'Grupp 2', votes: 3, top: { quota: 1, place: 1, shared: false } }] },
			{ text: 'Analysera regionala förutsättningar', groups: ['Grupp 3'], organisations: [], count: 1 }
		]
	}
];
const [a, b, c] = compiled[0]!.items.map((item) => summaryItemKey(Q, item.text)) as [string, string, string];

describe('accepting a theme', () => {
	it('merges the points into one item with the title, each point keeping its credits and votes', () => {
		const doc = new Y.Doc();
		acceptTheme(doc, a, [a, b], 'Fastnar hos analytikerna');
		const [question] = applySummaryEdits(compiled, readSummaryEdits(doc));
		expect(question!.items).toHaveLength(2);
		const theme = question!.items[0]!;
		expect(theme).toMatchObject({ key: a, text: 'Fastnar hos analytikerna', theme: true, groups: ['Grupp 1', 'Grupp 2'], count: 2 });
		expect(theme.points!.map((p) => p.text)).toEqual(['Det fastnar hos analytiker', 'Lätt att fastna när det bara är analytiker']);
		expect(theme.points![1]!.votes).toEqual([{ group: 'Grupp 2', votes: 3, top: { quota: 1, place: 1, shared: false } }]);
		expect(question!.items[1]!.theme).toBe(false);
	});

	it('lists the theme title with its points in the Markdown and CSV exports', () => {
		const doc = new Y.Doc();
		acceptTheme(doc, a, [a, b], 'Fastnar hos analytikerna');
		const questions = applySummaryEdits(compiled, readSummaryEdits(doc));
		const md = summaryMarkdown('RUS-nätverket', questions, new Date('2020-09-09'), 'sv');
		expect(md).toContain('- **Tema: Fastnar hos analytikerna** *(Grupp 1, Grupp 2)*\n  - Det fastnar hos analytiker *(Grupp 1)*\n  - Lätt att fastna när det bara är analytiker *(Grupp 2)* – **3 röster, Topp 1**');
		const rows = summaryCsv(questions, 'sv').slice(1).trim().split('\r\n');
		expect(rows.filter((r) => r.endsWith(';Fastnar hos analytikerna'))).toHaveLength(2);
	});
});

describe('rejecting and moving out', () => {
	const suggestion: ThemeSuggestion = {
		key: a,
		title: 'Det fastnar hos analytiker',
		members: [a, b, c].map((key) => ({ key, text: key, groups: [] }))
	};
	const items = new Set([a, b, c]);

	it('keeps the moved point apart from every other member, and the rest of the suggestion stands', () => {
		const doc = new Y.Doc();
		keepApart(doc, [
			[c, a],
			[c, b]
		]);
		expect(readApartPairs(doc)).toEqual(new Set([apartPairKey(a, c), apartPairKey(b, c)]));
		expect(standingSuggestion(suggestion, items, readApartPairs(doc))!.members.map((m) => m.key)).toEqual([a, b]);
	});

	it('leaves nothing of a rejected suggestion', () => {
		const doc = new Y.Doc();
		keepApart(doc, allPairs([a, b, c]));
		expect(standingSuggestion(suggestion, items, readApartPairs(doc))).toBeNull();
	});

	it('drops members that are no longer items of their own', () => {
		expect(standingSuggestion(suggestion, new Set([a]), new Set())).toBeNull();
		expect(standingSuggestion(suggestion, new Set([b, c]), new Set())).toMatchObject({ key: b });
	});

	it('converges when two tabs choose at once', () => {
		const one = new Y.Doc();
		const two = new Y.Doc();
		acceptTheme(one, a, [a, b], 'Analytikerna');
		keepApart(two, [[c, a]]);
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		expect(readApartPairs(one)).toEqual(readApartPairs(two));
		expect(applySummaryEdits(compiled, readSummaryEdits(one))).toEqual(applySummaryEdits(compiled, readSummaryEdits(two)));
	});
});
