/**
 * The sync wire format: the y-websocket protocol, byte for byte, so that stock y-websocket 3.x
 * clients work unmodified. Every websocket message is one binary frame:
 *
 *   message      = varUint(messageType) payload
 *   sync (0)     = varUint(syncType) varUint8Array(data)
 *                    syncType 0 step 1: data = state vector    (client → server, server → client)
 *                    syncType 1 step 2: data = update          (the reply to a step 1)
 *                    syncType 2 update: data = update          (incremental change)
 *   awareness (1)= varUint8Array(awareness update)             (y-protocols/awareness encoding:
 *                    varUint(n) n × [varUint(clientID) varUint(clock) varString(JSON state)])
 *   auth (2)     = server → client only; never accepted from a client
 *   query (3)    = empty: "send me every awareness state"
 *
 * Limits: a frame must decode completely with no trailing bytes; anything else throws a
 * ProtocolError and the connection closes that one socket. Frame size is bounded before decoding
 * (SyncLimits.maxPayloadBytes); the awareness client ids a connection owns, and the size of each
 * awareness state, are bounded by the room (presence.ts).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export type Message =
	| { kind: 'sync-step1'; stateVector: Uint8Array }
	| { kind: 'sync-step2'; update: Uint8Array }
	| { kind: 'sync-update'; update: Uint8Array }
	| { kind: 'awareness'; update: Uint8Array }
	| { kind: 'query-awareness' };

export type MessageKind = Message['kind'];

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	/** null announces that the client left. */
	state: unknown;
}

/**
 * An entry as read from a client, its state still the UTF-8 JSON it came as: most entries a stock
 * client sends are relays of others' states that the room drops (presence.ts), and are never parsed.
 */
export interface DecodedAwarenessEntry {
	clientId: number;
	clock: number;
	json: Uint8Array;
}

/** Thrown for any frame that is not our wire format; `step` names where decoding stopped. */
export class ProtocolError extends Error {
	constructor(
		message: string,
		readonly step: string
	) {
		super(message);
		this.name = 'ProtocolError';
	}
}

// ── encoders ────────────────────────────────────────────────────────────────────────────────

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

const syncFrame = (syncType: number, data: Uint8Array) =>
	frame((e) => {
		encoding.writeVarUint(e, MESSAGE_SYNC);
		encoding.writeVarUint(e, syncType);
		encoding.writeVarUint8Array(e, data);
	});

export const encodeSyncStep1 = (stateVector: Uint8Array) => syncFrame(SYNC_STEP1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => syncFrame(SYNC_STEP2, update);
export const encodeSyncUpdate = (update: Uint8Array) => syncFrame(SYNC_UPDATE, update);

export const encodeAwareness = (update: Uint8Array) =>
	frame((e) => {
		encoding.writeVarUint(e, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(e, update);
	});

export const encodeQueryAwareness = () => frame((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS));

/** The inverse of decodeAwarenessEntries: the room re-encodes the entries it accepts, and tests speak raw with it. */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, entries.length);
		for (const entry of entries) {
			encoding.writeVarUint(e, entry.clientId);
			encoding.writeVarUint(e, entry.clock);
			encoding.writeVarString(e, JSON.stringify(entry.state));
		}
	});
}

// ── decoders ────────────────────────────────────────────────────────────────────────────────

type Decoder = decoding.Decoder;

/** lib0 throws plain errors on truncated input; rethrow them with the step that failed. */
function read<T>(step: string, fn: () => T): T {
	try {
		return fn();
	} catch (err) {
		if (err instanceof ProtocolError) throw err;
		throw new ProtocolError(err instanceof Error ? err.message : String(err), step);
	}
}

const syncDecoders: Record<number, (d: Decoder) => Message> = {
	[SYNC_STEP1]: (d) => ({ kind: 'sync-step1', stateVector: read('sync-step1', () => decoding.readVarUint8Array(d)) }),
	[SYNC_STEP2]: (d) => ({ kind: 'sync-step2', update: read('sync-step2', () => decoding.readVarUint8Array(d)) }),
	[SYNC_UPDATE]: (d) => ({ kind: 'sync-update', update: read('sync-update', () => decoding.readVarUint8Array(d)) })
};

const messageDecoders: Record<number, (d: Decoder) => Message> = {
	[MESSAGE_SYNC]: (d) => {
		const syncType = read('sync-type', () => decoding.readVarUint(d));
		const decode = syncDecoders[syncType];
		if (!decode) throw new ProtocolError(`unknown sync message type ${syncType}`, 'sync-type');
		return decode(d);
	},
	[MESSAGE_AWARENESS]: (d) => ({ kind: 'awareness', update: read('awareness', () => decoding.readVarUint8Array(d)) }),
	[MESSAGE_QUERY_AWARENESS]: () => ({ kind: 'query-awareness' })
	// MESSAGE_AUTH is deliberately absent: only the server sends it.
};

/** Decodes one frame from a client. Throws ProtocolError for anything malformed or unknown. */
export function decodeMessage(data: Uint8Array): Message {
	const decoder = decoding.createDecoder(data);
	const type = read('message-type', () => decoding.readVarUint(decoder));
	const decode = messageDecoders[type];
	if (!decode) throw new ProtocolError(`unknown message type ${type}`, 'message-type');
	const message = decode(decoder);
	if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message', 'message-end');
	return message;
}

/**
 * Decodes the framing of an awareness update completely before anything is applied: the stock
 * applyAwarenessUpdate would apply the entries before a malformed one and then throw halfway. The
 * states are parsed with parseAwarenessState, all of them before any is applied (presence.ts).
 */
export function decodeAwarenessEntries(update: Uint8Array): DecodedAwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	return read('awareness-entries', () => {
		const count = decoding.readVarUint(decoder);
		const entries: DecodedAwarenessEntry[] = [];
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			entries.push({ clientId, clock, json: decoding.readVarUint8Array(decoder) });
		}
		if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after awareness entries', 'awareness-entries');
		return entries;
	});
}

/** Fatal: bytes that are not UTF-8 are refused, as lib0's own string reader refuses them. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** An entry's state; throws ProtocolError for anything that is not UTF-8 JSON. */
export function parseAwarenessState(json: Uint8Array): unknown {
	return read('awareness-entries', () => JSON.parse(utf8.decode(json)) as unknown);
}
