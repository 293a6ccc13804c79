/** Lärlabb Hållbar utveckling: the group exercise of seed 002. */
import { WHOLE_BOARD } from '../individual';
import type { BuiltInTemplate } from './template';

const instructions = `Lärlabb Hållbar utveckling är två workshopar där regioner och myndigheter med uppdrag inom regional utveckling har chans att träffa och lära känna varandra. Dialogen tar avstamp i den *Nationella strategin för hållbar regional utveckling*.

**Gör så här:**

1. Presentera er.
2. Utse en gruppledare som håller tiden, ser till att alla kommer till tals och är beredd att dela ert samtal med oss.
3. Fundera först individuellt, diskutera sen i gruppen:
   - **Vilka förväntningar har du på Lärlabb?**
   - **Vad vill du veta om myndigheterna?**
   - **Vad vill du att myndigheterna ska veta om regionerna?**

Efter 30 minuter fortsätter ni med att:

4. Avsluta med att sammanfatta er diskussion i figuren *Att tänka på inför Lärlabb*.

Om ni har tid finns också en bonusfråga: samla goda exempel på samverkan mellan myndigheter och regioner.

Skriv på post-it i figurerna.

**Ni har 40 minuter totalt.**`;

export const larlabb: BuiltInTemplate = {
	id: 'larlabb',
	language: 'sv',
	name: 'Lärlabb Hållbar utveckling',
	description: 'Tre frågor, en sammanfattning och en bonusfråga – 40 minuter i grupp.',
	// Seed 002: 40 minutes in all; after 30 minutes the groups summarise.
	timerPresets: [
		{ label: 'Hela övningen', minutes: 40 },
		{ label: 'Diskutera', minutes: 30 },
		{ label: 'Sammanfatta', minutes: 10 }
	],
	// Seed 002: think alone ("Fundera först individuellt"), discuss the three questions, then
	// summarise (40 minutes in all). The thoughts go up on the board when the individual time ends;
	// the summary is what the group leader shares, so the boards lock when it ends.
	runSheet: [
		{ label: 'Individuellt', minutes: 5, individual: { scope: WHOLE_BOARD, anonymous: false }, revealAtEnd: true },
		{ label: 'Diskutera', minutes: 25 },
		{ label: 'Sammanfatta', minutes: 10, lockAtEnd: true }
	],
	board: {
		title: 'Lärlabb: Hållbar utveckling',
		instructions,
		figures: [
			{ kind: 'question', title: 'Vilka förväntningar har du på Lärlabb?', x: 0, y: 0, w: 640, h: 560, color: 'sand' },
			{ kind: 'question', title: 'Vad vill du veta om myndigheterna?', x: 680, y: 0, w: 640, h: 560, color: 'sky' },
			{ kind: 'question', title: 'Vad vill du att myndigheterna ska veta om regionerna?', x: 1360, y: 0, w: 640, h: 560, color: 'mint' },
			{ kind: 'summary', title: 'Att tänka på inför Lärlabb', x: 0, y: 620, w: 1000, h: 440, color: 'rose' },
			{ kind: 'question', title: 'Goda exempel på samverkan mellan myndigheter och regioner', x: 1040, y: 620, w: 960, h: 440, color: 'lilac' }
		]
	}
};
