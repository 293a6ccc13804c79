/**
 * What the fan-out (fanout.ts) writes into Redis and reads back:
 *   - a room's stream entry: `o <instance id>` and either `u <Yjs update>` (changes the store
 *     committed) or `r 1` (an instance could not publish for a while: reload the room from the store);
 *   - a presence message on the room's channel: varString(instance id) varUint8Array(awareness
 *     update); an empty update asks the other instances for their peers' presence (a room loaded).
 * Instances write all of it; a reader still drops what it cannot read rather than throw.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type StreamEntry = { origin: string; kind: 'update'; update: Uint8Array } | { origin: string; kind: 'reload' };

const ORIGIN_FIELD = 'o';
const UPDATE_FIELD = 'u';
const RELOAD_FIELD = 'r';

/** The field/value arguments of XADD for a committed update. */
export function updateFields(origin: string, update: Uint8Array): (string | Buffer)[] {
	return [ORIGIN_FIELD, origin, UPDATE_FIELD, Buffer.from(update.buffer, update.byteOffset, update.byteLength)];
}

/** The field/value arguments of XADD for a reload marker. */
export function reloadFields(origin: string): string[] {
	return [ORIGIN_FIELD, origin, RELOAD_FIELD, '1'];
}

/** One entry's fields as XREAD returns them (name, value, name, value …); null if it is not ours. */
export function readEntry(fields: readonly Buffer[]): StreamEntry | null {
	let origin: string | null = null;
	let update: Uint8Array | null = null;
	let reload = false;
	for (let i = 0; i + 1 < fields.length; i += 2) {
		const name = fields[i]!.toString();
		const value = fields[i + 1]!;
		if (name === ORIGIN_FIELD) origin = value.toString();
		else if (name === UPDATE_FIELD) update = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
		else if (name === RELOAD_FIELD) reload = true;
	}
	if (origin === null) return null;
	if (reload) return { origin, kind: 'reload' };
	return update ? { origin, kind: 'update', update } : null;
}

export function encodePresence(origin: string, update: Uint8Array): Buffer {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, origin);
	encoding.writeVarUint8Array(encoder, update);
	return Buffer.from(encoding.toUint8Array(encoder));
}

export function decodePresence(message: Uint8Array): { origin: string; update: Uint8Array } | null {
	try {
		const decoder = decoding.createDecoder(message);
		const origin = decoding.readVarString(decoder);
		const update = decoding.readVarUint8Array(decoder);
		return decoding.hasContent(decoder) ? null : { origin, update };
	} catch {
		return null;
	}
}

/** Orders two stream ids ("<ms>-<seq>"): negative, zero or positive, as for sort. */
export function compareStreamIds(a: string, b: string): number {
	const [aMs, aSeq] = a.split('-').map(BigInt) as [bigint, bigint];
	const [bMs, bSeq] = b.split('-').map(BigInt) as [bigint, bigint];
	if (aMs !== bMs) return aMs < bMs ? -1 : 1;
	return aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}
