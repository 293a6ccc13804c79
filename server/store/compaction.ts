/**
 * What a compaction stores as a room's new snapshot (the DocStore.compact contract): the caller's
 * state, the snapshot it replaces and every log row it deletes, merged. So an update the caller
 * never saw (appended by another instance, or folded by another instance's compaction into the
 * snapshot) is kept, whatever the caller's state holds.
 *
 * Y.mergeUpdates rather than a doc built from them: the same bytes, in half the time, without
 * integrating a whole doc inside the store's transaction. The caller's state goes first because
 * where two inputs hold the same struct the first one wins, and the state, encoded from a live
 * doc, has its deleted content garbage-collected: with the old snapshot first, repeated
 * compactions kept deleted content and grew by about 1 % each (measured on a 200 KB board).
 */
import * as Y from 'yjs';

export function compactedState(state: Uint8Array, snapshot: Uint8Array | null, log: readonly Uint8Array[]): Uint8Array {
	if (snapshot === null && log.length === 0) return state;
	return Y.mergeUpdates([state, ...(snapshot ? [snapshot] : []), ...log]);
}
