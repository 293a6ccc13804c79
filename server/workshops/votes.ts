/**
 * Opening and closing a vote (issue 3 §5), on the facilitator's request. The server does both,
 * not the facilitator's browser: closing must read every participant's private doc (which only
 * its owner and the server can open, and whose owner may be offline) and write the counts into
 * every group board in one pass.
 *
 * Order on close: the vote is marked closed first, so the private rooms' policy (vote-policy.ts)
 * refuses dots from then on and the tally reads a settled set. Order on open: old results are
 * cleared from the boards before the new vote opens, so no board shows last round's counts during
 * the new one.
 */
import { z } from 'zod';
import { boardRoom, privateRoom, workshopRoom } from '../../src/lib/board/rooms';
import { boardMaps, newId, readFigures } from '../../src/lib/board/schema';
import {
	closeVote,
	openVote,
	readDots,
	readVote,
	tally,
	topNotes,
	VOTE_QUOTA_MAX,
	type Dot,
	type Vote
} from '../../src/lib/board/vote';
import { readWorkshop } from '../../src/lib/board/workshop';
import { FIGURE_TITLE_MAX } from '../../src/lib/board/limits';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import type { DocStore } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';
import { claimedWorkshop } from './member';
import type * as Y from 'yjs';

export const openVoteInput = z.object({
	allowStacking: z.boolean().default(false),
	figures: z
		.array(
			z.object({
				title: z.string().min(1).max(FIGURE_TITLE_MAX),
				label: z.string().trim().min(1).max(80),
				quota: z.number().int().min(1).max(VOTE_QUOTA_MAX)
			})
		)
		.min(1)
		.max(20)
});

/** How many dots each group board got, for the facilitator's confirmation. */
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
			throw new UserError(400, `Välj minst en figur och ge varje figur en etikett och 1–${VOTE_QUOTA_MAX} prickar.`);
		}
		const titles = parsed.data.figures.map((f) => f.title);
		if (new Set(titles).size !== titles.length) throw new UserError(400, 'Varje figur kan bara vara med en gång i röstningen.');
		const groups = await this.#groups(code);
		for (const g of groups) await this.#rooms.update(boardRoom(code, g), clearResults);
		let vote: Vote | null = null;
		await this.#rooms.update(workshopRoom(code), (doc) => {
			openVote(doc, { id: newId(), ...parsed.data });
			vote = readVote(doc);
		});
		this.#log.info('vote opened', { code, step: 'vote-open', figures: titles.length });
		return vote!;
	}

	async close(rawCode: string, claims: Claims): Promise<VoteResult> {
		const code = await this.#facilitator(rawCode, claims);
		let vote: Vote | null = null;
		let people: string[] = [];
		await this.#rooms.update(workshopRoom(code), (doc) => {
			vote = readVote(doc);
			if (vote?.status !== 'open') throw new UserError(409, 'Ingen röstning är öppen. Öppna en röstning först.');
			closeVote(doc);
			vote = readVote(doc);
			people = readWorkshop(doc).participants.map((p) => p.id);
		});
		const closed = vote! as Vote;
		const dots: Dot[] = [];
		for (const pid of people) dots.push(...(await this.#rooms.read(privateRoom(code, pid), (doc) => readDots(doc, closed.id))));
		for (const g of await this.#groups(code)) {
			await this.#rooms.update(boardRoom(code, g), (doc) => writeResults(doc, closed, tally(dots, g)));
		}
		this.#log.info('vote closed', { code, step: 'vote-close', people: people.length, dots: dots.length });
		return { vote: closed, dots: dots.length };
	}

	async #facilitator(rawCode: string, claims: Claims): Promise<string> {
		const code = await claimedWorkshop(this.#store, rawCode, claims);
		if (claims.role !== 'facilitator') throw new UserError(403, 'Bara workshopledaren kan öppna och stänga röstningar.');
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

/** Counts on every note of the vote's figures (0 included, so "0 röster" shows), top N marked. */
function writeResults(doc: Y.Doc, vote: Vote, counts: Map<string, number>): void {
	const { notes } = boardMaps(doc);
	for (const figure of readFigures(doc)) {
		const quota = vote.figures.find((f) => f.title === figure.title)?.quota;
		if (quota === undefined) continue;
		const ids: string[] = [];
		notes.forEach((note, id) => {
			if (note.get('figureId') === figure.id) ids.push(id);
		});
		const top = topNotes(counts, ids, quota);
		for (const id of ids) {
			const note = notes.get(id)!;
			note.set('votes', counts.get(id) ?? 0);
			note.set('top', top.has(id));
		}
	}
}
