/**
 * Opening and closing a vote (issue 3 §5), on the facilitator's request. The server does both,
 * not the facilitator's browser: closing must read every participant's private doc (which only
 * its owner and the server can open, and whose owner may be offline) and write the counts into
 * every group board in one pass.
 *
 * Order on close: the vote is marked closed first, so the private rooms' policy (vote-policy.ts)
 * refuses dots from then on and the tally reads a settled set. Order on open: old results are
 * cleared from the boards before the new vote opens, so no board shows last round's counts during
 * the new one; in the same pass over each board the chosen titles are resolved to that board's
 * figure ids (vote.ts), which the vote then counts by until it closes.
 */
import { z } from 'zod';
import { boardRoom, privateRoom, workshopRoom } from '../../src/lib/board/rooms';
import { boardMaps, newId, readFigures, type Figure } from '../../src/lib/board/schema';
import {
	closeVote,
	openVote,
	readDots,
	readVote,
	resolveVoteFigure,
	tally,
	voteBoardOf,
	votedFigures,
	VOTE_QUOTA_MAX,
	type Dot,
	type Vote,
	type VoteFigure
} from '../../src/lib/board/vote';
import { rankVotes } from '../../src/lib/board/vote-results';
import { readWorkshop } from '../../src/lib/board/workshop';
import { parseVoteFigure, VOTE_FIGURES_MAX } from '../../src/lib/board/phase-actions';
import { checkedBy, issue } from '../../src/lib/board/workshop-file';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import type { DocStore } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';
import { claimedWorkshop } from './member';
import type * as Y from 'yjs';

export const openVoteInput = z.object({
	allowStacking: z.boolean().default(false),
	figures: z.array(checkedBy(parseVoteFigure, issue('error_vote_figure_shape'))).min(1).max(VOTE_FIGURES_MAX)
});

/** How many dots counted on the group boards, for the facilitator's confirmation. */
export interface VoteResult {
	vote: Vote;
	dots: number;
}

export class VoteService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #log: Log;

	constructor(deps: { store: DocStore; rooms: Rooms; log: Log }) {
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#log = deps.log;
	}

	async open(rawCode: string, claims: Claims, input: unknown): Promise<Vote> {
		const code = await this.#facilitator(rawCode, claims);
		const parsed = openVoteInput.safeParse(input);
		if (!parsed.success) {
			throw new UserError(400, 'error_vote_figures', { max: VOTE_QUOTA_MAX });
		}
		return this.openIn(code, parsed.data);
	}

	/** Opens a vote in a workshop whose code and facilitator are already checked (also the run-sheet's phases). */
	async openIn(code: string, input: { allowStacking: boolean; figures: VoteFigure[] }): Promise<Vote> {
		const titles = input.figures.map((f) => f.title);
		if (new Set(titles).size !== titles.length) throw new UserError(400, 'error_vote_figure_twice');
		const boards = new Map<string, Figure[]>();
		for (const g of await this.#groups(code)) {
			await this.#rooms.update(boardRoom(code, g), (doc) => {
				clearResults(doc);
				boards.set(g, readFigures(doc));
			});
		}
		const figures = input.figures.map((f) => ({ ...f, figureIds: resolveVoteFigure(boards, f.title) }));
		if (figures.every((f) => Object.keys(f.figureIds).length === 0)) {
			throw new UserError(409, 'error_vote_no_board');
		}
		let vote: Vote | null = null;
		await this.#rooms.update(workshopRoom(code), (doc) => {
			openVote(doc, { id: newId(), allowStacking: input.allowStacking, figures });
			vote = readVote(doc);
		});
		this.#log.info('vote opened', { code, step: 'vote-open', figures: titles.length });
		return vote!;
	}

	async close(rawCode: string, claims: Claims): Promise<VoteResult> {
		return this.closeIn(await this.#facilitator(rawCode, claims));
	}

	/**
	 * Closes the open vote of a workshop whose code and facilitator are already checked; with
	 * `voteId`, only that vote (a run-sheet phase closes the vote it opened, not one opened by hand).
	 */
	async closeIn(code: string, voteId?: string): Promise<VoteResult> {
		let vote: Vote | null = null;
		let people: string[] = [];
		await this.#rooms.update(workshopRoom(code), (doc) => {
			vote = readVote(doc);
			if (vote?.status !== 'open' || (voteId !== undefined && vote.id !== voteId)) {
				throw new UserError(409, 'error_vote_none_open');
			}
			closeVote(doc);
			vote = readVote(doc);
			people = readWorkshop(doc).participants.map((p) => p.id);
		});
		const closed = vote! as Vote;
		const dotsByPerson: Dot[][] = [];
		for (const pid of people) dotsByPerson.push(await this.#rooms.read(privateRoom(code, pid), (doc) => readDots(doc, closed.id)));
		let counted = 0;
		for (const g of await this.#groups(code)) {
			await this.#rooms.update(boardRoom(code, g), (doc) => (counted += writeResults(doc, closed, g, dotsByPerson)));
		}
		const placed = dotsByPerson.reduce((sum, dots) => sum + dots.length, 0);
		this.#log.info('vote closed', { code, step: 'vote-close', people: people.length, dots: placed, counted });
		return { vote: closed, dots: counted };
	}

	async #facilitator(rawCode: string, claims: Claims): Promise<string> {
		const code = await claimedWorkshop(this.#store, rawCode, claims);
		if (claims.role !== 'facilitator') throw new UserError(403, 'error_vote_facilitator_only');
		return code;
	}

	async #groups(code: string): Promise<string[]> {
		return this.#rooms.read(workshopRoom(code), (doc) => readWorkshop(doc).groups.map((g) => g.id));
	}
}

function clearResults(doc: Y.Doc): void {
	boardMaps(doc).notes.forEach((note) => {
		if (note.has('votes')) note.delete('votes');
		if (note.has('top')) note.delete('top');
	});
}

/**
 * Counts on every note of the figures the vote counts on this board (0 included, so "0 röster"
 * shows), the top N marked by vote-results.ts's rules; returns the number of dots counted (vote.ts `tally` says which count).
 */
function writeResults(doc: Y.Doc, vote: Vote, boardId: string, dotsByPerson: readonly Dot[][]): number {
	const board = voteBoardOf(doc, boardId);
	const counts = tally(vote, board, dotsByPerson);
	const { notes } = boardMaps(doc);
	for (const [figureId, entry] of votedFigures(vote, board)) {
		const ids: string[] = [];
		notes.forEach((note, id) => {
			if (note.get('figureId') === figureId) ids.push(id);
		});
		const result = rankVotes(ids.map((id) => ({ id, votes: counts.get(id) ?? 0 })), entry.quota);
		for (const id of ids) {
			const note = notes.get(id)!;
			note.set('votes', counts.get(id) ?? 0);
			note.set('top', result?.placings.get(id)?.top === true);
		}
	}
	return [...counts.values()].reduce((sum, n) => sum + n, 0);
}
