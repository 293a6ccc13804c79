/**
 * Announcer: tells a screen-reader user what OTHERS do while they read a board (issue 9 §6),
 * through the board's one polite live region (BoardUi.announce). Fed by the existing states:
 *
 *   board doc (notes)      added, moved to another figure or cell, deleted: remote transactions
 *                          only (`transaction.local` is false), and never before the first sync,
 *                          whose whole board would otherwise be "news"
 *   workshop doc           unlocks of the board or a figure (BoardUi.locksChanged already tells
 *                          locks, next to what a lock does to typing and undo), a vote opened or
 *                          closed, drafts revealed ("Visa alla" ends the individual phase)
 *   chat                   messages of others, while the chat panel is closed
 *
 * The facilitator hears the notes and the chat only: the facilitation is their own doing.
 * The broadcast is not here: BroadcastBanner is a live region of its own and already reads it.
 * Wording and batching are in announcements.ts.
 */
import { untrack } from 'svelte';
import * as Y from 'yjs';
import { cellOf, hasCells, type ChatMessage, type Figure, type Vote } from '$board';
import {
	AnnouncementBatcher,
	boardUnlockedText,
	chatText,
	figuresUnlockedText,
	revealedText,
	voteClosedText,
	voteOpenedText,
	samePlace,
	type Place
} from './announcements';
import type { BoardUi } from './board-ui.svelte';

export class Announcer {
	readonly #ui: BoardUi;
	readonly #meId: string;
	readonly #batcher: AnnouncementBatcher;
	/** Where each note was after the last change seen, to tell where a moved or deleted note was. */
	readonly #places = new Map<string, Place>();
	readonly #notes: Y.Map<unknown>;

	constructor(ui: BoardUi, meId: string, chatOpen: () => boolean) {
		this.#ui = ui;
		this.#meId = meId;
		this.#batcher = new AnnouncementBatcher((text) => ui.announce(text));
		this.#notes = ui.board.internals.maps.notes as Y.Map<unknown>;
		this.#notes.forEach((map, id) => {
			if (map instanceof Y.Map) this.#places.set(id, this.#placeOf(map));
		});
		this.#notes.observeDeep(this.#onNotes);

		const workshop = ui.workshop;
		if (!workshop || ui.role === 'facilitator') {
			if (workshop) this.#watchChat(() => workshop.synced, () => workshop.chat, chatOpen);
			return;
		}
		this.#watchUnlocks();
		this.#watch(() => (workshop.synced ? workshop.vote : undefined), this.#voteChanged);
		this.#watch(() => (workshop.synced ? (workshop.individual?.active ?? false) : undefined), (was, now) => {
			if (was && !now) this.#tell(revealedText());
		});
		this.#watchChat(() => workshop.synced, () => workshop.chat, chatOpen);
	}

	destroy(): void {
		this.#notes.unobserveDeep(this.#onNotes);
		this.#batcher.destroy();
	}

	#tell(text: string): void {
		this.#batcher.add((batch) => batch.message(text));
	}

	/**
	 * Calls `changed(before, now)` whenever `read()` gives a new value, from the first defined
	 * value on: `undefined` means "not known yet" (before the workshop doc synced), and the first
	 * known value is the baseline, not news.
	 */
	#watch<T>(read: () => T | undefined, changed: (before: T, now: T) => void): void {
		let seen: { value: T } | null = null;
		$effect(() => {
			const now = read();
			if (now === undefined) return;
			const before = seen;
			seen = { value: now };
			if (before && before.value !== now) untrack(() => changed(before.value, now));
		});
	}

	#watchUnlocks(): void {
		const ui = this.#ui;
		this.#watch(() => ui.boardLocked, (was, now) => {
			if (was && !now) this.#tell(boardUnlockedText());
		});
		this.#watch(() => ui.lockedFigures, (was, now) => {
			const titles = [...was].filter((id) => !now.has(id)).map((id) => ui.board.figure(id)?.title ?? 'en figur');
			if (titles.length) this.#tell(figuresUnlockedText(titles));
		});
	}

	#voteChanged = (was: Vote | null, now: Vote | null): void => {
		const opened = now?.status === 'open' && (was?.id !== now.id || was.status !== 'open');
		if (opened) {
			const boardId = this.#ui.boardId;
			const onBoard = now.figures.flatMap((f) => {
				const id = f.figureIds?.[boardId];
				const figure = id ? this.#ui.board.figure(id) : this.#ui.board.figures.find((x) => x.title === f.title);
				return figure ? [{ label: f.label, title: figure.title }] : [];
			});
			this.#tell(voteOpenedText(onBoard));
		} else if (was?.status === 'open' && now?.id === was.id && now.status === 'closed') {
			this.#tell(voteClosedText());
		}
	};

	#watchChat(synced: () => boolean, messages: () => ChatMessage[], chatOpen: () => boolean): void {
		let seen: Set<string> | null = null;
		$effect(() => {
			if (!synced()) return;
			const list = messages();
			const open = chatOpen();
			const known = seen;
			seen = new Set(list.map((m) => m.id));
			if (!known || open) return;
			untrack(() => {
				for (const m of list) if (!known.has(m.id) && m.authorId !== this.#meId) this.#tell(chatText(m.name, m.text));
			});
		});
	}

	#placeOf(map: Y.Map<unknown>): Place {
		const figureId = map.get('figureId');
		const figure: Figure | undefined = typeof figureId === 'string' ? this.#ui.board.figure(figureId) : undefined;
		if (!figure) return { figure: null };
		if (!hasCells(figure)) return { figure: figure.title };
		const x = map.get('x');
		const y = map.get('y');
		if (typeof x !== 'number' || typeof y !== 'number') return { figure: figure.title };
		return { figure: figure.title, ...cellOf(figure, { x, y }) };
	}

	#onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
		const ids = new Set<string>();
		for (const event of events) {
			if (event.target === this.#notes) for (const key of event.changes.keys.keys()) ids.add(key);
			else if (typeof event.path[0] === 'string') ids.add(event.path[0]);
		}
		// Own edits, and the board as it first arrives, only update what we know.
		const tell = !transaction.local && this.#ui.board.synced;
		for (const id of ids) {
			const map = this.#notes.get(id);
			const before = this.#places.get(id);
			if (!(map instanceof Y.Map)) {
				this.#places.delete(id);
				if (transaction.local) this.#batcher.add((b) => b.noteHandledHere(id));
				else if (tell && before) this.#batcher.add((b) => b.noteDeleted(id, before));
				continue;
			}
			const now = this.#placeOf(map);
			this.#places.set(id, now);
			if (transaction.local && before && !samePlace(before, now)) this.#batcher.add((b) => b.noteHandledHere(id));
			if (!tell) continue;
			if (!before) {
				if (map.get('authorId') !== this.#meId) this.#batcher.add((b) => b.noteAdded(id, now));
			} else {
				this.#batcher.add((b) => b.noteMoved(id, before, now));
			}
		}
	};
}
