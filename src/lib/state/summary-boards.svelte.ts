/**
 * SummaryBoards: every group's board, live, compiled into the summary ("Sammanställning") for
 * the facilitator's editor, so notes appear there while the groups write. The boards are opened
 * the way the control room's miniatures open them: read-only, invisible (the facilitator is not
 * listed as a person on the boards) and re-read at most twice a second.
 */
import { compileSummary, type CompiledQuestion, type Group } from '$board';
import { BoardState } from './board.svelte';

export class SummaryBoards {
	readonly #boards: Map<string, BoardState>;

	/** One connection per group id; a page makes a new SummaryBoards if the groups change. */
	constructor(code: string, token: string, groupIds: readonly string[]) {
		const watcher = { id: 'summary', name: '', organisation: '' };
		this.#boards = new Map(
			groupIds.map((id) => [id, new BoardState(code, id, token, watcher, { readOnly: true, invisible: true, refreshMs: 500 })])
		);
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
