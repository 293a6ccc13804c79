import type { BoardSeed } from '../board';

/** A workshop template: what every group's board starts with. */
export interface Template {
	id: string;
	/** Shown in the template picker (Swedish). */
	name: string;
	description: string;
	board: BoardSeed;
}
