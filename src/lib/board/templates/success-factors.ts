/**
 * "Three success factors and three pitfalls": framgangsfaktorer.ts (seed 001) in English,
 * translated faithfully. The same figures, phases, timers and vote (three dots in each figure).
 */
import { WHOLE_BOARD } from '../individual';
import type { VoteFigure } from '../vote';
import type { BuiltInTemplate } from './template';

const votes: VoteFigure[] = [
	{ title: 'Success factors', label: '3 success factors', quota: 3 },
	{ title: 'Pitfalls', label: '3 pitfalls', quota: 3 }
];

const instructions = `Group talk about the annual cycle of the RUS (the regional development strategy).

**Talk in the group, starting from the questions:**

1. Which steps and activities make up your annual cycle? How often do you go round – every year or every term of office?
2. Is the annual cycle built around your internal processes, or are several actors involved – and if so, in which steps?
3. How do the RUS cycle and its follow-up affect the region's operational plans?

Write what works in the figure *Success factors* and what has been hard in *Pitfalls*, one thought per post-it.

**Then pick three success factors … and three pitfalls!** When the facilitator opens the vote, each of you has three dots in each figure. The notes with the most dots are the group's choice.

**Whole group 10 minutes: share!** The group leader tells everyone about the group's three success factors and three pitfalls.`;

export const successFactors: BuiltInTemplate = {
	id: 'success-factors',
	language: 'en',
	translationOf: 'framgangsfaktorer',
	name: 'Three success factors and three pitfalls',
	description: 'A talk about the annual cycle, then the group picks three success factors and three pitfalls with dots.',
	timerPresets: [
		{ label: 'Talk', minutes: 30 },
		{ label: 'Pick three and three', minutes: 10 },
		{ label: 'Share with the whole group', minutes: 10 },
		{ label: 'Break', minutes: 10 }
	],
	// As framgangsfaktorer.ts: own thoughts first, talk, pick by dots, share; the boards then lock.
	runSheet: [
		{ label: 'On your own', minutes: 5, individual: { scope: WHOLE_BOARD, anonymous: false }, revealAtEnd: true },
		{ label: 'Talk', minutes: 25 },
		{ label: 'Pick three and three', minutes: 10, vote: { figures: votes } },
		{ label: 'Share with the whole group', minutes: 10, lockAtEnd: true }
	],
	votes,
	board: {
		title: 'Three success factors and three pitfalls',
		instructions,
		figures: [
			{ kind: 'question', title: 'Success factors', x: 0, y: 0, w: 820, h: 640, color: 'mint' },
			{ kind: 'question', title: 'Pitfalls', x: 860, y: 0, w: 820, h: 640, color: 'rose' }
		]
	}
};
