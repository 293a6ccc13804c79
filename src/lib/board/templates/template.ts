import type { BoardSeed } from '../board';

/** A workshop template: what every group's board starts with. */
export interface Template {
	id: string;
	/** Shown in the template picker (Swedish). */
	name: string;
	description: string;
	board: BoardSeed;
	/** Timer presets the facilitator can start with one click. */
	timerPresets: TimerPreset[];
}

export interface TimerPreset {
	label: string;
	minutes: number;
}
