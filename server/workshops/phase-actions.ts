/**
 * Carries out the run-sheet phases' actions (issue 10 §4, src/lib/board/phase-actions.ts): at a
 * phase's start "Fundera själv först" and opening its vote, at its end revealing the drafts,
 * closing the vote and locking the boards. The server does it, not the facilitator's browser,
 * because a phase also ends by time with the control room closed (phases.ts), and reveal and
 * vote need the private docs only the server can open.
 *
 * Trigger: every load and change of a workshop room (Rooms.onChange). Whether anything is due is
 * read from the doc alone (runsheet.ts nextPhaseStep: the running `run`, `ended`, and the server's
 * own record `acted`), so it does not matter who moved the run-sheet on: "Starta" or "Nästa fas"
 * in the control room, or the server at the end of a phase's time ("Gå vidare automatiskt").
 *
 * Exactly once: a step's work is done first and recorded in `acted` after, in the doc, which the
 * store keeps. A restart between the two does the step again on the next load, and each step is
 * safe to repeat: a reveal moves only the drafts still private, a close only closes the vote this
 * phase opened while it is open, a start that finds its phase's vote already open keeps it.
 * Steps of one workshop run one at a time, in order: a phase's end before the next one's start.
 *
 * Several instances (server/scale/leases.ts): only the holder of the workshop's lease carries
 * steps out; it looks (resume) when it takes the lease and when a phase started elsewhere shows in
 * the store, and a pass stops at the next step when the lease is lost.
 */
import {
	markPhaseEnded,
	markPhaseStarted,
	nextPhaseStep,
	parseRoom,
	readIndividual,
	readVote,
	revealTitle,
	startIndividual,
	workshopRoom,
	type PhaseStep
} from '../../src/lib/board';
import { PHASES_MAX } from '../../src/lib/board/workshop-file';
import type { Log } from '../log';
import { soleLeases, type Leases } from '../scale/leases';
import type { Rooms } from '../sync/rooms';
import type { RevealService } from './reveal';
import type { VoteService } from './votes';

/** An end and a start per phase of the longest run-sheet, and then some. */
const STEPS_PER_PASS_MAX = 2 * PHASES_MAX + 2;

export class PhaseActionService {
	readonly #rooms: Rooms;
	readonly #reveal: RevealService;
	readonly #votes: VoteService;
	readonly #log: Log;
	readonly #leases: Leases;
	/** code → the pass under way, and whether a change came in meanwhile (then it looks again). */
	readonly #passes = new Map<string, { again: boolean; done: Promise<void> }>();
	readonly #unsubscribe: () => void;
	#closed = false;

	constructor(deps: { rooms: Rooms; reveal: RevealService; votes: VoteService; log: Log; leases?: Leases }) {
		this.#leases = deps.leases ?? soleLeases;
		this.#rooms = deps.rooms;
		this.#reveal = deps.reveal;
		this.#votes = deps.votes;
		this.#log = deps.log;
		this.#unsubscribe = this.#rooms.onChange((name, doc) => {
			const ref = parseRoom(name);
			// Cheap on every change (chat, presence): nextPhaseStep reads a few keys of one map.
			if (ref?.kind === 'workshop' && !doc.isDestroyed && nextPhaseStep(doc)) this.resume(ref.code);
		});
	}

	/** Carries out what is due in workshop `code`, if this instance holds it (also after taking its lease). */
	resume(code: string): void {
		if (!this.#closed && this.#leases.holds(code)) this.#wake(code);
	}

	/** Stops listening and waits for the steps under way; call before closing the rooms. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#unsubscribe();
		await Promise.allSettled([...this.#passes.values()].map((p) => p.done));
	}

	#wake(code: string): void {
		const pass = this.#passes.get(code);
		if (pass) {
			pass.again = true;
			return;
		}
		const entry = { again: false, done: Promise.resolve() };
		entry.done = (async () => {
			let ok = true;
			// Each step's own write is a change too, so `again` is set while a step runs; a failed
			// step stops here, so that it is retried on the next change from outside, not in a loop.
			do {
				entry.again = false;
				ok = await this.#pass(code);
			} while (ok && entry.again && !this.#closed);
			this.#passes.delete(code);
		})();
		this.#passes.set(code, entry);
	}

	/** Carries out what is due, step by step, in order; false when a step failed (it is logged). */
	async #pass(code: string): Promise<boolean> {
		for (let i = 0; i < STEPS_PER_PASS_MAX; i++) {
			if (this.#closed || !this.#leases.holds(code)) return true;
			try {
				const step = await this.#rooms.read(workshopRoom(code), (doc) => nextPhaseStep(doc));
				if (!step) return true;
				await (step.kind === 'end' ? this.#end(code, step) : this.#start(code, step));
			} catch (err) {
				this.#log.error('phase action failed', { code, step: 'phase-actions', error: String(err) });
				return false;
			}
		}
		// Every step records itself, so this means a step that does not: stop rather than spin.
		this.#log.error('phase actions did not settle', { code, step: 'phase-actions', steps: STEPS_PER_PASS_MAX });
		return false;
	}

	async #start(code: string, step: Extract<PhaseStep, { kind: 'start' }>): Promise<void> {
		const { individual, vote } = step.actions;
		let voteId: string | null = null;
		if (vote) {
			const open = await this.#rooms.read(workshopRoom(code), (doc) => readVote(doc));
			const same = open?.status === 'open' && open.figures.map((f) => f.title).join('\n') === vote.figures.map((f) => f.title).join('\n');
			voteId = same ? open.id : await this.#openVote(code, vote.figures);
		}
		await this.#rooms.update(workshopRoom(code), (doc) => {
			const now = nextPhaseStep(doc);
			if (now?.kind !== 'start') return;
			// Already running as the phase asks (started by hand): a restart would reset everyone's "Klar".
			const running = readIndividual(doc);
			const same = running?.active && running.scope === individual?.scope && running.anonymous === individual?.anonymous;
			// If the facilitator moved on while the vote opened, this run is recorded all the same,
			// so that the next step ends it (closing its vote), but think-first is not started for it.
			if (individual && !same && now.run === step.run) startIndividual(doc, individual);
			markPhaseStarted(doc, step, voteId);
		});
		this.#log.info('phase started', { code, run: step.run, step: 'phase-actions', individual: !!individual, vote: voteId !== null });
	}

	/** A vote whose figures no board has is not opened: the phase runs on without it. */
	async #openVote(code: string, figures: NonNullable<PhaseStep['actions']['vote']>['figures']): Promise<string | null> {
		try {
			return (await this.#votes.openIn(code, { allowStacking: false, figures })).id;
		} catch (err) {
			this.#log.warn('phase vote not opened', { code, step: 'phase-actions', error: String(err) });
			return null;
		}
	}

	async #end(code: string, step: Extract<PhaseStep, { kind: 'end' }>): Promise<void> {
		let moved = 0;
		if (step.actions.revealAtEnd) moved = (await this.#reveal.revealIn(code, revealTitle(step.actions))).moved;
		if (step.voteId) {
			const open = await this.#rooms.read(workshopRoom(code), (doc) => readVote(doc));
			if (open?.status === 'open' && open.id === step.voteId) await this.#votes.closeIn(code, step.voteId);
		}
		await this.#rooms.update(workshopRoom(code), (doc) => markPhaseEnded(doc, step));
		this.#log.info('phase end actions', { code, run: step.run, step: 'phase-actions', moved, locked: step.lock });
	}
}
