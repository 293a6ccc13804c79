/**
 * Gruppcoachning (seed 000): in groups of three, three sessions of 15 minutes, each with three
 * 5-minute steps, so that everyone is coached once. The run-sheet walks the nine steps.
 */
import { FIGURE_TITLE_BAR, HEADING_ROW_H, ROW_HEADING_W } from '../figure-layout';
import type { Phase } from '../runsheet';
import type { BuiltInTemplate } from './template';

const ROUNDS = ['Runda 1', 'Runda 2', 'Runda 3'];
const STEPS: { heading: string; phase: string }[] = [
	{ heading: 'Problembeskrivning', phase: 'problembeskrivning' },
	{ heading: 'Fördjupande frågor', phase: 'fördjupande frågor' },
	{ heading: 'Sammanfattning och råd', phase: 'sammanfattning och råd' }
];
const CELL_W = 260;
const CELL_H = 160;
const GRID_W = ROW_HEADING_W + STEPS.length * CELL_W;
const GRID_H = FIGURE_TITLE_BAR + HEADING_ROW_H + ROUNDS.length * CELL_H;

const runSheet: Phase[] = ROUNDS.flatMap((round) => STEPS.map((s) => ({ label: `${round}: ${s.phase}`, minutes: 5 })));

const instructions = `I grupper om tre coachar ni varandra kring dagsaktuella utmaningar.

**3 sessioner à 15 minuter.** Hjälps åt att hålla tiderna; timern visar varje steg.

- **5 minuter problembeskrivning** – den som coachas beskriver sin utmaning.
- **5 minuter fördjupande frågor** från coachen.
- **5 minuter sammanfattning** av den som lyssnar och tar tid. Erbjudande om råd av lyssnare och coach.

Byt roller efter varje runda, så att alla blir coachade en gång. Anteckna gärna utmaningen och råden i rutnätet – en rad per runda.

***Det som sägs i gruppen stannar där!***`;

export const gruppcoachning: BuiltInTemplate = {
	id: 'gruppcoachning',
	language: 'sv',
	name: 'Gruppcoachning',
	description: 'Tre rundor à 15 minuter i grupper om tre: problem, frågor, sammanfattning och råd.',
	timerPresets: [
		{ label: 'Ett steg', minutes: 5 },
		{ label: 'En runda', minutes: 15 },
		{ label: 'Alla tre rundorna', minutes: 45 }
	],
	runSheet,
	board: {
		title: 'Gruppcoachning',
		instructions,
		figures: [
			{
				kind: 'grid',
				title: 'Utmaningar och råd',
				x: 0,
				y: 0,
				w: GRID_W,
				h: GRID_H,
				color: 'lilac',
				rows: ROUNDS,
				columns: STEPS.map((s) => s.heading)
			},
			{ kind: 'question', title: 'Vad tar jag med mig?', x: GRID_W + 40, y: 0, w: 640, h: GRID_H, color: 'mint' }
		]
	}
};
