/** An empty board with one question figure to start from. */
import type { BuiltInTemplate } from './template';

export const blank: BuiltInTemplate = {
	id: 'blank',
	language: 'sv',
	name: 'Tom tavla',
	description: 'En tom tavla med en frågefigur att börja med.',
	timerPresets: [
		{ label: '5 minuter', minutes: 5 },
		{ label: '15 minuter', minutes: 15 },
		{ label: '30 minuter', minutes: 30 }
	],
	runSheet: [{ label: 'Arbeta', minutes: 15 }],
	board: {
		title: 'Gruppens tavla',
		instructions: '',
		figures: [{ kind: 'question', title: 'Vad vill ni diskutera?', x: 0, y: 0, w: 800, h: 560, color: 'sand' }]
	}
};
