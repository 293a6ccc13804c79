/**
 * Incheckning / Utcheckning (seeds 000 and 001): the day opens and closes with a picture that
 * everyone comments on with notes. The facilitator uploads the pictures ("Välj bild…" in each
 * figure); the questions are seed 001's, the closing "Lämna din kommentar på bilden!" seed 000's.
 */
import type { BuiltInTemplate } from './template';

const instructions = `Vi checkar in och checkar ut tillsammans på en bild. Workshopledaren lägger upp bilderna.

**Så kommenterar du bilden:**

1. Dubbelklicka (dubbeltryck på mobilen) på det ställe i bilden som du vill säga något om – där hamnar en lapp. Du kan också trycka på **+ Lapp** och dra lappen dit du vill.
2. Skriv en kort kommentar: en tanke, en fråga eller något du känner igen.
3. Läs de andras lappar. Håller du med någon? Sätt din lapp bredvid.

**Incheckning – totalt fem minuter:** Vad har du tagit med dig från förmiddagen som du ser att du kan använda hemma?

**Utcheckning:** Ta en minut och tänk: en grej som sagts idag där jag tänkte *åh, SÅ borde vi göra!* Vänd dig till personen bredvid och berätta – och lyssna. Lämna sedan din kommentar på bilden!`;

export const incheckning: BuiltInTemplate = {
	id: 'incheckning',
	language: 'sv',
	name: 'Incheckning / Utcheckning',
	description: 'Två bilder att kommentera med lappar: en när dagen börjar och en när den slutar.',
	// Seed 001: "Totalt fem minuter" for the check-in; a minute to think before the check-out.
	timerPresets: [
		{ label: 'Incheckning', minutes: 5 },
		{ label: 'Tänk en minut', minutes: 1 },
		{ label: 'Utcheckning', minutes: 10 }
	],
	// The check-out ends the day, so the boards lock when it is over and the comments stay as left.
	runSheet: [
		{ label: 'Incheckning', minutes: 5 },
		{ label: 'Utcheckning: tänk själv', minutes: 1 },
		{ label: 'Utcheckning: berätta för grannen', minutes: 4 },
		{ label: 'Utcheckning: kommentera bilden', minutes: 5, lockAtEnd: true }
	],
	board: {
		title: 'Incheckning och utcheckning',
		instructions,
		figures: [
			{
				kind: 'image',
				title: 'Incheckning: Vad har du tagit med dig från förmiddagen som du kan använda hemma?',
				x: 0,
				y: 0,
				w: 960,
				h: 680,
				color: 'sky',
				picture: null
			},
			{
				kind: 'image',
				title: 'Utcheckning: En grej som sagts idag där jag tänkte ”åh, SÅ borde vi göra!”',
				x: 1000,
				y: 0,
				w: 960,
				h: 680,
				color: 'rose',
				picture: null
			}
		]
	}
};
