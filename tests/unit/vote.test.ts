/** The vote's pure rules (src/lib/board/vote.ts), shared by the server's policy and the board UI. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	clearVote,
	closeVote,
	countDots,
	defaultVoteLabel,
	dotRefusal,
	openVote,
	placeDot,
	readDots,
	readVote,
	removeDot,
	topNotes,
	type Dot
} from '../../src/lib/board/vote';

const FIG = 'Framgångsfaktorer';
const vote = { id: 'v1', status: 'open' as const, allowStacking: false, figures: [{ title: FIG, label: '3 framgångsfaktorer', quota: 2 }] };
const onFig = () => FIG;
const d = (id: string, noteId: string, extra: Partial<Dot> = {}): Dot => ({ id, voteId: 'v1', boardId: 'g1', figureId: 'f1', noteId, ...extra });

describe('the vote in the workshop doc', () => {
	it('opens, closes and clears; a hostile figure entry is skipped', () => {
		const doc = new Y.Doc();
		expect(readVote(doc)).toBeNull();
		openVote(doc, { id: 'v1', allowStacking: true, figures: [{ title: FIG, label: 'x', quota: 3 }] });
		doc.getMap('vote').set('figures', [...(doc.getMap('vote').get('figures') as unknown[]), { title: 'bad', label: 'y', quota: 1e9 }]);
		expect(readVote(doc)).toEqual({ id: 'v1', status: 'open', allowStacking: true, figures: [{ title: FIG, label: 'x', quota: 3 }] });
		closeVote(doc);
		expect(readVote(doc)?.status).toBe('closed');
		clearVote(doc);
		expect(readVote(doc)).toBeNull();
	});

	it('labels a figure from its title', () => {
		expect(defaultVoteLabel('Fallgropar?', 3)).toBe('3 fallgropar');
	});
});

describe('dots in the private doc', () => {
	it('places, reads per vote, counts per figure and removes', () => {
		const doc = new Y.Doc();
		placeDot(doc, { voteId: 'v1', boardId: 'g1', figureId: 'f1', noteId: 'n1' }, 'a');
		placeDot(doc, { voteId: 'v0', boardId: 'g1', figureId: 'f1', noteId: 'n2' }, 'b');
		expect(readDots(doc, 'v1').map((x) => x.id)).toEqual(['a']);
		expect(countDots(readDots(doc), 'f1')).toBe(2);
		removeDot(doc, 'a');
		expect(readDots(doc, 'v1')).toEqual([]);
	});
});

describe('dotRefusal', () => {
	it('keeps dots within the quota and refuses the one over it', () => {
		expect(dotRefusal(vote, 'g1', [d('a', 'n1'), d('b', 'n2')], [d('b', 'n2')], onFig)).toBeNull();
		expect(dotRefusal(vote, 'g1', [d('a', 'n1'), d('b', 'n2'), d('c', 'n3')], [d('c', 'n3')], onFig)).toMatch(/quota/);
	});

	it('refuses stacking when off, a closed vote, another board and a figure outside the vote', () => {
		expect(dotRefusal(vote, 'g1', [d('a', 'n1'), d('b', 'n1')], [d('b', 'n1')], onFig)).toMatch(/stacking/);
		expect(dotRefusal({ ...vote, allowStacking: true }, 'g1', [d('a', 'n1'), d('b', 'n1')], [d('b', 'n1')], onFig)).toBeNull();
		expect(dotRefusal({ ...vote, status: 'closed' }, 'g1', [d('a', 'n1')], [d('a', 'n1')], onFig)).toMatch(/no vote/);
		expect(dotRefusal(vote, 'g1', [d('a', 'n1', { boardId: 'g2' })], [d('a', 'n1', { boardId: 'g2' })], onFig)).toMatch(/another group/);
		expect(dotRefusal(vote, 'g1', [d('a', 'n1')], [d('a', 'n1')], () => 'Annan figur')).toMatch(/not on a note/);
	});
});

describe('topNotes', () => {
	it('marks the N most voted, ties at the edge included, never a note without votes', () => {
		const counts = new Map([['a', 3], ['b', 2], ['c', 2], ['d', 1]]);
		expect([...topNotes(counts, ['a', 'b', 'c', 'd', 'e'], 2)].sort()).toEqual(['a', 'b', 'c']);
		expect([...topNotes(new Map([['a', 1]]), ['a', 'b'], 3)]).toEqual(['a']);
	});
});
