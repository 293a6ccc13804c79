/**
 * "Tre framgångsfaktorer och tre fallgropar" (seed 001): a group talk about the region's annual
 * cycle, then each group picks three success factors and three pitfalls by dots, and shares.
 */
import { WHOLE_BOARD } from '../individual';
import type { VoteFigure } from '../vote';
import type { BuiltInTemplate } from './template';

const votes: VoteFigure[] = [
	{ title: 'Framgångsfaktorer', label: '3 framgångsfaktorer', quota: 3 },
	{ title: 'Fallgropar', label: '3 fallgropar', quota: 3 }
];

const instructions = `Gruppsamtal om RUS-ens årshjul.

**Samtala i gruppen utifrån frågorna:**

1. Vilka moment och aktiviteter ingår i ert årshjul? Hur ofta loopar ni – år eller mandat?
2. Är årshjulet uppbyggt runt era interna processer eller involveras flera aktörer – och i så fall i vilka moment?
3. Hur påverkar RUS-hjulet och dess uppföljning regionens verksamhetsplaner?

Skriv det som fungerar i figuren *Framgångsfaktorer* och det som varit svårt i *Fallgropar*, en tanke per post-it.

**Välj sedan ut tre framgångsfaktorer … och tre fallgropar!** När workshopledaren öppnar röstningen har var och en tre prickar i varje figur. Lapparna med flest prickar är gruppens val.

**Helgrupp 10 minuter: dela!** Gruppledaren berättar om gruppens tre framgångsfaktorer och tre fallgropar.`;

export const framgangsfaktorer: BuiltInTemplate = {
	id: 'framgangsfaktorer',
	language: 'sv',
	name: 'Tre framgångsfaktorer och tre fallgropar',
	description: 'Samtal om årshjulet, sedan väljer gruppen tre framgångsfaktorer och tre fallgropar med prickar.',
	timerPresets: [
		{ label: 'Samtal', minutes: 30 },
		{ label: 'Välj tre och tre', minutes: 10 },
		{ label: 'Dela i helgrupp', minutes: 10 },
		{ label: 'Paus', minutes: 10 }
	],
	// Seed 001: each writes their own thoughts first, the group talks, picks three and three by
	// dots, and the group leader shares the result, which the locked boards then keep as it was.
	runSheet: [
		{ label: 'Individuellt', minutes: 5, individual: { scope: WHOLE_BOARD, anonymous: false }, revealAtEnd: true },
		{ label: 'Samtal', minutes: 25 },
		{ label: 'Välj tre och tre', minutes: 10, vote: { figures: votes } },
		{ label: 'Dela i helgrupp', minutes: 10, lockAtEnd: true }
	],
	votes,
	board: {
		title: 'Tre framgångsfaktorer och tre fallgropar',
		instructions,
		figures: [
			{ kind: 'question', title: 'Framgångsfaktorer', x: 0, y: 0, w: 820, h: 640, color: 'mint' },
			{ kind: 'question', title: 'Fallgropar', x: 860, y: 0, w: 820, h: 640, color: 'rose' }
		]
	}
};
