/**
 * ChatUnread: how many chat messages this person has not seen yet. "Seen" is the time of the last
 * message that was on screen while the chat was open, remembered per workshop in localStorage, so
 * a reload neither resets the count nor shows old messages as new. One's own messages never count.
 */
import type { ChatMessage } from '$board';

export class ChatUnread {
	#seenAt = $state(0);
	readonly #key: string;
	readonly #messages: () => ChatMessage[];
	readonly #meId: string;

	constructor(code: string, meId: string, messages: () => ChatMessage[]) {
		this.#key = `verkstad:${code}:chat-seen`;
		this.#meId = meId;
		this.#messages = messages;
		try {
			this.#seenAt = Number(localStorage.getItem(this.#key) ?? 0) || 0;
		} catch {
			// No storage: everything before this page load counts as unread, which is harmless.
		}
	}

	get count(): number {
		let n = 0;
		for (const m of this.#messages()) if (m.at > this.#seenAt && m.authorId !== this.#meId) n++;
		return n;
	}

	/** Call while the chat is on screen: everything in it now has been seen. */
	markSeen(): void {
		const last = this.#messages().at(-1);
		if (!last || last.at <= this.#seenAt) return;
		this.#seenAt = last.at;
		try {
			localStorage.setItem(this.#key, String(last.at));
		} catch {
			// Storage unavailable: the count resets on reload.
		}
	}
}
