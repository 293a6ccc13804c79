/**
 * SummaryEditsState: the facilitator's edits to the compiled summary (summary-edits.ts) as a
 * runes snapshot, over its own connection to the facilitator room (`<code>/facilitator`). The
 * edits quote group notes, so they live where no participant can read them (server/sync/access.ts
 * refuses every participant with 4403); two facilitator tabs edit the same doc and converge.
 */
import {
	facilitatorRoom,
	mergeSummaryItem,
	moveSummaryItem,
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

	destroy(): void {
		this.#conn.doc.getMap('summary').unobserve(this.#read);
		this.#conn.destroy();
	}

	#read = (): void => {
		if (this.#synced) this.#edits = readSummaryEdits(this.#conn.doc);
	};
}
