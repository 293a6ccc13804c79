/**
 * Keys typed between opening a note for writing and its text field being there. The field loads
 * on demand (NoteTextField), so on a slow link a quick typist's first keys would reach the "+ Lapp"
 * button instead: each space would add another empty note, and the letters would be lost. From
 * `start` until `take` (the field is bound, BoardUi.editNote) they are held here instead, and then
 * typed into the field, at its end. A key that moves on (Tab, an arrow) ends the holding and does
 * its own work.
 */
export interface TypedAhead {
	text: string;
	/** Escape was pressed: leave the note once the text is in. */
	escape: boolean;
}

export class TypeAhead {
	#held: TypedAhead = { text: '', escape: false };
	#stop: (() => void) | null = null;

	start(target: EventTarget): void {
		this.stop();
		const onKey = (e: Event) => {
			const key = e as KeyboardEvent;
			if (key.ctrlKey || key.metaKey || key.altKey || key.isComposing) return;
			if (key.key === 'Escape') this.#held.escape = true;
			else if (key.key === 'Backspace') this.#held.text = this.#held.text.slice(0, -1);
			else if (key.key === 'Enter') this.#held.text += '\n';
			else if (key.key.length === 1) this.#held.text += key.key;
			// The field opens with the caret at the end, where the held text goes: End is kept, and changes nothing.
			else if (key.key !== 'End') return this.stop();
			key.preventDefault();
			key.stopImmediatePropagation();
		};
		target.addEventListener('keydown', onKey, { capture: true });
		this.#stop = () => target.removeEventListener('keydown', onKey, { capture: true });
	}

	/** What was held, once; holding stops. */
	take(): TypedAhead {
		const held = this.#held;
		this.stop();
		return held;
	}

	stop(): void {
		this.#stop?.();
		this.#stop = null;
		this.#held = { text: '', escape: false };
	}
}

/** The key event that leaves a note's text field, for Escape typed ahead (BoardUi.editNote). */
export function escapeKeydown(): KeyboardEvent {
	return new KeyboardEvent('keydown', { key: 'Escape', bubbles: true });
}
