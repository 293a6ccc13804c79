/**
 * The workshop's chat: one stream for everyone, kept in the workshop document as a Y.Array of
 * plain objects (a message never changes once sent). Only the server appends, after checking the
 * sender's token, so a name on a message is always the sender's own.
 */
import type * as Y from 'yjs';

export const CHAT_TEXT_MAX = 1000;
/** Older messages are dropped from the document beyond this; a half-day meeting stays far below. */
export const CHAT_KEEP = 2000;

export interface ChatMessage {
	id: string;
	authorId: string;
	name: string;
	organisation: string;
	/** The facilitator's messages are prompts ("Har du frågor till Ellen – skriv i chatten!"). */
	role: 'facilitator' | 'participant';
	text: string;
	at: number;
}

function chat(doc: Y.Doc): Y.Array<ChatMessage> {
	return doc.getArray('chat') as Y.Array<ChatMessage>;
}

export function appendChat(doc: Y.Doc, message: ChatMessage, origin?: unknown): void {
	doc.transact(() => {
		const list = chat(doc);
		list.push([{ ...message, text: message.text.slice(0, CHAT_TEXT_MAX) }]);
		if (list.length > CHAT_KEEP) list.delete(0, list.length - CHAT_KEEP);
	}, origin);
}

export function readChat(doc: Y.Doc): ChatMessage[] {
	return chat(doc)
		.toArray()
		.filter((m): m is ChatMessage => typeof m === 'object' && m !== null && typeof m.text === 'string');
}

/** Splits text into plain parts and http(s) links, so that links can be clicked and nothing else is HTML. */
export function linkify(text: string): { text: string; href?: string }[] {
	const parts: { text: string; href?: string }[] = [];
	const pattern = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;
	let last = 0;
	for (const match of text.matchAll(pattern)) {
		if (match.index > last) parts.push({ text: text.slice(last, match.index) });
		parts.push({ text: match[0], href: match[0] });
		last = match.index + match[0].length;
	}
	if (last < text.length) parts.push({ text: text.slice(last) });
	return parts;
}
