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
		expect([0, 1, 2].map(votesText)).toEqual(['0 röster', '1 röst', '2 röster']);
	});

	it('writes Swedish ordinals', () => {
		expect([1, 2, 3, 11, 12, 21, 22, 101].map(ordinal)).toEqual(['1:a', '2:a', '3:e', '11:e', '12:e', '21:a', '22:a', '101:a']);
	});
});
