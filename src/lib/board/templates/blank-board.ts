/** "Blank board": the blank template (blank.ts, "Tom tavla") in English. */
import type { BuiltInTemplate } from './template';

export const blankBoard: BuiltInTemplate = {
	id: 'blank-board',
	language: 'en',
	translationOf: 'blank',
	name: 'Blank board',
	description: 'A blank board with one question figure to start from.',
	timerPresets: [
		{ label: '5 minutes', minutes: 5 },
		{ label: '15 minutes', minutes: 15 },
		{ label: '30 minutes', minutes: 30 }
	],
	runSheet: [{ label: 'Work', minutes: 15 }],
	board: {
		title: 'The group’s board',
		instructions: '',
		figures: [{ kind: 'question', title: 'What would you like to discuss?', x: 0, y: 0, w: 800, h: 560, color: 'sand' }]
	}
};
