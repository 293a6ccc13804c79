/**
 * The facilitator's broadcast: one message shown on every board until it is cleared.
 * `broadcast` map: { text, sentAt (server ms) }.
 */
import type * as Y from 'yjs';

export const BROADCAST_MAX = 280;

export interface Broadcast {
	text: string;
	sentAt: number;
}

export function setBroadcast(doc: Y.Doc, text: string, serverNow: number, origin?: unknown): void {
	const map = doc.getMap('broadcast');
	doc.transact(() => {
		map.set('text', text.trim().slice(0, BROADCAST_MAX));
		map.set('sentAt', serverNow);
	}, origin);
}

export function clearBroadcast(doc: Y.Doc, origin?: unknown): void {
	const map = doc.getMap('broadcast');
	if (map.size) doc.transact(() => map.clear(), origin);
}

export function readBroadcast(doc: Y.Doc): Broadcast | null {
	const map = doc.getMap('broadcast');
	const text = map.get('text');
	return typeof text === 'string' && text ? { text, sentAt: Number(map.get('sentAt') ?? 0) } : null;
}
