/**
 * One websocket in one room. It bounds what a single socket can cost the server and turns every
 * failure into the close of that one socket, never an exception that reaches the process:
 *   - size: a frame above maxPayloadBytes closes with 4413 (ws itself cuts frames above twice that
 *     with 1009, before buffering them; see rooms.ts), and so does an awareness state above
 *     maxAwarenessStateBytes (the room decides; presence.ts);
 *   - rate: a token bucket of `messagesPerSecond`, `burst` deep; an empty bucket closes with 1008;
 *   - waiting: frames that arrive while the room loads, or catches up from the store for this
 *     client (Room.catchUpFor), are queued, at most maxPendingMessages;
 *   - liveness: a ping every pingIntervalMs; a socket that has not answered the previous ping by
 *     the next one is terminated (half-open TCP connections otherwise hold a room open forever);
 *   - backpressure: a client that does not read what we send (more than twice maxDocBytes queued
 *     in the socket) is closed with 1008 instead of growing the server's memory without bound;
 *   - content: a frame that does not decode, an unknown message type or an update Yjs cannot read
 *     closes with 1007 and a log line carrying room, connection and step; an update that decodes
 *     but fails admission (admission.ts) closes with 4422, or with 1013 when it only lacks state
 *     the client's reconnect will bring.
 */
import type { RawData, WebSocket } from 'ws';
import type { Claims } from '../auth/tokens';
import type { Log } from '../log';
import type { SyncCounts, SyncMetrics } from '../metrics';
import type { AccessMode } from './access';
import {
	CLOSE_INVALID_MESSAGE,
	CLOSE_POLICY,
	CLOSE_SERVER_ERROR,
	CLOSE_STORE_UNAVAILABLE,
	CLOSE_TOO_LARGE,
	CLOSE_TRY_AGAIN,
	CLOSE_UPDATE_REFUSED
} from './close-codes';
import { decodeMessage, ProtocolError, type Message, type MessageKind } from './protocol';
import type { Peer, Room } from './room';

export interface ConnectionLimits {
	maxPayloadBytes: number;
	messagesPerSecond: number;
	burst: number;
	maxPendingMessages: number;
	pingIntervalMs: number;
	maxDocBytes: number;
}

type Handler<K extends MessageKind> = (c: Connection, m: Extract<Message, { kind: K }>) => void;

/** One handler per message kind; protocol.ts has already rejected every other kind. */
const handlers: { [K in MessageKind]: Handler<K> } = {
	'sync-step1': (c, m) => c.answerSyncStep1(m.stateVector),
	'sync-step2': (c, m) => c.applyUpdate(m.update, 'sync-step2'),
	'sync-update': (c, m) => c.applyUpdate(m.update, 'sync-update'),
	awareness: (c, m) => {
		const result = c.room.applyAwareness(c, m.update);
		if (result === 'too-many-clients') c.close(CLOSE_POLICY, 'too many awareness clients', 'awareness');
		// An honest client's presence is a name, a colour and a cursor: far below the bound. A stock
		// provider stops on 44xx, instead of re-sending the same state on every reconnect.
		if (result === 'state-too-large') c.close(CLOSE_TOO_LARGE, 'awareness state too large', 'awareness');
	},
	'query-awareness': (c) => {
		const frame = c.room.awarenessFrame();
		if (frame) c.send(frame);
	}
};

export class Connection implements Peer {
	readonly kind = 'peer' as const;
	readonly awarenessIds = new Set<number>();
	readonly id: string;
	readonly mode: AccessMode;
	readonly claims: Claims;
	readonly room: Room;
	/** Resolves when the socket has closed, whoever closed it. */
	readonly closed: Promise<void>;

	readonly #ws: WebSocket;
	readonly #log: Log;
	readonly #limits: ConnectionLimits;
	readonly #counts: SyncCounts;
	#pending: Uint8Array[] | null = [];
	#tokens: number;
	#lastRefill = Date.now();
	#alive = true;
	#heartbeat: NodeJS.Timeout;
	#closing = false;

	constructor(opts: {
		ws: WebSocket;
		id: string;
		mode: AccessMode;
		claims: Claims;
		room: Room;
		log: Log;
		limits: ConnectionLimits;
		metrics: SyncMetrics;
		onClose: (c: Connection) => void;
	}) {
		this.#ws = opts.ws;
		this.id = opts.id;
		this.mode = opts.mode;
		this.claims = opts.claims;
		this.room = opts.room;
		this.#log = opts.log;
		this.#limits = opts.limits;
		this.#counts = opts.metrics.counts;
		this.#tokens = opts.limits.burst;

		this.closed = new Promise((resolve) => {
			this.#ws.on('close', () => {
				clearInterval(this.#heartbeat);
				this.#pending = null;
				this.room.removePeer(this);
				opts.onClose(this);
				resolve();
			});
		});
		// ws emits 'error' before 'close' (e.g. 1009, a bad frame); without a listener it would throw.
		this.#ws.on('error', (err) => this.#log.debug('socket error', this.#fields('socket', { error: err.message })));
		this.#ws.on('pong', () => (this.#alive = true));
		this.#ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
		this.#heartbeat = setInterval(() => this.#ping(), this.#limits.pingIntervalMs);
		this.#heartbeat.unref();

		this.room.addPeer(this);
		this.room.ready.then(
			() => this.#start(),
			(err: unknown) => {
				this.#log.error('room failed to load', this.#fields('load', { error: String(err) }));
				this.close(CLOSE_SERVER_ERROR, 'room failed to load', 'load');
			}
		);
	}

	send(message: Uint8Array): void {
		if (this.#ws.readyState !== this.#ws.OPEN) return;
		// Room for one full-doc sync step 2 plus the traffic that follows it while it drains.
		if (this.#ws.bufferedAmount > 2 * this.#limits.maxDocBytes) {
			return this.close(CLOSE_POLICY, 'client is not reading', 'send');
		}
		// No callback: a send fails only when the socket is going away, and its 'close' does the
		// cleanup. A callback would cost a closure and a tick for every peer of every relay.
		this.#ws.send(message);
		this.#counts.framesSent++;
	}

	/** Closes this socket once; `step` says where the decision was made, for the log. */
	close(code: number, reason: string, step: string): void {
		if (this.#closing) return;
		this.#closing = true;
		this.#pending = null;
		const level = code === 1000 || code === 1001 ? 'debug' : 'warn';
		this.#log[level]('closing connection', this.#fields(step, { code, reason }));
		this.#ws.close(code, reason);
	}

	/** SIGTERM path: close, and give up waiting for the client's close frame after `timeoutMs`. */
	async closeAndWait(code: number, reason: string, timeoutMs: number): Promise<void> {
		this.close(code, reason, 'shutdown');
		const timer = setTimeout(() => this.#ws.terminate(), timeoutMs);
		await this.closed;
		clearTimeout(timer);
	}

	/**
	 * Answers the client's step 1, after the room has caught up from the store when the client
	 * holds what the room lacks (Room.catchUpFor); its later frames wait in the load's queue meanwhile.
	 */
	answerSyncStep1(stateVector: Uint8Array): void {
		const catchingUp = this.mode === 'write' ? this.room.catchUpFor(stateVector) : null;
		if (!catchingUp) return this.send(this.room.answerSyncStep1(stateVector));
		this.#pending = [];
		void catchingUp.then(() => {
			const queued = this.#pending;
			if (queued === null) return; // closed meanwhile
			this.#pending = null;
			this.send(this.room.answerSyncStep1(stateVector));
			this.#drain(queued);
		});
	}

	applyUpdate(update: Uint8Array, step: string): void {
		const result = this.room.applyClientUpdate(this, update);
		if (result.kind === 'applied') this.#counts.updatesAdmitted++;
		else if (result.kind !== 'read-only' && result.kind !== 'store-failing') this.#counts.updatesRefused++;
		switch (result.kind) {
			case 'read-only':
				return this.#log.debug('dropped update from a reader', this.#fields(step));
			case 'doc-too-large':
				return this.close(CLOSE_TOO_LARGE, 'document is full', step);
			case 'store-failing':
				return this.close(CLOSE_STORE_UNAVAILABLE, 'the server cannot save right now', step);
			case 'incomplete':
				this.#log.info('update needs a resync', this.#fields(step, { error: result.reason, bytes: update.byteLength }));
				return this.close(CLOSE_TRY_AGAIN, 'update depends on state the server lacks; reconnect', step);
			case 'malformed':
				this.#log.warn('refused an update', this.#fields(step, { error: result.reason, bytes: update.byteLength }));
				return this.close(CLOSE_UPDATE_REFUSED, 'update refused', step);
			// 'reverted' (a policy refusal) is logged by the room with its reason; the socket stays open.
		}
	}

	#start(): void {
		const queued = this.#pending;
		if (queued === null) return; // closed while the room loaded
		this.#pending = null;
		// Access may have been withdrawn between the upgrade and the end of the load.
		const refusal = this.room.recheck(this);
		if (refusal) return this.close(refusal.code, refusal.reason, 'recheck');
		for (const frame of this.room.greeting(this)) this.send(frame);
		this.#drain(queued);
	}

	/** Handles frames that waited, in order; stops queueing them again if one of them starts a wait. */
	#drain(queued: Uint8Array[]): void {
		for (const [i, data] of queued.entries()) {
			if (this.#closing) return;
			if (this.#pending !== null) {
				this.#pending.push(...queued.slice(i));
				return;
			}
			this.#handle(data);
		}
	}

	#onMessage(data: RawData, isBinary: boolean): void {
		if (this.#closing) return;
		const bytes = toBytes(data);
		if (!isBinary) return this.close(CLOSE_INVALID_MESSAGE, 'text frames are not supported', 'receive');
		if (bytes.byteLength > this.#limits.maxPayloadBytes) return this.close(CLOSE_TOO_LARGE, 'message too large', 'receive');
		if (!this.#takeToken()) return this.close(CLOSE_POLICY, 'too many messages', 'rate-limit');
		if (this.#pending !== null) {
			if (this.#pending.length >= this.#limits.maxPendingMessages) {
				return this.close(CLOSE_POLICY, 'too many messages while loading', 'queue');
			}
			this.#pending.push(bytes);
			return;
		}
		this.#handle(bytes);
	}

	#handle(data: Uint8Array): void {
		let step = 'decode';
		try {
			const message = decodeMessage(data);
			step = message.kind;
			(handlers[message.kind] as Handler<MessageKind>)(this, message);
		} catch (err) {
			const detail = err instanceof ProtocolError ? `${err.step}: ${err.message}` : String(err);
			this.#log.warn('bad message', this.#fields(step, { error: detail, bytes: data.byteLength }));
			this.close(CLOSE_INVALID_MESSAGE, 'malformed message', step);
		}
	}

	/** Token bucket: refills continuously at messagesPerSecond, holds at most `burst`. */
	#takeToken(): boolean {
		const now = Date.now();
		const { messagesPerSecond, burst } = this.#limits;
		this.#tokens = Math.min(burst, this.#tokens + ((now - this.#lastRefill) / 1000) * messagesPerSecond);
		this.#lastRefill = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}

	#ping(): void {
		if (!this.#alive) {
			this.#log.info('no pong, terminating', this.#fields('heartbeat'));
			this.#ws.terminate();
			return;
		}
		this.#alive = false;
		this.#ws.ping();
	}

	#fields(step: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
		return { room: this.room.name, conn: this.id, step, ...extra };
	}
}

/** ws hands over a Buffer (binaryType 'nodebuffer'), or fragments / an ArrayBuffer in other modes. */
function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
