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
	pickVoteFigure,
	placeDot,
	readDots,
	readVote,
	removeDot,
	resolveVoteFigure,
	tally,
	votedFigures,
	type Dot,
	type Vote,
	type VoteBoard
} from '../../src/lib/board/vote';

const FIG = 'Framgångsfaktorer';
const entry = { title: FIG, label: '3 framgångsfaktorer', quota: 2, figureIds: { g1: 'f1', g2: 'h1' } };
const vote: Vote = { id: 'v1', status: 'open', allowStacking: false, figures: [entry] };
const d = (id: string, noteId: string, extra: Partial<Dot> = {}): Dot => ({ id, voteId: 'v1', boardId: 'g1', figureId: 'f1', noteId, ...extra });
/** Board g1: figure f1 titled FIG, a twin f2 below it with the same title; notes in f1 unless placed. */
const board = (placed: Record<string, string | null> = {}): VoteBoard => ({
	id: 'g1',
	figures: [
		{ id: 'f2', title: FIG, x: 0, y: 900 },
		{ id: 'f1', title: FIG, x: 0, y: 0 }
	],
	noteFigure: (noteId) => (noteId in placed ? placed[noteId]! : 'f1')
});

describe('the vote in the workshop doc', () => {
	it('opens, closes and clears; a hostile figure entry is skipped', () => {
		const doc = new Y.Doc();
		expect(readVote(doc)).toBeNull();
		openVote(doc, { id: 'v1', allowStacking: true, figures: [{ title: FIG, label: 'x', quota: 3, figureIds: { g1: 'f1' } }] });
		doc.getMap('vote').set('figures', [...(doc.getMap('vote').get('figures') as unknown[]), { title: 'bad', label: 'y', quota: 1e9 }]);
		expect(readVote(doc)).toEqual({
			id: 'v1',
			status: 'open',
			allowStacking: true,
			figures: [{ title: FIG, label: 'x', quota: 3, figureIds: { g1: 'f1' } }]
		});
		closeVote(doc);
		expect(readVote(doc)?.status).toBe('closed');
		clearVote(doc);
		expect(readVote(doc)).toBeNull();
	});

	it('labels a figure from its title', () => {
		expect(defaultVoteLabel('Fallgropar?', 3)).toBe('3 fallgropar');
	});
});

describe('the figures a vote counts', () => {
	it('resolves a title to the first figure in reading order on each board, and none where it is missing', () => {
		const figures = [
			{ id: 'b', title: FIG, x: 500, y: 0 },
			{ id: 'c', title: FIG, x: 0, y: 400 },
			{ id: 'a', title: FIG, x: 0, y: 0 },
			{ id: 'z', title: 'Fallgropar', x: 0, y: -100 }
		];
		expect(pickVoteFigure(figures, FIG)).toBe('a');
		const boards = new Map([['g1', figures as never], ['g2', []]]);
		expect(resolveVoteFigure(boards, FIG)).toEqual({ g1: 'a' });
	});

	it('lists the stored figure id per board, never a twin with the same title', () => {
		expect([...votedFigures(vote, board()).keys()]).toEqual(['f1']);
		expect([...votedFigures(vote, { id: 'g3', figures: [] }).keys()]).toEqual([]);
		// The stored id holds although the twin now reads first.
		expect([...votedFigures(vote, { id: 'g1', figures: [{ id: 'f2', title: FIG, x: 0, y: -500 }] }).keys()]).toEqual(['f1']);
	});

	it('reads a vote stored with titles only by the same pick, and a malformed id record as counting nothing', () => {
		const doc = new Y.Doc();
		doc.getMap('vote').set('id', 'old');
		doc.getMap('vote').set('status', 'open');
		doc.getMap('vote').set('figures', [
			{ title: FIG, label: 'x', quota: 2 },
			{ title: 'Fallgropar', label: 'y', quota: 1, figureIds: ['f9'] }
		]);
		const old = readVote(doc)!;
		expect(old.figures.map((f) => f.figureIds)).toEqual([null, {}]);
		expect([...votedFigures(old, board()).keys()]).toEqual(['f1']);
	});

	it('gives a figure id that two entries name only the first entry\'s quota', () => {
		const twice: Vote = { ...vote, figures: [entry, { ...entry, title: 'Annan', quota: 9 }] };
		expect(votedFigures(twice, board()).get('f1')?.quota).toBe(2);
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
		expect(dotRefusal(vote, board(), [d('a', 'n1'), d('b', 'n2')], [d('b', 'n2')])).toBeNull();
		expect(dotRefusal(vote, board(), [d('a', 'n1'), d('b', 'n2'), d('c', 'n3')], [d('c', 'n3')])).toMatch(/quota/);
	});

	it('refuses stacking when off, a closed vote, another board and a figure outside the vote', () => {
		expect(dotRefusal(vote, board(), [d('a', 'n1'), d('b', 'n1')], [d('b', 'n1')])).toMatch(/stacking/);
		expect(dotRefusal({ ...vote, allowStacking: true }, board(), [d('a', 'n1'), d('b', 'n1')], [d('b', 'n1')])).toBeNull();
		expect(dotRefusal({ ...vote, status: 'closed' }, board(), [d('a', 'n1')], [d('a', 'n1')])).toMatch(/no vote/);
		expect(dotRefusal(vote, board(), [d('a', 'n1', { boardId: 'g2' })], [d('a', 'n1', { boardId: 'g2' })])).toMatch(/another group/);
		expect(dotRefusal(vote, board({ n1: 'f3' }), [d('a', 'n1', { figureId: 'f3' })], [d('a', 'n1', { figureId: 'f3' })])).toMatch(
			/does not count/
		);
	});

	it('refuses a dot in a twin figure with the voted title, and one whose note is not in the figure it names', () => {
		const twin = d('c', 'n3', { figureId: 'f2' });
		expect(dotRefusal(vote, board({ n3: 'f2' }), [d('a', 'n1'), d('b', 'n2'), twin], [twin])).toMatch(/does not count/);
		expect(dotRefusal(vote, board({ n1: 'f2' }), [d('a', 'n1')], [d('a', 'n1')])).toMatch(/outside figure f1/);
		expect(dotRefusal(vote, board({ n1: null }), [d('a', 'n1')], [d('a', 'n1')])).toMatch(/outside figure f1/);
	});

	it('frees the quota and the note of a dot whose note moved away or was deleted', () => {
		expect(dotRefusal(vote, board({ n1: 'f9' }), [d('a', 'n1'), d('b', 'n2'), d('c', 'n3')], [d('c', 'n3')])).toBeNull();
		expect(dotRefusal(vote, board({ n1: null }), [d('a', 'n1'), d('b', 'n2'), d('c', 'n3')], [d('c', 'n3')])).toBeNull();
		// n1 went to the twin and came back: its old dot (naming f2) is not live, so a new one is no stack.
		expect(dotRefusal(vote, board(), [d('a', 'n1', { figureId: 'f2' }), d('b', 'n1')], [d('b', 'n1')])).toBeNull();
	});
});

describe('tally', () => {
	it('counts each dot once, for the figure it names, only while its note is in it', () => {
		const anna = [d('a', 'n1'), d('b', 'n2')];
		const bo = [d('c', 'n1')];
		expect(tally(vote, board(), [anna, bo])).toEqual(new Map([['n1', 2], ['n2', 1]]));
		// n1 moved into the twin figure: its dots no longer count anywhere.
		expect(tally(vote, board({ n1: 'f2' }), [anna, bo])).toEqual(new Map([['n2', 1]]));
	});

	it("holds each person to the quota and, with stacking off, one dot per note, whatever their doc holds", () => {
		// As a doc holds after notes with dots were moved out, new dots placed, and the notes moved back.
		const greedy = [d('a', 'n1'), d('b', 'n2'), d('c', 'n3'), d('d', 'n3')];
		expect(tally(vote, board(), [greedy])).toEqual(new Map([['n1', 1], ['n2', 1]]));
		const stacked = [d('a', 'n1'), d('b', 'n1')];
		expect(tally(vote, board(), [stacked])).toEqual(new Map([['n1', 1]]));
		expect(tally({ ...vote, allowStacking: true }, board(), [stacked])).toEqual(new Map([['n1', 2]]));
	});

	it("skips another vote's dots, another board's and a twin figure's", () => {
		const dots = [d('a', 'n1', { voteId: 'v0' }), d('b', 'n1', { boardId: 'g2' }), d('c', 'n3', { figureId: 'f2' })];
		expect(tally(vote, board({ n3: 'f2' }), [dots])).toEqual(new Map());
	});
});
