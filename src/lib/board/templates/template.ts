import type { BoardSeed } from '../board';
import type { Phase } from '../runsheet';
import type { VoteFigure } from '../vote';
import type { WorkshopLanguage } from '../workshop';

/** A workshop template: what every group's board starts with. */
export interface Template {
	id: string;
	/** Shown in the template picker, in the template's language. */
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

/**
 * A template that comes with Verkstad. Its content (names, instructions, figure titles, phases) is
 * written in one language and stays as written: the create form offers a workshop the templates
 * of its own language first. An own template (server/templates) has no language of its own.
 */
export interface BuiltInTemplate extends Template {
	language: WorkshopLanguage;
	/** A translation names the template it translates: the same figures, phases and votes in other words. */
	translationOf?: string;
}
