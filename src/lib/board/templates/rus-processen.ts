/**
 * "Var befinner ni er i RUS-processen?" (seeds 000 and 001): Reglab's picture of where each
 * region is in the work on its regional development strategy, as columns of stages. Each region
 * puts a card in its stage and moves it on as the work goes ("putta över Dalarna till nästa
 * kolumn", seed 000).
 */
import { FIGURE_TITLE_BAR, HEADING_ROW_H } from '../figure-layout';
import type { BuiltInTemplate } from './template';

const STAGES = ['Aktualitetsprövning', 'Analys och dialog', 'Framtagande', 'På remiss', 'Politiskt beslut', 'Genomförande och uppföljning'];
/** Wide enough for a post-it and its margin; tall enough for four cards before they cascade. */
const STAGE_W = 280;
const STAGES_H = FIGURE_TITLE_BAR + HEADING_ROW_H + 4 * 132 + 24;

const instructions = `Var befinner ni er (regionerna) i RUS-processen?

**Gör så här:**

1. Skriv en post-it med er region och ett par ord om läget, till exempel *"Antas i februari, förlängd remissperiod"*. Er organisation syns på lappen.
2. Lägg lappen i kolumnen där ni är nu: tryck på **+** vid kolumnens rubrik, eller dubbelklicka i kolumnen.
3. Dra lappen till nästa kolumn när ni kommer vidare – alla ser det direkt.
4. Berätta för varandra: vad är nästa steg, och vad har varit svårt?

Reviderar ni en befintlig RUS? Skriv det på lappen.`;

export const rusProcessen: BuiltInTemplate = {
	id: 'rus-processen',
	language: 'sv',
	name: 'Var befinner ni er i RUS-processen?',
	description: 'Kolumner med RUS-processens steg; varje region lägger sitt kort där den är och flyttar det vidare.',
	timerPresets: [
		{ label: 'Placera er region', minutes: 5 },
		{ label: 'Samtal', minutes: 15 }
	],
	runSheet: [
		{ label: 'Placera er region', minutes: 5 },
		{ label: 'Berätta för varandra', minutes: 15 }
	],
	board: {
		title: 'Läget i RUS-processen',
		instructions,
		figures: [
			{
				kind: 'columns',
				title: 'Var befinner ni er i RUS-processen?',
				x: 0,
				y: 0,
				w: STAGES.length * STAGE_W,
				h: STAGES_H,
				color: 'sky',
				columns: STAGES
			},
			{ kind: 'question', title: 'Vad är ert nästa steg, och vad har varit svårt?', x: 0, y: STAGES_H + 60, w: STAGES.length * STAGE_W, h: 440, color: 'mint' }
		]
	}
};
