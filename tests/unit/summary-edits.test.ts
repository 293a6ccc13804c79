/**
 * The facilitator's edits to the compiled summary (summary-edits.ts): the ops on a workshop doc,
 * applying them to compileSummary's output, and two facilitator tabs editing at once.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	applySummaryEdits,
	mergeSummaryItem,
	moveSummaryItem,
	readSummaryEdits,
	separateSummaryItem,
	setSummaryDropped,
	setSummaryText,
	summaryItemKey,
	type CompiledItem,
	type CompiledQuestion,
	type TopMark
} from '../../src/lib/board';

const Q = 'Vad vill du veta om myndigheterna?';
const OTHER = 'Att tänka på inför Lärlabb';
const TOP_1: TopMark = { quota: 1, place: 1, shared: false };

function item(text: string, groups: string[], organisations: string[] = [], count = groups.length): CompiledItem {
	return { text, groups, organisations, count };
}

/** What compileSummary gives for two groups' notes. */
function compiled(extra: CompiledItem[] = []): CompiledQuestion[] {
	return [
		{
			title: Q,
			kind: 'question',
			items: [
				item('Hur de arbetar med regionerna', ['Grupp 1'], ['Region Skåne']),
				item('Vem gör vad', ['Grupp 2'], ['MUCF']),
				item('Vilka uppdrag de har', ['Grupp 1', 'Grupp 2'], ['Region Skåne', 'Tillväxtverket']),
				...extra
			]
		},
		{ title: OTHER, kind: 'summary', items: [item('Fler nivåer', ['Grupp 2'])] }
	];
}

const key = (text: string, question = Q) => summaryItemKey(question, text);
const texts = (doc: Y.Doc, input = compiled()) => applySummaryEdits(input, readSummaryEdits(doc))[0]!.items.map((i) => i.text);
const order = (doc: Y.Doc, input = compiled()) => applySummaryEdits(input, readSummaryEdits(doc))[0]!.items.map((i) => i.key);

describe('editing the summary', () => {
	it('shows the facilitator’s wording and keeps the notes’ own; their own text again clears the edit', () => {
		const doc = new Y.Doc();
		setSummaryText(doc, key('Vem gör vad'), '  Vem gör vad i myndigheterna?  ', 'Vem gör vad');
		const [question] = applySummaryEdits(compiled(), readSummaryEdits(doc));
		expect(question!.items[1]).toMatchObject({ text: 'Vem gör vad i myndigheterna?', original: 'Vem gör vad', edited: true, groups: ['Grupp 2'] });

		setSummaryText(doc, key('Vem gör vad'), 'Vem gör vad', 'Vem gör vad');
		expect(doc.getMap('summary').size).toBe(0);
		setSummaryText(doc, key('Vem gör vad'), 'Något', 'Vem gör vad');
		setSummaryText(doc, key('Vem gör vad'), '   ', 'Vem gör vad');
		expect(texts(doc)[1]).toBe('Vem gör vad');
	});

	it('merges an item into another: the other keeps its text, the credits combine, and separating undoes it', () => {
		const doc = new Y.Doc();
		mergeSummaryItem(doc, key('Vem gör vad'), key('Vilka uppdrag de har'));
		let [question] = applySummaryEdits(compiled(), readSummaryEdits(doc));
		expect(question!.items.map((i) => i.text)).toEqual(['Hur de arbetar med regionerna', 'Vilka uppdrag de har']);
		expect(question!.items[1]).toMatchObject({
			groups: ['Grupp 1', 'Grupp 2'],
			organisations: ['Region Skåne', 'Tillväxtverket', 'MUCF'],
			count: 3,
			merged: [{ key: key('Vem gör vad'), text: 'Vem gör vad' }]
		});

		// Merging the merged item on: everything that was in it follows.
		mergeSummaryItem(doc, key('Vilka uppdrag de har'), key('Hur de arbetar med regionerna'));
		[question] = applySummaryEdits(compiled(), readSummaryEdits(doc));
		expect(question!.items).toHaveLength(1);
		expect(question!.items[0]).toMatchObject({ text: 'Hur de arbetar med regionerna', count: 4, groups: ['Grupp 1', 'Grupp 2'] });

		separateSummaryItem(doc, key('Vilka uppdrag de har'));
		expect(texts(doc)).toEqual(['Hur de arbetar med regionerna', 'Vilka uppdrag de har']);
	});

	it('adds the votes of merged items per group and orders unranked items by votes; a rank the facilitator set still leads', () => {
		const doc = new Y.Doc();
		const voted = (text: string, group: string, votes: number, top: TopMark | null = null): CompiledItem => ({ ...item(text, [group]), votes: [{ group, votes, top }] });
		const input: CompiledQuestion[] = [
			{ title: Q, kind: 'question', items: [voted('Vem gör vad', 'Grupp 1', 3, TOP_1), voted('Vilka uppdrag', 'Grupp 1', 2), voted('Uppdragen', 'Grupp 1', 2), voted('Roller', 'Grupp 2', 1)] }
		];
		mergeSummaryItem(doc, key('Uppdragen'), key('Vilka uppdrag'));
		let [question] = applySummaryEdits(input, readSummaryEdits(doc));
		expect(question!.items.map((i) => [i.text, i.votes])).toEqual([
			['Vilka uppdrag', [{ group: 'Grupp 1', votes: 4, top: null }]],
			['Vem gör vad', [{ group: 'Grupp 1', votes: 3, top: TOP_1 }]],
			['Roller', [{ group: 'Grupp 2', votes: 1, top: null }]]
		]);
		moveSummaryItem(doc, [key('Roller'), key('Vem gör vad')], key('Roller'), 0);
		[question] = applySummaryEdits(input, readSummaryEdits(doc));
		expect(question!.items.map((i) => i.text)).toEqual(['Roller', 'Vem gör vad', 'Vilka uppdrag']);
	});

	it('moves an item up, down or to an index within its question', () => {
		const doc = new Y.Doc();
		const [a, b, c] = order(doc);
		moveSummaryItem(doc, order(doc), c!, 0);
		expect(order(doc)).toEqual([c, a, b]);
		moveSummaryItem(doc, order(doc), c!, 1); // down one
		expect(order(doc)).toEqual([a, c, b]);
		moveSummaryItem(doc, order(doc), a!, 99);
		expect(order(doc)).toEqual([c, b, a]);
		// The other question is untouched.
		expect(applySummaryEdits(compiled(), readSummaryEdits(doc))[1]!.items.map((i) => i.text)).toEqual(['Fler nivåer']);
	});

	it('drops an item to the "Borttagna" list and brings it back to its place', () => {
		const doc = new Y.Doc();
		setSummaryDropped(doc, key('Vem gör vad'), true);
		const [question] = applySummaryEdits(compiled(), readSummaryEdits(doc));
		expect(question!.items.map((i) => i.text)).toEqual(['Hur de arbetar med regionerna', 'Vilka uppdrag de har']);
		expect(question!.dropped.map((i) => i.text)).toEqual(['Vem gör vad']);
		setSummaryDropped(doc, key('Vem gör vad'), false);
		expect(texts(doc)).toEqual(['Hur de arbetar med regionerna', 'Vem gör vad', 'Vilka uppdrag de har']);
		expect(doc.getMap('summary').size).toBe(0);
	});

	it('ignores edits whose notes are gone, and an item merged into a gone item stands on its own', () => {
		const doc = new Y.Doc();
		setSummaryText(doc, key('Borttagen lapp'), 'Ny formulering', 'Borttagen lapp');
		setSummaryDropped(doc, key('Borttagen lapp'), true);
		mergeSummaryItem(doc, key('Vem gör vad'), key('Borttagen lapp'));
		const [question] = applySummaryEdits(compiled(), readSummaryEdits(doc));
		expect(question!.items.map((i) => i.text)).toEqual(['Hur de arbetar med regionerna', 'Vem gör vad', 'Vilka uppdrag de har']);
		expect(question!.dropped).toEqual([]);
		// When a group writes the text again, its edits apply again.
		const back = applySummaryEdits(compiled([item('borttagen lapp.', ['Grupp 3'])]), readSummaryEdits(doc))[0]!;
		expect(back.dropped).toMatchObject([{ text: 'Ny formulering', count: 2, merged: [{ text: 'Vem gör vad' }] }]);
	});

	it('puts notes written after the facilitator ordered a question at its end', () => {
		const doc = new Y.Doc();
		const [a, b, c] = order(doc);
		moveSummaryItem(doc, order(doc), b!, 0);
		// A new note that reads before the others on the board still comes last.
		const later = compiled();
		later[0]!.items.unshift(item('Ny lapp', ['Grupp 3']));
		expect(order(doc, later)).toEqual([b, a, c, key('Ny lapp')]);
	});

	it('is idempotent: repeating an op changes nothing, and applying neither mutates its input nor varies', () => {
		const doc = new Y.Doc();
		const ops = (d: Y.Doc) => {
			setSummaryText(d, key('Vem gör vad'), 'Vem gör vad, och var?', 'Vem gör vad');
			setSummaryDropped(d, key('Hur de arbetar med regionerna'), true);
			mergeSummaryItem(d, key('Vilka uppdrag de har'), key('Vem gör vad'));
			moveSummaryItem(d, [key('Vem gör vad'), key('Vilka uppdrag de har')], key('Vilka uppdrag de har'), 0);
		};
		ops(doc);
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		ops(doc);
		expect(updates).toEqual([]);

		const input = compiled();
		const copy = structuredClone(input);
		const edits = readSummaryEdits(doc);
		const once = applySummaryEdits(input, edits);
		expect(applySummaryEdits(input, edits)).toEqual(once);
		expect(input).toEqual(copy);
	});

	it('ignores values of the wrong type in the map', () => {
		const doc = new Y.Doc();
		const map = doc.getMap('summary');
		map.set(`text:${key('Vem gör vad')}`, 42);
		map.set(`drop:${key('Vem gör vad')}`, 'ja');
		map.set(`rank:${key('Vem gör vad')}`, Number.NaN);
		map.set('nonsense', true);
		expect(readSummaryEdits(doc).size).toBe(0);
	});
});

/** Two tabs of the same facilitator, each with its own doc, exchanging updates when told. */
function twoTabs() {
	const tabs = [new Y.Doc(), new Y.Doc()] as const;
	const pending: [Uint8Array, number][] = [];
	tabs.forEach((doc, i) => doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'network' && pending.push([u, 1 - i])));
	const deliver = () => {
		for (const [update, to] of pending.splice(0)) Y.applyUpdate(tabs[to]!, update, 'network');
	};
	return { tabs, deliver };
}

/** mulberry32: the same sequence for the same seed on every machine. */
function rng(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('two facilitator tabs editing at once', () => {
	it('keep both tabs’ edits of one item and converge', () => {
		const { tabs, deliver } = twoTabs();
		setSummaryText(tabs[0], key('Vem gör vad'), 'Vem ansvarar för vad', 'Vem gör vad');
		setSummaryDropped(tabs[1], key('Vem gör vad'), true);
		deliver();
		for (const tab of tabs) {
			expect(applySummaryEdits(compiled(), readSummaryEdits(tab))[0]!.dropped).toMatchObject([{ text: 'Vem ansvarar för vad' }]);
		}
	});

	it('converge on one item when one tab merges A into B and the other B into A', () => {
		const { tabs, deliver } = twoTabs();
		mergeSummaryItem(tabs[0], key('Vem gör vad'), key('Vilka uppdrag de har'));
		mergeSummaryItem(tabs[1], key('Vilka uppdrag de har'), key('Vem gör vad'));
		deliver();
		const [first, second] = tabs.map((tab) => applySummaryEdits(compiled(), readSummaryEdits(tab))[0]!);
		expect(first).toEqual(second);
		expect(first!.items).toHaveLength(2);
		expect(first!.items[1]).toMatchObject({ count: 3, groups: ['Grupp 2', 'Grupp 1'] });
	});

	it('converge after random concurrent edits, moves, merges and drops', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const random = rng(seed);
			const { tabs, deliver } = twoTabs();
			const input = compiled([item('Fyra', ['Grupp 3']), item('Fem', ['Grupp 1'])]);
			const keys = input[0]!.items.map((i) => key(i.text));
			const pick = () => keys[Math.floor(random() * keys.length)]!;
			for (let step = 0; step < 200; step++) {
				const doc = tabs[random() < 0.5 ? 0 : 1];
				const shown = order(doc, input);
				const r = random();
				if (r < 0.25) setSummaryText(doc, pick(), `text ${step}`, 'x');
				else if (r < 0.45) setSummaryDropped(doc, pick(), random() < 0.5);
				else if (r < 0.6) mergeSummaryItem(doc, pick(), pick());
				else if (r < 0.7) separateSummaryItem(doc, pick());
				else if (shown.length) moveSummaryItem(doc, shown, shown[Math.floor(random() * shown.length)]!, Math.floor(random() * shown.length));
				if (random() < 0.2) deliver();
			}
			deliver();
			const [a, b] = tabs.map((tab) => applySummaryEdits(input, readSummaryEdits(tab)));
			expect(a, `seed ${seed}`).toEqual(b);
			// Every item is somewhere: shown, dropped, or merged into one of those.
			const counted = a![0]!.items.concat(a![0]!.dropped).reduce((n, i) => n + i.count, 0);
			expect(counted).toBe(input[0]!.items.reduce((n, i) => n + i.count, 0));
		}
	});
});
