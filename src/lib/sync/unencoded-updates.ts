/**
 * Yjs encodes each transaction once more for a doc's 'update' listeners, before it calls them.
 * Some transactions need no such copy: in the browser, the server's sync answers, which the
 * provider never sends back and the offline copy can store whole later (room-connection.ts). On a
 * board of 1,000 notes that encoding was a tenth of the first render.
 *
 * `leaveOutOfUpdates` takes the given listeners off the doc after such a transaction (Yjs emits
 * 'afterTransactionCleanup' just before it encodes) and puts them back as the next transaction
 * begins, so that no other transaction is ever missed. A transaction that wrote nothing (a sync
 * answer with nothing new, after a reconnect) is none of its business: Yjs emits no update for it.
 */
import type * as Y from 'yjs';

export type UpdateListener = (update: Uint8Array, origin: unknown) => void;

export function leaveOutOfUpdates(
	doc: Y.Doc,
	/** Whether this transaction needs no update for the listeners. */
	unneeded: (transaction: Y.Transaction) => boolean,
	/** The listeners to leave out, asked each time: one may have been added since. */
	listeners: () => UpdateListener[],
	/** Told after each transaction that was left out. */
	onLeftOut: () => void
): void {
	const listenAgain = () => {
		for (const listener of listeners()) doc.on('update', listener);
	};
	doc.on('afterTransactionCleanup', (transaction: Y.Transaction) => {
		if (!wroteSomething(transaction) || !unneeded(transaction)) return;
		for (const listener of listeners()) doc.off('update', listener);
		doc.once('beforeTransaction', listenAgain);
		onLeftOut();
	});
}

/** As Yjs decides whether a transaction has an update to emit: new structs or deletions. */
function wroteSomething(transaction: Y.Transaction): boolean {
	if (transaction.deleteSet.clients.size > 0) return true;
	for (const [client, clock] of transaction.afterState) {
		if ((transaction.beforeState.get(client) ?? 0) !== clock) return true;
	}
	return false;
}
