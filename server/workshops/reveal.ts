/**
 * "Visa alla" (issue 3 §4): the server moves participants' private drafts into their group boards.
 * The server does it, not the facilitator's browser, because the drafts live in private docs that
 * only their owner and the server can open, and the owner may well be offline by then.
 *
 * Per person: read the drafts in scope, write them into the author's group board as notes, THEN
 * delete exactly those drafts. In that order a crash in between leaves a draft both revealed and
 * private (revealed again next time) rather than lost. A draft written during the reveal is not
 * among those read, so it stays private rather than vanishing.
 *
 * Revealing everything, or the one figure the phase is about, ends the phase: nothing is left in
 * scope, and new notes should go to the board again.
 */
import { z } from 'zod';
import {
	ANONYMOUS,
	deleteDrafts,
	draftsInScope,
	readDrafts,
	readIndividual,
	revealInto,
	stopIndividual
} from '../../src/lib/board/individual';
import { FIGURE_TITLE_MAX } from '../../src/lib/board/limits';
import { boardRoom, privateRoom, workshopRoom } from '../../src/lib/board/rooms';
import { readWorkshop, type Participant } from '../../src/lib/board/workshop';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import type { DocStore } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';
import { claimedWorkshop } from './member';

/**
 * Drafts one person brings to a board per reveal. "Fundera själv först" is a handful of thoughts
 * each; the bound keeps a hostile client that parks thousands of tiny drafts in its private doc
 * from having the server write them all onto the group's board. The rest stay private, and the
 * next reveal takes the next batch, so an honest person never loses one.
 */
export const DRAFTS_PER_REVEAL_MAX = 50;

export const revealInput = z.object({ figureTitle: z.string().min(1).max(FIGURE_TITLE_MAX).optional() }).strict();

export interface RevealResult {
	/** How many drafts became notes, over every group board. */
	moved: number;
	/** Whether this reveal ended the individual phase. */
	ended: boolean;
}

export class RevealService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #log: Log;
	/** One reveal per workshop at a time: two at once would both read, and reveal, the same drafts. */
	readonly #running = new Map<string, Promise<unknown>>();

	constructor(deps: { store: DocStore; rooms: Rooms; log: Log }) {
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#log = deps.log;
	}

	async reveal(rawCode: string, claims: Claims, input: unknown): Promise<RevealResult> {
		const code = await claimedWorkshop(this.#store, rawCode, claims);
		if (claims.role !== 'facilitator') throw new UserError(403, 'error_reveal_facilitator_only');
		const parsed = revealInput.safeParse(input ?? {});
		if (!parsed.success) throw new UserError(400, 'error_reveal_choose');
		return this.revealIn(code, parsed.data.figureTitle);
	}

	/** Reveals in a workshop whose code and facilitator are already checked (also the run-sheet's phases). */
	async revealIn(code: string, figureTitle: string | undefined): Promise<RevealResult> {
		const before = this.#running.get(code) ?? Promise.resolve();
		const run = before.catch(() => {}).then(() => this.#reveal(code, figureTitle));
		this.#running.set(code, run);
		try {
			return await run;
		} finally {
			if (this.#running.get(code) === run) this.#running.delete(code);
		}
	}

	async #reveal(code: string, figureTitle: string | undefined): Promise<RevealResult> {
		const { people, anonymous, scope } = await this.#rooms.read(workshopRoom(code), (doc) => {
			const phase = readIndividual(doc);
			return { people: readWorkshop(doc).participants, anonymous: phase?.anonymous ?? false, scope: phase?.scope };
		});
		let moved = 0;
		// Someone still waiting for a seat has no board to reveal onto: their drafts wait with them.
		for (const person of people) if (person.groupId) moved += await this.#revealPerson(code, person, figureTitle, anonymous);
		const ended = figureTitle === undefined || figureTitle === scope;
		if (ended) await this.#rooms.update(workshopRoom(code), (doc) => stopIndividual(doc));
		this.#log.info('drafts revealed', { code, step: 'reveal', people: people.length, moved, ended });
		return { moved, ended };
	}

	async #revealPerson(code: string, person: Participant, figureTitle: string | undefined, anonymous: boolean): Promise<number> {
		const room = privateRoom(code, person.id);
		const inScope = await this.#rooms.read(room, (doc) => draftsInScope(readDrafts(doc), figureTitle));
		if (!inScope.length) return 0;
		const drafts = inScope.slice(0, DRAFTS_PER_REVEAL_MAX);
		if (drafts.length < inScope.length) {
			this.#log.warn('reveal capped', { code, room, step: 'reveal', drafts: inScope.length, moved: drafts.length });
		}
		const author = anonymous ? ANONYMOUS : { id: person.id, name: person.name, organisation: person.organisation };
		let moved: string[] = [];
		await this.#rooms.update(boardRoom(code, person.groupId), (doc) => {
			moved = revealInto(doc, drafts, author);
		});
		if (moved.length) await this.#rooms.update(room, (doc) => deleteDrafts(doc, moved));
		return moved.length;
	}
}
