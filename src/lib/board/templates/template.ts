import type { BoardSeed } from '../board';
import type { Phase } from '../runsheet';
import type { VoteFigure } from '../vote';

/** A workshop template: what every group's board starts with. */
export interface Template {
	id: string;
	/** Shown in the template picker (Swedish). */
	name: string;
	description: string;
	board: BoardSeed;
	/** Timer presets the facilitator can start with one click. */
	timerPresets: TimerPreset[];
	/** The phases the facilitator runs through, copied into the workshop doc at creation (runsheet.ts). */
	runSheet: Phase[];
	/**
	 * The vote the exercise asks for ("tre framgångsfaktorer och tre fallgropar"): the control room's
	 * vote form starts with these figures chosen, with their labels and quotas. Titles name figures
	 * of `board`.
	 */
	votes?: VoteFigure[];
}

export interface TimerPreset {
	label: string;
	minutes: number;
}
