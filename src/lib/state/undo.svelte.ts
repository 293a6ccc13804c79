/**
 * UndoState: undo and redo of this client's own edits only. The UndoManager tracks nothing but
 * the board's local origin, so pressing "Ångra" never takes back what someone else wrote.
 */
import * as Y from 'yjs';
import type { BoardState } from './board.svelte';

export class UndoState {
	canUndo = $state(false);
	canRedo = $state(false);
	readonly #manager: Y.UndoManager;

	constructor(board: BoardState) {
		const { maps } = board.internals;
		this.#manager = new Y.UndoManager([maps.figures, maps.notes], {
			trackedOrigins: new Set([board.origin]),
			// Typing a sentence is one step, not one step per letter.
			captureTimeout: 600
		});
		for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
			this.#manager.on(event, this.#update);
		}
	}

	undo(): void {
		this.#manager.undo();
	}

	redo(): void {
		this.#manager.redo();
	}

	/** Starts a new undo step, e.g. when a person leaves a note they were typing in. */
	stopCapturing(): void {
		this.#manager.stopCapturing();
	}

	/**
	 * Forgets all steps. Used when a lock lands: undoing an edit inside a locked figure would write
	 * where the server no longer accepts it, and the dropped write would leave this screen wrong.
	 */
	clear(): void {
		this.#manager.clear();
	}

	destroy(): void {
		this.#manager.destroy();
	}

	#update = (): void => {
		this.canUndo = this.#manager.undoStack.length > 0;
		this.canRedo = this.#manager.redoStack.length > 0;
	};
}
