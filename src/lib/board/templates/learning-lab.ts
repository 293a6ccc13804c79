/**
 * "Learning lab: Sustainable development": Lärlabb (larlabb.ts, seed 002) in English, translated
 * faithfully, so that a workshop in English can run the same exercise. The same figures in the
 * same places, the same phases, timers and individual time; only the words differ.
 */
import { WHOLE_BOARD } from '../individual';
import type { BuiltInTemplate } from './template';

const instructions = `Learning lab Sustainable development consists of two workshops where regions and government agencies with a remit in regional development get the chance to meet and get to know each other. The dialogue starts from the *National strategy for sustainable regional development*.

**Here is how:**

1. Introduce yourselves.
2. Choose a group leader who keeps time, makes sure everyone gets a say and is ready to share your conversation with us.
3. Think on your own first, then discuss in the group:
   - **What do you expect from the Learning lab?**
   - **What would you like to know about the agencies?**
   - **What would you like the agencies to know about the regions?**

After 30 minutes, continue by:

4. Finishing with a summary of your discussion in the figure *Things to consider before the Learning lab*.

If you have time, there is also a bonus question: collect good examples of collaboration between agencies and regions.

Write on post-its in the figures.

**You have 40 minutes in all.**`;

export const learningLab: BuiltInTemplate = {
	id: 'learning-lab',
	language: 'en',
	translationOf: 'larlabb',
	name: 'Learning lab: Sustainable development',
	description: 'Three questions, a summary and a bonus question – 40 minutes in groups.',
	timerPresets: [
		{ label: 'The whole exercise', minutes: 40 },
		{ label: 'Discuss', minutes: 30 },
		{ label: 'Summarise', minutes: 10 }
	],
	// As larlabb.ts: think alone, discuss, then summarise; the boards lock when the summary ends.
	runSheet: [
		{ label: 'On your own', minutes: 5, individual: { scope: WHOLE_BOARD, anonymous: false }, revealAtEnd: true },
		{ label: 'Discuss', minutes: 25 },
		{ label: 'Summarise', minutes: 10, lockAtEnd: true }
	],
	board: {
		title: 'Learning lab: Sustainable development',
		instructions,
		figures: [
			{ kind: 'question', title: 'What do you expect from the Learning lab?', x: 0, y: 0, w: 640, h: 560, color: 'sand' },
			{ kind: 'question', title: 'What would you like to know about the agencies?', x: 680, y: 0, w: 640, h: 560, color: 'sky' },
			{ kind: 'question', title: 'What would you like the agencies to know about the regions?', x: 1360, y: 0, w: 640, h: 560, color: 'mint' },
			{ kind: 'summary', title: 'Things to consider before the Learning lab', x: 0, y: 620, w: 1000, h: 440, color: 'rose' },
			{ kind: 'question', title: 'Good examples of collaboration between agencies and regions', x: 1040, y: 620, w: 960, h: 440, color: 'lilac' }
		]
	}
};
