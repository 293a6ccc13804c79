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
// zod's mini build: this file is read by every page that follows the workshop doc, and classic
// zod would add some 20 KiB (gzip) to each of them.
import * as z from 'zod/mini';
import { WHOLE_BOARD } from './individual';
import { FIGURE_TITLE_MAX } from './limits';
import { VOTE_QUOTA_MAX, type VoteFigure } from './vote';

/** As the vote form: a vote over more figures than a board has stops being a choice. */
export const VOTE_FIGURES_MAX = 20;
export const VOTE_LABEL_MAX = 80;

export const individualAction = z.object({
	scope: z.string().check(z.minLength(1), z.maxLength(FIGURE_TITLE_MAX)),
	anonymous: z.boolean()
});

/** One figure of a vote, as the vote form and the open-vote API take it (server/workshops/votes.ts). */
export const voteFigure = z.object({
	title: z.string().check(z.minLength(1), z.maxLength(FIGURE_TITLE_MAX)),
	label: z.string().check(z.trim(), z.minLength(1), z.maxLength(VOTE_LABEL_MAX)),
	quota: z.int().check(z.minimum(1), z.maximum(VOTE_QUOTA_MAX))
});

export const voteAction = z.object({
	figures: z
		.array(voteFigure)
		.check(
			z.minLength(1),
			z.maxLength(VOTE_FIGURES_MAX),
			z.refine((figures) => new Set(figures.map((f) => f.title)).size === figures.length, 'a figure twice')
		)
});

export type IndividualAction = z.infer<typeof individualAction>;
export interface VoteAction {
	figures: VoteFigure[];
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
	const individual = individualAction.safeParse(raw.individual);
	const vote = voteAction.safeParse(raw.vote);
	return {
		...(individual.success ? { individual: individual.data } : {}),
		...(raw.revealAtEnd === true ? { revealAtEnd: true as const } : {}),
		...(vote.success ? { vote: { figures: vote.data.figures.map((f) => ({ ...f })) } } : {}),
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
	const dots = quotas.join(' + ');
	return `Röstning ${dots} ${quotas.length === 1 && quotas[0] === 1 ? 'prick' : 'prickar'}`;
}

/** The phase's actions in words for the control room, in the order they happen. */
export function phaseActionWords(actions: PhaseActions): string[] {
	const words: string[] = [];
	if (actions.individual) {
		const where = actions.individual.scope === WHOLE_BOARD ? '' : ` i ”${actions.individual.scope}”`;
		const anonymous = actions.individual.anonymous ? ', anonymt' : '';
		words.push(`Fundera själv först${where}${anonymous}${actions.revealAtEnd ? ', visar lapparna vid slutet' : ''}`);
	} else if (actions.revealAtEnd) words.push('Visar lapparna vid slutet');
	if (actions.vote) words.push(voteWords(actions.vote));
	if (actions.lockAtEnd) words.push('Låser tavlorna');
	return words;
}
