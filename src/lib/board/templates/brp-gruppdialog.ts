/** BRP+ gruppdialog: the group dialogue of seed 003, two questions and the group's compilation. */
import type { BuiltInTemplate } from './template';

const instructions = `Gruppdialog om BRP+ och RUS. BRP+ är ett mått på hållbar regional utveckling som kompletterar BRP med sociala och miljömässiga dimensioner.

**Gör så här:**

1. Presentera er kort och utse en gruppledare som håller tiden och delar ert samtal i helgrupp.
2. Fundera först själv en stund och skriv en tanke per post-it.
3. Diskutera sedan frågorna en i taget:
   - **Hur blir BRP+ användbart i RUS-arbetet?**
   - **Hur kan RUS-genomförandet bli mer utmaningsdrivet?**
4. Avsluta med att samla det viktigaste i figuren *Sammanställning från gruppen*.

Skriv på post-it i figurerna. Era lappar blir underlag till sammanställningen som skickas ut efter mötet.`;

export const brpGruppdialog: BuiltInTemplate = {
	id: 'brp-gruppdialog',
	language: 'sv',
	name: 'BRP+ gruppdialog',
	description: 'Två frågor om BRP+ och RUS och en sammanställning – 45 minuter i grupp.',
	timerPresets: [
		{ label: 'Hela dialogen', minutes: 45 },
		{ label: 'En fråga', minutes: 15 },
		{ label: 'Sammanställa', minutes: 10 }
	],
	runSheet: [
		{ label: 'Individuellt', minutes: 5 },
		{ label: 'Fråga 1: BRP+ i RUS-arbetet', minutes: 15 },
		{ label: 'Fråga 2: Utmaningsdrivet', minutes: 15 },
		{ label: 'Sammanställ', minutes: 10, lockAtEnd: true }
	],
	board: {
		title: 'Gruppdialog BRP+ och RUS',
		instructions,
		figures: [
			{ kind: 'question', title: 'Hur blir BRP+ användbart i RUS-arbetet?', x: 0, y: 0, w: 800, h: 560, color: 'sky' },
			{ kind: 'question', title: 'Hur kan RUS-genomförandet bli mer utmaningsdrivet?', x: 840, y: 0, w: 800, h: 560, color: 'mint' },
			{ kind: 'summary', title: 'Sammanställning från gruppen', x: 0, y: 620, w: 1640, h: 440, color: 'rose' }
		]
	}
};
