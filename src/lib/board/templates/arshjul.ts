/**
 * Årshjul / aktivitetsplan (seed 001): Region Dalarna's activity plan as a grid, one row per
 * category and one column per field, which the group fills with post-its.
 */
import { FIGURE_TITLE_BAR, HEADING_ROW_H, ROW_HEADING_W } from '../figure-layout';
import type { BuiltInTemplate } from './template';

const ROWS = [
	'Kunskap & analys',
	'Samverkan & nätverk',
	'Kommunikation & påverkan',
	'Finansiering',
	'Processtöd',
	'Interna verksamhetsprocesser'
];
const COLUMNS = ['Aktivitet', 'Syfte', 'Mål', 'Ansvarig', 'Klart senast', 'Kommentar'];
/** A cell holds one post-it with room around it, and a second one cascaded over it. */
const CELL_W = 220;
const CELL_H = 160;
const GRID_W = ROW_HEADING_W + COLUMNS.length * CELL_W;
const GRID_H = FIGURE_TITLE_BAR + HEADING_ROW_H + ROWS.length * CELL_H;

const instructions = `Aktivitetsplan – hur bidrar vi till stärkt utvecklingskraft i regionen? (Efter Region Dalarnas årshjul för Dalastrategin 2030.)

**Gör så här:**

1. Fundera först själv: vilka aktiviteter gör ni under året inom varje kategori?
2. Lägg en post-it per aktivitet i rutan för dess kategori under **Aktivitet**. Fyll sedan på raden: **Syfte**, **Mål** (vilka mål ska vi ha?), **Ansvarig**, **Klart senast** och **Kommentar**.
3. Dubbelklicka i en ruta eller tryck på dess **+** för att skriva där. Dra lappar mellan rutorna.
4. Samtala till sist om frågan till höger: hur ser synken med verksamhetsplanerna ut?

Kategorierna: ${ROWS.join(', ')}.`;

export const arshjul: BuiltInTemplate = {
	id: 'arshjul',
	language: 'sv',
	name: 'Årshjul / aktivitetsplan',
	description: 'Ett rutnät med kategorier och fält för gruppens aktivitetsplan, och en fråga om synken med verksamhetsplanerna.',
	timerPresets: [
		{ label: 'Aktivitetsplanen', minutes: 30 },
		{ label: 'Samtal', minutes: 15 },
		{ label: 'Paus', minutes: 10 }
	],
	runSheet: [
		{ label: 'Individuellt', minutes: 5 },
		{ label: 'Fyll i aktivitetsplanen', minutes: 25 },
		{ label: 'Samtal om verksamhetsplanerna', minutes: 15, lockAtEnd: true }
	],
	board: {
		title: 'Årshjul och aktivitetsplan',
		instructions,
		figures: [
			{
				kind: 'grid',
				title: 'Aktivitetsplan – hur bidrar vi till stärkt utvecklingskraft?',
				x: 0,
				y: 0,
				w: GRID_W,
				h: GRID_H,
				color: 'sand',
				rows: ROWS,
				columns: COLUMNS
			},
			{
				kind: 'question',
				title: 'Hur påverkar RUS-hjulet och dess uppföljning regionens verksamhetsplaner?',
				x: GRID_W + 40,
				y: 0,
				w: 640,
				h: 560,
				color: 'sky'
			}
		]
	}
};
