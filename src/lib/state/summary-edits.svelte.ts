/**
 * SummaryEditsState: the facilitator's edits to the compiled summary (summary-edits.ts) as a
 * runes snapshot, over its own connection to the facilitator room (`<code>/facilitator`). The
 * edits quote group notes, so they live where no participant can read them (server/sync/access.ts
 * refuses every participant with 4403); two facilitator tabs edit the same doc and converge.
 */
import {
	acceptTheme,
	allPairs,
	facilitatorRoom,
	keepApart,
	mergeSummaryItem,
	moveSummaryItem,
	readApartPairs,
	readSummaryEdits,
	separateSummaryItem,
	setSummaryDropped,
	setSummaryText,
	type SummaryEdits
} from '$board';
import { connectRoom, type ConnectionStatus, type RoomConnection } from '$lib/sync/room-connection';

/** Names this tab's own edits, for anyone observing origins. */
const LOCAL_ORIGIN = Object.freeze({ kind: 'summary-local-edit' });

export class SummaryEditsState {
	#edits = $state.raw<SummaryEdits>(new Map());
	#apart = $state.raw<ReadonlySet<string>>(new Set());
	#status = $state<ConnectionStatus>('connecting');
	#synced = $state(false);
	#refusal = $state<number | null>(null);
	readonly #conn: RoomConnection;

	constructor(code: string, token: string) {
		this.#conn = connectRoom(facilitatorRoom(code), token, (c) => {
			this.#status = c.status;
			this.#refusal = c.refusal;
			if (c.synced && !this.#synced) {
				this.#synced = true;
				this.#read();
			}
		});
		this.#conn.doc.getMap('summary').observe(this.#read);
	}

	/** The edits for applySummaryEdits; empty until the first sync. */
	get edits(): SummaryEdits {
		return this.#edits;
	}

	/** Pairs of items kept out of one suggested theme (theme-choices.ts). */
	get apart(): ReadonlySet<string> {
		return this.#apart;
	}

	/** Edits are taken only after the first sync: before it, an item would be ranked against a partial order. */
	get synced(): boolean {
		return this.#synced;
	}

	get status(): ConnectionStatus {
		return this.#status;
	}

	/** The close code when the server refused us for good (4401 bad token, 4403, 4404). */
	get refusal(): number | null {
		return this.#refusal;
	}

	/** The facilitator's wording for an item; the notes' own text (or none) undoes it. */
	setText(key: string, text: string, original: string): void {
		if (this.#synced) setSummaryText(this.#conn.doc, key, text, original, LOCAL_ORIGIN);
	}

	setDropped(key: string, dropped: boolean): void {
		if (this.#synced) setSummaryDropped(this.#conn.doc, key, dropped, LOCAL_ORIGIN);
	}

	merge(key: string, intoKey: string): void {
		if (this.#synced) mergeSummaryItem(this.#conn.doc, key, intoKey, LOCAL_ORIGIN);
	}

	separate(key: string): void {
		if (this.#synced) separateSummaryItem(this.#conn.doc, key, LOCAL_ORIGIN);
	}

	/** Moves an item to `toIndex` in `order`, its question's items as shown. */
	move(order: readonly string[], key: string, toIndex: number): void {
		if (this.#synced) moveSummaryItem(this.#conn.doc, order, key, toIndex, LOCAL_ORIGIN);
	}

	/** Accepts a suggested theme: `members` merge into `key`, which is titled `title`. */
	acceptTheme(key: string, members: readonly string[], title: string): void {
		if (this.#synced) acceptTheme(this.#conn.doc, key, members, title, LOCAL_ORIGIN);
	}

	/** Rejects a suggested theme: its members are never suggested together again. */
	rejectTheme(members: readonly string[]): void {
		if (this.#synced) keepApart(this.#conn.doc, allPairs(members), LOCAL_ORIGIN);
	}

	/** Moves `key` out of a suggested theme: it is kept apart from each of `others`. */
	moveOutOfTheme(key: string, others: readonly string[]): void {
		if (this.#synced) keepApart(this.#conn.doc, others.map((other): [string, string] => [key, other]), LOCAL_ORIGIN);
	}

	destroy(): void {
		this.#conn.doc.getMap('summary').unobserve(this.#read);
		this.#conn.destroy();
	}

	#read = (): void => {
		if (!this.#synced) return;
		this.#edits = readSummaryEdits(this.#conn.doc);
		this.#apart = readApartPairs(this.#conn.doc);
	};
}
