/**
 * What a screen reader hears about OTHER people's work on a board (issue 9 §6), as plain
 * TypeScript: the wording (from the messages, in the person's language) and the batching. The runes side (announcer.svelte.ts)
 * watches the docs and feeds this; nothing here knows Yjs or Svelte, so it is unit-tested alone.
 *
 * Batching: the first change opens a window of BATCH_MS; everything that arrives in it becomes
 * one announcement when it closes. A group writing fast would otherwise talk over the reader
 * note by note. Within a window only the net effect per note counts: a note added and then moved
 * is "new" where it ended, one added and deleted again is not mentioned, a drag is one move.
 * Moves are told only when a note changes place (figure, or cell of a grid or columns figure):
 * a nudge inside the same place means nothing to someone who reads the board as a list. A note
 * the person moves or deletes themselves within the window is dropped from it: "moved to X" about
 * a note they have just put in Y would be stale.
 */

import { m } from '../paraglide/messages';

/** How long changes are collected before they are told: long enough to group a burst of notes. */
export const BATCH_MS = 2000;

/** Where a note is, by names a person reads: figure title (null: outside every figure), cell headings. */
export interface Place {
	figure: string | null;
	row?: string | null;
	column?: string | null;
}

/**
 * "i ”Årshjul”, rad ”Kunskap”, kolumn ”Syfte”"; "utanför figurerna" for a loose note. `to` is
 * the place a note went: "till ”Årshjul”" reads right after "flyttad"; "utanför" stays.
 */
export function placeName(place: Place, to = false): string {
	if (place.figure === null) return m.place_outside();
	const figure = place.figure || m.place_untitled_figure();
	const parts = [to ? m.place_to_figure({ figure }) : m.place_in_figure({ figure })];
	if (place.row) parts.push(m.place_row({ row: place.row }));
	if (place.column) parts.push(m.place_column({ column: place.column }));
	return parts.join(', ');
}

export function samePlace(a: Place, b: Place): boolean {
	return a.figure === b.figure && (a.row ?? null) === (b.row ?? null) && (a.column ?? null) === (b.column ?? null);
}

interface NoteChange {
	/** Added within this window (so its "before" is nothing). */
	added: boolean;
	/** Where it was when the window opened; meaningless when `added`. */
	from: Place;
	/** Where it is now; null when deleted. */
	to: Place | null;
}

/** Groups items by the place they are told with, keeping first-seen order. */
function byPlace(places: Place[]): [place: Place, count: number][] {
	const counts = new Map<string, [Place, number]>();
	for (const p of places) {
		const name = placeName(p);
		counts.set(name, [counts.get(name)?.[0] ?? p, (counts.get(name)?.[1] ?? 0) + 1]);
	}
	return [...counts.values()];
}

/** One window's worth of changes, told as sentences. */
export class ChangeBatch {
	readonly #notes = new Map<string, NoteChange>();
	readonly #messages: string[] = [];

	get empty(): boolean {
		return this.#notes.size === 0 && this.#messages.length === 0;
	}

	noteAdded(id: string, at: Place): void {
		this.#notes.set(id, { added: true, from: at, to: at });
	}

	noteMoved(id: string, from: Place, to: Place): void {
		const known = this.#notes.get(id);
		if (known) known.to = to;
		else this.#notes.set(id, { added: false, from, to });
	}

	noteDeleted(id: string, from: Place): void {
		const known = this.#notes.get(id);
		if (known?.added) this.#notes.delete(id);
		else if (known) known.to = null;
		else this.#notes.set(id, { added: false, from, to: null });
	}

	/**
	 * The person moved or deleted the note themselves: they heard where it went (BoardUi says so),
	 * so what others did to it earlier in the window is stale and is not told.
	 */
	noteHandledHere(id: string): void {
		this.#notes.delete(id);
	}

	/** A sentence of its own (a lock, a vote, a chat message), told after the notes, in order. */
	message(text: string): void {
		this.#messages.push(text);
	}

	/** The announcement, or '' when nothing in the window is worth telling. */
	text(): string {
		const added: Place[] = [];
		const moved: Place[] = [];
		const deleted: Place[] = [];
		for (const c of this.#notes.values()) {
			if (c.to === null) deleted.push(c.from);
			else if (c.added) added.push(c.to);
			else if (!samePlace(c.from, c.to)) moved.push(c.to);
		}
		const sentences = [
			// Each language makes the count, the adjective and the noun agree (messages/).
			...byPlace(added).map(([place, count]) => m.said_notes_added({ count, where: placeName(place) })),
			...byPlace(moved).map(([place, count]) => m.said_notes_moved({ count, where: placeName(place, true) })),
			...byPlace(deleted).map(([place, count]) => m.said_notes_deleted({ count, where: placeName(place) })),
			...this.#messages
		];
		return sentences.join(' ');
	}
}

/**
 * Collects changes and hands the text of each window to `say`. The timer functions are
 * parameters so that tests drive time themselves.
 */
export interface Timers {
	set(fn: () => void, ms: number): unknown;
	clear(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
	set: (fn, ms) => setTimeout(fn, ms),
	clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export class AnnouncementBatcher {
	#batch = new ChangeBatch();
	#timer: unknown = null;
	readonly #say: (text: string) => void;
	readonly #delayMs: number;
	readonly #timers: Timers;

	constructor(say: (text: string) => void, delayMs = BATCH_MS, timers: Timers = REAL_TIMERS) {
		this.#say = say;
		this.#delayMs = delayMs;
		this.#timers = timers;
	}

	/** Records a change into the open window, opening one if none is. */
	add(record: (batch: ChangeBatch) => void): void {
		record(this.#batch);
		if (!this.#batch.empty) this.#timer ??= this.#timers.set(this.flush, this.#delayMs);
	}

	flush = (): void => {
		if (this.#timer !== null) this.#timers.clear(this.#timer);
		this.#timer = null;
		const text = this.#batch.text();
		this.#batch = new ChangeBatch();
		if (text) this.#say(text);
	};

	destroy(): void {
		if (this.#timer !== null) this.#timers.clear(this.#timer);
		this.#timer = null;
	}
}

// ---- facilitation sentences -----------------------------------------------------------------

export function boardUnlockedText(): string {
	return m.said_board_unlocked();
}

export function figuresUnlockedText(titles: string[]): string {
	return m.said_figures_unlocked({ titles: titles.map((title) => m.said_quoted({ title })).join(', ') });
}

/** `onBoard`: the vote's labels and figure titles on this person's board ("2 favoriter" in "X"). */
export function voteOpenedText(onBoard: { label: string; title: string }[]): string {
	if (!onBoard.length) return m.said_vote_opened_elsewhere();
	return m.said_vote_opened({ what: onBoard.map((f) => m.said_vote_in_figure(f)).join(', ') });
}

export function voteClosedText(): string {
	return m.said_vote_closed();
}

export function revealedText(): string {
	return m.said_revealed();
}

/** Long chat messages are cut for the ear; the whole text is in the chat. */
export const CHAT_SPOKEN_MAX = 200;

export function chatText(name: string, text: string): string {
	const spoken = text.length > CHAT_SPOKEN_MAX ? m.said_chat_cut({ start: text.slice(0, CHAT_SPOKEN_MAX) }) : text;
	return m.said_chat({ name: name || m.said_chat_someone(), text: spoken });
}
