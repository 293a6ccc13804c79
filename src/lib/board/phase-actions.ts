/**
 * What a run-sheet phase does besides running the timer (issue 10 §4), as optional keys of a Phase
 * (runsheet.ts):
 *   individual   { scope: 'board' | a figure TITLE, anonymous }   at its start, "Fundera själv först"
 *   revealAtEnd  true                                             at its end, "Visa alla" (the scope's drafts)
 *   vote         { figures: [{ title, label, quota }] }           at its start open a vote, at its end close it
 *   lockAtEnd    true                                             at its end, lock every board
 * The server carries them out (server/workshops/phase-actions.ts); the doc only says what is due.
 *
 * Phases in the doc are written by hand-made clients too, so each action is parsed on its own with
 * the same bounds as the HTTP APIs that do the same by hand (reveal.ts, votes.ts): an action that
 * does not parse is dropped and the phase keeps its timer.
 */
import { WHOLE_BOARD } from './individual';
import { FIGURE_TITLE_MAX } from './limits';
import { m } from '../paraglide/messages';
import { VOTE_QUOTA_MAX, type VoteFigure } from './vote';

/** As the vote form: a vote over more figures than a board has stops being a choice. */
export const VOTE_FIGURES_MAX = 20;
export const VOTE_LABEL_MAX = 80;

export interface IndividualAction {
	scope: string;
	anonymous: boolean;
}
export interface VoteAction {
	figures: VoteFigure[];
}

// Plain checks, not zod: the board pages read the run-sheet too, and zod in their bundle costs
// ~60 KiB and probes `new Function`, which the pages' CSP refuses.
const record = (value: unknown): Record<string, unknown> | null =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const boundedText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length >= 1 && value.length <= max;

export function parseIndividualAction(value: unknown): IndividualAction | null {
	const raw = record(value);
	if (!raw || !boundedText(raw.scope, FIGURE_TITLE_MAX) || typeof raw.anonymous !== 'boolean') return null;
	return { scope: raw.scope, anonymous: raw.anonymous };
}

/** One figure of a vote, as the vote form and the open-vote API take it (server/workshops/votes.ts). */
export function parseVoteFigure(value: unknown): VoteFigure | null {
	const raw = record(value);
	const label = typeof raw?.label === 'string' ? raw.label.trim() : '';
	const quota = raw?.quota;
	if (!raw || !boundedText(raw.title, FIGURE_TITLE_MAX) || !boundedText(label, VOTE_LABEL_MAX)) return null;
	if (typeof quota !== 'number' || !Number.isInteger(quota) || quota < 1 || quota > VOTE_QUOTA_MAX) return null;
	return { title: raw.title, label, quota };
}

/** 1–VOTE_FIGURES_MAX figures, each title once. */
export function parseVoteAction(value: unknown): VoteAction | null {
	const list = record(value)?.figures;
	if (!Array.isArray(list) || list.length < 1 || list.length > VOTE_FIGURES_MAX) return null;
	const figures = list.map(parseVoteFigure);
	if (figures.some((f) => f === null)) return null;
	const valid = figures as VoteFigure[];
	return new Set(valid.map((f) => f.title)).size === valid.length ? { figures: valid } : null;
}

/** The actions of a phase, each present only when it parsed. */
export interface PhaseActions {
	individual?: IndividualAction;
	revealAtEnd?: boolean;
	vote?: VoteAction;
	/** Lock every board when the phase ends. */
	lockAtEnd?: boolean;
}

/** The actions found in an untrusted phase object; anything malformed is left out. */
export function parsePhaseActions(raw: Record<string, unknown>): PhaseActions {
	const individual = parseIndividualAction(raw.individual);
	const vote = parseVoteAction(raw.vote);
	return {
		...(individual ? { individual } : {}),
		...(raw.revealAtEnd === true ? { revealAtEnd: true as const } : {}),
		...(vote ? { vote } : {}),
		...(raw.lockAtEnd === true ? { lockAtEnd: true as const } : {})
	};
}

/** The actions alone, copied: what the server keeps of a phase it started (runsheet.ts `acted`). */
export function phaseActionsOf(phase: PhaseActions): PhaseActions {
	return parsePhaseActions(phase as Record<string, unknown>);
}

/** The figure a reveal at the phase's end covers: its individual scope's figure, or every one. */
export function revealTitle(actions: PhaseActions): string | undefined {
	const scope = actions.individual?.scope;
	return scope === undefined || scope === WHOLE_BOARD ? undefined : scope;
}

/** "Röstning 3 prickar", or "Röstning 3 + 2 prickar" when the figures' quotas differ. */
function voteWords(vote: VoteAction): string {
	const quotas = [...new Set(vote.figures.map((f) => f.quota))];
	return quotas.length === 1 ? m.board_action_vote({ dots: quotas[0]! }) : m.board_action_vote_mixed({ dots: quotas.join(' + ') });
}

/** The phase's actions in words for the control room (in the reader's language), in the order they happen. */
export function phaseActionWords(actions: PhaseActions): string[] {
	const words: string[] = [];
	if (actions.individual) {
		const { scope } = actions.individual;
		const think = scope === WHOLE_BOARD ? m.board_action_think() : m.board_action_think_in({ scope });
		const anonymous = actions.individual.anonymous ? m.board_action_anonymous() : '';
		words.push(`${think}${anonymous}${actions.revealAtEnd ? m.board_action_reveal_too() : ''}`);
	} else if (actions.revealAtEnd) words.push(m.board_action_reveal());
	if (actions.vote) words.push(voteWords(actions.vote));
	if (actions.lockAtEnd) words.push(m.board_action_lock());
	return words;
}
