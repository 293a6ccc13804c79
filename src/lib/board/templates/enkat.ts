/**
 * Enkät (seed 004): the survey before the RUS network's meeting, one question figure per
 * question. Every note carries its author's organisation, so the answers read back as the seed's
 * question × organisation table.
 */
import type { NewFigure } from '../figure';
import type { BuiltInTemplate } from './template';

const PART_ONE = [
	'1. På vilka sätt är RUSen styrande för er egen verksamhet inom regional utveckling?',
	'2. Hur ser kopplingen ut mellan er RUS och er VP?',
	'3. Hur påverkar uppföljningen av RUSen er verksamhetsplanering?',
	'4. Vilka spår ser ni av RUSen i viktiga samarbetsaktörers styrning?'
];
const PART_TWO = [
	'5. Upplever du att det finns ett behov av att kunna göra förändringar av RUSen löpande? Om ja, varför? Om nej, varför inte?',
	'6. Om ni gjort förändringar i RUS utan att göra en helt ny, vilken typ av ändringar har det rört sig om?',
	'7. Hur påverkar uppföljningen av RUS och utvärdering av RUS-arbetet prioriteringarna i RUSen och utveckling av arbetssätt?',
	'8. Vilka arenor finns och används för att ompröva eller ändra i RUS? Vem eller vilka kan ta ett sådant initiativ?',
	'9. Om ni gjort en aktualitetsprövning av RUS – hur såg processen ut?'
];
const COLORS = ['sand', 'sky', 'mint', 'rose', 'lilac', 'slate'] as const;
/** Wide enough that the longest question fits on two lines of the figure's title. */
const W = 840;
const H = 480;
const COLUMNS = 3;

const figures: NewFigure[] = [...PART_ONE, ...PART_TWO].map((title, i) => ({
	kind: 'question',
	title,
	x: (i % COLUMNS) * (W + 40),
	y: Math.floor(i / COLUMNS) * (H + 60),
	w: W,
	h: H,
	color: COLORS[i % COLORS.length]
}));

const instructions = `Enkät inför RUS-nätverkets möte. Syftet är främst att påbörja det egna tankearbetet inför mötet.

**Del ett: RUSen som styrinstrument** (fråga 1–4) och **del två: RUSens aktualitet** (fråga 5–9).

**Gör så här:**

1. Svara på frågorna med en post-it per fråga och organisation. Er organisation syns på varje lapp, så svaren kan sammanställas i en tabell med en rad per organisation.
2. På fråga 4 är alla exempel välkomna, stora som små!
3. Hoppa över en fråga som inte gäller er.

Tänk på att detta är ett diskussionsunderlag för nätverket. Vill du använda materialet i något annat sammanhang, kontakta deltagarna i nätverket och stäm av.`;

export const enkat: BuiltInTemplate = {
	id: 'enkat',
	language: 'sv',
	name: 'Enkät',
	description: 'Nio frågor om RUSen som styrinstrument och dess aktualitet, besvarade per organisation.',
	timerPresets: [
		{ label: 'Besvara enkäten', minutes: 20 },
		{ label: 'Läs varandras svar', minutes: 10 }
	],
	runSheet: [
		{ label: 'Besvara enkäten', minutes: 20 },
		{ label: 'Läs varandras svar', minutes: 10 }
	],
	board: { title: 'Enkät inför RUS-nätverkets möte', instructions, figures }
};
