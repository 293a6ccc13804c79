/**
 * GroupBoards: every group's board, live, for the facilitator's pages: the control room's
 * miniatures and figure choices, and the summary ("Sammanställning") editor, which compiles the
 * notes while the groups write. The boards are opened read-only, invisible (the facilitator is
 * not listed as a person on them) and re-read at most twice a second: one connection per board,
 * shared by everything on the page.
 */
import { compileSummary, titlesAcrossBoards, type CompiledQuestion, type Group } from '$board';
import { BoardState } from './board.svelte';

export class GroupBoards {
	readonly #boards: Map<string, BoardState>;

	/** One connection per group id, in this order; a page makes a new GroupBoards if the groups change. */
	constructor(code: string, token: string, groupIds: readonly string[]) {
		const watcher = { id: 'watcher', name: '', organisation: '' };
		this.#boards = new Map(
			groupIds.map((id) => [id, new BoardState(code, id, token, watcher, { readOnly: true, invisible: true, refreshMs: 500 })])
		);
	}

	/** The live board of one group, or undefined for a group this was not opened with. */
	board(groupId: string): BoardState | undefined {
		return this.#boards.get(groupId);
	}

	/**
	 * True once every board has synced or been refused: before that the summary would be missing
	 * notes without saying so (a refusal is reported through `refused`).
	 */
	get ready(): boolean {
		return [...this.#boards.values()].every((b) => b.synced || b.status === 'refused');
	}

	/** Boards the server refused (a token for another workshop, say): their notes are missing. */
	get refused(): number {
		return [...this.#boards.values()].filter((b) => b.status === 'refused').length;
	}

	/**
	 * The figure titles on the boards (see titlesAcrossBoards), or null until every board has
	 * synced: a half-read set would offer too few figures. Reactive.
	 */
	get figureTitles(): string[] | null {
		if (!this.ready) return null;
		return titlesAcrossBoards([...this.#boards.values()].map((b) => b.figures));
	}

	/** The summary as compileSummary makes it, with the groups' current names; reactive. */
	compile(groups: readonly Group[]): CompiledQuestion[] {
		const snapshots = [];
		for (const group of groups) {
			const board = this.#boards.get(group.id);
			if (board) snapshots.push({ groupName: group.name, figures: board.figures, notes: board.notes });
		}
		return compileSummary(snapshots);
	}

	destroy(): void {
		for (const board of this.#boards.values()) board.destroy();
	}
}
