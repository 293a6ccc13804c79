/** The rules of a closed vote's result in a figure (src/lib/board/vote-results.ts). */
import { describe, expect, it } from 'vitest';
import { ordinal, placingText, rankVotes, resultRemark, votesText, type VotedNote } from '../../src/lib/board/vote-results';

/** Notes a..z in reading order with these counts; undefined: written after the vote closed. */
const notes = (...votes: (number | undefined)[]): VotedNote[] => votes.map((v, i) => ({ id: String.fromCharCode(97 + i), votes: v }));
const marked = (n: VotedNote[], quota: number | null) => {
	const result = rankVotes(n, quota)!;
	return result.order.filter((id) => result.placings.get(id)!.top);
};

describe('rankVotes', () => {
	it('orders by votes, most first, equal counts in reading order, and shares places among equals', () => {
		const result = rankVotes(notes(1, 5, 3, 3, 0), 2)!;
		expect(result.order).toEqual(['b', 'c', 'd', 'a', 'e']);
		expect(result.order.map((id) => result.placings.get(id)!.place)).toEqual([1, 2, 2, 4, 5]);
		expect(result.order.map((id) => result.placings.get(id)!.shared)).toEqual([false, true, true, false, false]);
	});

	it('marks the N most voted and never a note without votes', () => {
		expect(marked(notes(3, 1, 0), 2)).toEqual(['a', 'b']);
		expect(marked(notes(4, 0), 2)).toEqual(['a']);
		expect(marked(notes(0, 0, 0), 1)).toEqual([]);
	});

	it('marks every note tied at the edge of the top N and says the place is shared', () => {
		const result = rankVotes(notes(5, 3, 3, 1), 2)!;
		expect(marked(notes(5, 3, 3, 1), 2)).toEqual(['a', 'b', 'c']);
		expect(result.sharedEdge).toBe(true);
		expect(resultRemark(result)).toBe('Delad plats: 3 lappar i topp 2.');
		expect(placingText(result.placings.get('b')!, 2)).toBe('3 röster, Topp 2, delad 2:a plats');
		// Tied inside the top, not across its edge: shared places, but no more than N marked.
		expect(rankVotes(notes(3, 3, 1), 2)!.sharedEdge).toBe(false);
	});

	it('marks nothing when the top N would hold every counted note, and says so', () => {
		const two = rankVotes(notes(2, 1), 2)!;
		expect(marked(notes(2, 1), 2)).toEqual([]);
		expect(two.allInTop).toBe(true);
		expect(resultRemark(two)).toBe('Alla 2 lappar ryms i topp 2, så ingen markeras.');
		expect(marked(notes(2, 2, 2), 1)).toEqual([]);
		expect(resultRemark(rankVotes(notes(1), 1)!)).toBe('Den enda lappen ryms i topp 1, så ingen markeras.');
	});

	it('leaves out notes the vote never counted, and a figure with none has no result', () => {
		const result = rankVotes(notes(undefined, 2, 1, undefined), 1)!;
		expect(result.order).toEqual(['b', 'c']);
		expect(marked(notes(undefined, 2, 1, undefined), 1)).toEqual(['b']);
		expect(rankVotes(notes(undefined, undefined), 3)).toBeNull();
	});

	it("takes the server's marks when the quota is unknown (a workshop imported from a file)", () => {
		const result = rankVotes([{ id: 'a', votes: 1 }, { id: 'b', votes: 2, top: true }], null)!;
		expect(result.order).toEqual(['b', 'a']);
		expect(placingText(result.placings.get('b')!, null)).toBe('2 röster, Topp');
		expect(placingText(result.placings.get('a')!, null)).toBe('1 röst');
		expect(resultRemark(result)).toBeNull();
	});
});

describe('result texts', () => {
	it('says "röst" for one and "röster" otherwise', () => {
		expect([0, 1, 2].map((n) => votesText(n))).toEqual(['0 röster', '1 röst', '2 röster']);
		expect([0, 1, 2].map((n) => votesText(n, 'en'))).toEqual(['0 votes', '1 vote', '2 votes']);
	});

	it('writes ordinals as each language writes them with digits', () => {
		const places = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101];
		expect(places.map((n) => ordinal(n, 'sv'))).toEqual(['1:a', '2:a', '3:e', '4:e', '11:e', '12:e', '13:e', '21:a', '22:a', '23:e', '101:a']);
		expect(places.map((n) => ordinal(n, 'en'))).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st']);
	});

	it('says a result in the language it is asked for, whatever the reader speaks', () => {
		const shared = rankVotes(notes(5, 3, 3, 1), 2)!;
		expect(placingText(shared.placings.get('b')!, 2, 'en')).toBe('3 votes, Top 2, joint 2nd place');
		expect(resultRemark(shared, 'en')).toBe('Joint places: 3 notes in the top 2.');
		expect(resultRemark(rankVotes(notes(2, 1), 2)!, 'en')).toBe('All 2 notes fit in the top 2, so none is marked.');
		expect(resultRemark(rankVotes(notes(1), 1)!, 'en')).toBe('The only note fits in the top 1, so none is marked.');
		expect(placingText(rankVotes([{ id: 'a', votes: 2, top: true }], null)!.placings.get('a')!, null, 'en')).toBe('2 votes, Top');
	});
});
