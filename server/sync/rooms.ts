/**
 * The sync server: websocket upgrades on /sync/<room>?token=…, the registry of live rooms, and the
 * door through which the rest of the server (WorkshopService) reads and writes documents.
 *
 * Upgrade: the token is verified, the access rule (access.ts) decided and a slot under the socket
 * caps (socket-caps.ts) taken BEFORE the socket joins a room. A refusal still completes the
 * websocket handshake and then closes with a named code (close-codes.ts): a browser cannot see the
 * status of a refused HTTP upgrade, only a close code.
 *
 * Lifetime of a room: created by the first peer or server call that needs it; loaded once (every
 * joiner awaits the same Room.ready); unloaded `unloadDelayMs` after its last user left, and only
 * after its log is folded into a snapshot (the next cold load reads one snapshot) and every store
 * write it queued has resolved. A board room holds its workshop room (`<code>`)
 * as a dependency, counted as one user, from its creation until it unloads: the board's write
 * policy (write-policy.ts) reads locks and settings from the workshop doc on every update.
 *
 * Fan-out (REDIS_URL): with `feeds`, every room is opened on its feed before it loads, and the
 * feed links it to the same room on the other instances (room.ts RoomFeed, server/scale/fanout.ts).
 *
 * Message size: ws's own maxPayload is set to twice maxPayloadBytes. Frames between the two close
 * with 4413 (connection.ts checks); frames above the ceiling are cut off by ws itself with 1009
 * before it buffers them, which is the price of never holding an unbounded frame in memory.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { parseRoom } from '../../src/lib/board/rooms';
import type { Claims, Tokens } from '../auth/tokens';
import { clientAddress, type ProxyAddressConfig } from '../http/client-address';
import type { Log } from '../log';
import { unobservedSync, type SyncMetrics } from '../metrics';
import type { DocStore } from '../store/doc-store';
import type { Signals } from '../scale/signals';
import { decideAccess, type AccessMode } from './access';
import { DEFAULT_ADMISSION_LIMITS, type AdmissionLimits } from './admission';
import { CLOSE_GOING_AWAY, CLOSE_NOT_FOUND, CLOSE_SERVER_ERROR, CLOSE_TOO_MANY_SOCKETS, CLOSE_UNAUTHORIZED } from './close-codes';
import { Connection } from './connection';
import { Room, type RoomFeed } from './room';
import { SocketCaps } from './socket-caps';
import { VotePolicy, type Lease } from './vote-policy';
import { accessSettings, BoardPolicy } from './write-policy';

export interface SyncLimits {
	admission: AdmissionLimits;
	maxPayloadBytes: number;
	messagesPerSecond: number;
	burst: number;
	maxAwarenessClients: number;
	maxPendingMessages: number;
	maxDocBytes: number;
	pingIntervalMs: number;
	unloadDelayMs: number;
	compactEveryUpdates: number;
	compactEveryBytes: number;
	maxAwarenessStateBytes: number;
	maxSocketsPerParticipantToken: number;
	maxSocketsPerFacilitatorToken: number;
	maxSocketsPerAddress: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_SYNC_LIMITS: Readonly<SyncLimits> = Object.freeze({
	/** Structural bounds on one client update, and the cost bound they give (admission.ts). */
	admission: DEFAULT_ADMISSION_LIMITS,
	/** A pasted image would be the largest honest update; boards hold post-its, not files. */
	maxPayloadBytes: 2 * MiB,
	/** Typing and dragging send tens of messages a second; 200/s is far above any person. */
	messagesPerSecond: 200,
	/** A reconnect replays the queued offline edits at once; let that through. */
	burst: 400,
	/**
	 * Ids one socket holds (relayed ones do not count; presence.ts). One tab is one client id; the
	 * rest is for the ids a person's other tabs hand over through BroadcastChannel.
	 */
	maxAwarenessClients: 4,
	/** Frames queued per socket while its room loads from the store. */
	maxPendingMessages: 100,
	/** A board of a few thousand notes is well under 1 MB; 8 MB stops a runaway or hostile doc. */
	maxDocBytes: 8 * MiB,
	/** Below common proxy idle timeouts (60 s), so the ping also keeps the connection open. */
	pingIntervalMs: 30_000,
	/** Rides out a page reload without unloading and reloading the doc. */
	unloadDelayMs: 2_000,
	/** Loads stay fast: at most this many log entries are replayed on top of the snapshot. */
	compactEveryUpdates: 200,
	compactEveryBytes: 1 * MiB,
	/**
	 * The app's presence is { user: { id, name ≤ 60, organisation ≤ 80, colour, role }, cursor,
	 * selected }: about 200 bytes, and under 1.5 KiB even if every character of the name and the
	 * organisation took a 6-byte JSON escape. 4 KiB leaves room and stops a state that would be
	 * copied to every joiner and every peer on every cursor move.
	 */
	maxAwarenessStateBytes: 4 * 1024,
	/**
	 * A participant's tab holds up to four rooms (workshop, own board, private drafts, maybe the
	 * plenary or an open board); two or three tabs make 12. A reconnect opens new sockets before
	 * the server has reaped the old half-open ones (up to two ping intervals), which can double
	 * that: 24. 32 leaves room and stops a token from holding thousands.
	 */
	maxSocketsPerParticipantToken: 32,
	/**
	 * The control room and the summary each open the workshop room and every group's board (up to
	 * GROUPS_MAX = 30); with the projector and a board of their own that is about 70 over three
	 * tabs, doubled during a reconnect: 140. 160 leaves room.
	 */
	maxSocketsPerFacilitatorToken: 160,
	/**
	 * A conference network puts a room of 100 behind one NAT address, and a region's day may run
	 * three such workshops at once: 300 people with about five sockets each (a second tab for
	 * some), plus their facilitators, is about 1,700. Stops one machine minting participant tokens
	 * to hold tens of thousands of sockets.
	 */
	maxSocketsPerAddress: 2_000
});

/** How often a room that cannot save retries unloading (it stays loaded until it has saved). */
const STORE_FAILING_UNLOAD_RETRY_MS = 5_000;
/** Time a closing client gets to answer our close frame on shutdown before it is cut off. */
const SHUTDOWN_CLOSE_TIMEOUT_MS = 2_000;
const SYNC_PREFIX = '/sync/';

interface Entry {
	room: Room;
	/** Connections plus in-flight update/read calls. The room unloads when this reaches 0. */
	users: number;
	unloadTimer: NodeJS.Timeout | null;
	/** The workshop room a board room holds while it is live; released once, when it goes. */
	dependency: Entry | null;
}

interface Refusal {
	refuse: number;
	reason: string;
}
type Refused = { room: string; verdict: Refusal };
/** The outcome of an upgrade: a refusal, or a mode together with the token and the claims it was decided for. */
type Admission = Refused | { room: string; verdict: { mode: AccessMode }; claims: Claims; token: string };

/** Links each room to the other instances (server/scale/fanout.ts); absent on a lone instance. */
export interface RoomFeeds {
	open(room: string): RoomFeed;
}

/** Told when a room has loaded and after each change to its doc; the server's derived documents (plenary.ts) hang off it. */
export type RoomListener = (name: string, doc: Y.Doc) => void;

export class Rooms {
	readonly #store: DocStore;
	readonly #tokens: Tokens;
	readonly #log: Log;
	readonly #limits: SyncLimits;
	readonly #metrics: SyncMetrics;
	readonly #proxy: ProxyAddressConfig;
	readonly #wss: WebSocketServer;
	readonly #entries = new Map<string, Entry>();
	readonly #connections = new Set<Connection>();
	readonly #serverCalls = new Set<Promise<unknown>>();
	readonly #listeners = new Set<RoomListener>();
	/** Workshops being removed (removeWorkshop): none of their rooms may load meanwhile. */
	readonly #removing = new Map<string, { closeCode: number; reason: string }>();
	readonly #socketCaps: SocketCaps;
	readonly #feeds: RoomFeeds | null;
	readonly #signals: Signals | null;
	#nextConnectionId = 0;
	#closing: Promise<void> | null = null;

	constructor(opts: {
		store: DocStore;
		tokens: Tokens;
		log: Log;
		limits?: Partial<SyncLimits>;
		metrics?: SyncMetrics;
		/** ADDRESS_HEADER and XFF_DEPTH; unset, the TCP peer is the client's address. */
		proxy?: ProxyAddressConfig;
		feeds?: RoomFeeds;
		/** At scale: a workshop removed here is removed from the other instances' memory too. */
		signals?: Signals | null;
	}) {
		this.#store = opts.store;
		this.#proxy = opts.proxy ?? { addressHeader: null, xffDepth: 1 };
		this.#metrics = opts.metrics ?? unobservedSync();
		this.#tokens = opts.tokens;
		this.#log = opts.log;
		this.#limits = { ...DEFAULT_SYNC_LIMITS, ...opts.limits };
		this.#wss = new WebSocketServer({ noServer: true, maxPayload: 2 * this.#limits.maxPayloadBytes });
		this.#socketCaps = new SocketCaps(this.#limits);
		this.#feeds = opts.feeds ?? null;
		this.#signals = opts.signals ?? null;
		this.#signals?.onSignal(WORKSHOP_REMOVED, (body) => this.#removedElsewhere(body));
	}

	/** HTTP upgrade for /sync/<room>?token=…  Authenticates and authorises BEFORE the websocket is considered joined. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith(SYNC_PREFIX)) return rejectHttp(socket, 404);
		if (this.#closing) return rejectHttp(socket, 503);
		// The TCP peer, or the configured proxy header's entry (client-address.ts), never the client's word.
		const header = this.#proxy.addressHeader === null ? undefined : req.headers[this.#proxy.addressHeader];
		const address = clientAddress(this.#proxy, Array.isArray(header) ? header.join(', ') : header, () => req.socket.remoteAddress);
		// The socket may reset while the store answers; without a listener that would throw.
		const onSocketError = (err: Error) => this.#log.debug('upgrade socket error', { step: 'upgrade', error: err.message });
		socket.on('error', onSocketError);
		void this.#authorise(url).then((admission) => {
			socket.off('error', onSocketError);
			if (socket.destroyed) return;
			this.#wss.handleUpgrade(req, socket, head, (ws) => this.#admit(ws, admission, address));
		});
	}

	/** Loads the room if needed, runs fn(doc) inside ONE doc.transact with a server origin; the change is persisted and broadcast to connected clients. If fn throws, the error propagates (fn is expected to throw before writing); if the store cannot save, its error is thrown. Unloads the room afterwards if nobody is connected. */
	update(room: string, fn: (doc: Y.Doc) => void): Promise<void> {
		return this.#serverCall(room, async (r) => {
			// The store's own error (a StoreWriteError), so that the HTTP layer can say 507 or 503.
			if (r.storeFailing) throw r.storeError;
			r.transactAsServer(fn);
			// Resolve only once the change is durable: callers hand out links and tokens next.
			await r.flush();
			if (r.storeFailing) throw r.storeError;
		});
	}

	/** Loads the room if needed and returns fn(doc); unloads afterwards if nobody is connected. */
	read<T>(room: string, fn: (doc: Y.Doc) => T): Promise<T> {
		return this.#serverCall(room, async (r) => fn(r.doc));
	}

	/**
	 * Retention: closes every connection to a room of workshop `code` with `closeCode`, waits for
	 * the store writes those rooms queued, drops the rooms from memory, and then runs `remove`
	 * (the store deletion). Until `remove` has finished no room of the workshop loads again: a new
	 * socket is refused with the same code and a server call fails, so nothing is written back
	 * after the deletion. At scale the other instances are told first and do the same, without
	 * the deletion.
	 */
	async removeWorkshop(code: string, closing: { closeCode: number; reason: string }, remove: () => Promise<void>): Promise<void> {
		if (this.#removing.has(code)) throw new Error(`workshop ${code} is already being removed`);
		// The other instances close and flush their rooms of it while this one does, before the deletion.
		this.#signals?.signal(WORKSHOP_REMOVED, JSON.stringify({ code, ...closing }));
		await this.#removeHere(code, closing, remove);
	}

	/** Another instance removes a workshop: its rooms leave this one's memory (the store is that instance's). */
	#removedElsewhere(body: string): void {
		let removed: { code?: unknown; closeCode?: unknown; reason?: unknown };
		try {
			removed = JSON.parse(body) as typeof removed;
		} catch {
			return;
		}
		const { code, closeCode, reason } = removed;
		if (typeof code !== 'string' || typeof closeCode !== 'number' || typeof reason !== 'string' || this.#removing.has(code)) return;
		this.#removeHere(code, { closeCode, reason }, async () => {}).catch((err: unknown) =>
			this.#log.error('removing a workshop removed elsewhere failed', { room: code, step: 'remove', error: String(err) })
		);
	}

	async #removeHere(code: string, closing: { closeCode: number; reason: string }, remove: () => Promise<void>): Promise<void> {
		this.#removing.set(code, closing);
		try {
			const ofWorkshop = (name: string) => parseRoom(name)?.code === code;
			await Promise.all(
				[...this.#connections]
					.filter((c) => ofWorkshop(c.room.name))
					.map((c) => c.closeAndWait(closing.closeCode, closing.reason, SHUTDOWN_CLOSE_TIMEOUT_MS))
			);
			await Promise.allSettled([...this.#serverCalls]);
			for (const [name, entry] of [...this.#entries]) {
				if (!ofWorkshop(name)) continue;
				if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
				entry.unloadTimer = null;
				await entry.room.ready.catch(() => {});
				await entry.room.flush();
				if (this.#entries.get(name) === entry) this.#entries.delete(name);
				// Its dependency (the workshop room) goes in this same loop.
				entry.dependency = null;
				entry.room.destroy();
			}
			await remove();
			this.#log.info('workshop removed', { room: code, step: 'remove' });
		} finally {
			this.#removing.delete(code);
		}
	}

	/** SIGTERM path: stop accepting, flush every room's pending writes, close sockets with 1001, resolve when done. */
	close(): Promise<void> {
		this.#closing ??= (async () => {
			await Promise.allSettled([...this.#serverCalls]);
			await Promise.all(
				[...this.#connections].map((c) => c.closeAndWait(CLOSE_GOING_AWAY, 'server shutting down', SHUTDOWN_CLOSE_TIMEOUT_MS))
			);
			for (const entry of this.#entries.values()) {
				if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
				await entry.room.ready.catch(() => {});
				await entry.room.flush();
				entry.room.destroy();
			}
			this.#entries.clear();
			await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
			this.#log.info('sync server closed', { step: 'shutdown' });
		})();
		return this.#closing;
	}

	/** Registers a listener for every room's load and changes (any origin but the store); returns its removal. */
	onChange(listener: RoomListener): () => void {
		this.#listeners.add(listener);
		return () => void this.#listeners.delete(listener);
	}

	stats(): { rooms: number; connections: number } {
		return { rooms: this.#entries.size, connections: this.#connections.size };
	}

	async #authorise(url: URL): Promise<Admission> {
		let room = '';
		try {
			room = decodeURIComponent(url.pathname.slice(SYNC_PREFIX.length));
		} catch {
			return refused(url.pathname, CLOSE_NOT_FOUND, 'malformed room name');
		}
		const token = url.searchParams.get('token');
		if (!token) return refused(room, CLOSE_UNAUTHORIZED, 'no token');
		const verified = this.#tokens.verify(token);
		if (!verified.ok) return refused(room, CLOSE_UNAUTHORIZED, `token ${verified.reason}`);
		const ref = parseRoom(room);
		if (!ref) return refused(room, CLOSE_NOT_FOUND, 'no such room');
		try {
			const record = await this.#store.getWorkshop(ref.code);
			// A participant's access to a board depends on the workshop doc: their group now, open boards.
			const { claims } = verified;
			const dependsOnSettings = record !== null && ref.kind === 'board' && claims.role === 'participant';
			let settings = dependsOnSettings
				? await this.read(ref.code, (doc) => accessSettings(doc, claims))
				: { openBoards: false, group: null };
			// Someone who has just joined through another instance may not be in this instance's copy
			// of the workshop doc yet (the fan-out is a moment behind the store), and a refusal here is
			// for good (44xx): ask the store before saying no. A no-op on a lone instance.
			if (dependsOnSettings && settings.group === null) {
				settings = await this.#serverCall(ref.code, async (r) => (await r.catchUp(), accessSettings(r.doc, claims)));
			}
			const verdict = decideAccess(claims, ref, record, settings);
			return 'refuse' in verdict ? { room, verdict } : { room, verdict, claims, token };
		} catch (err) {
			this.#log.error('workshop lookup failed', { room, step: 'authorise', error: String(err) });
			return refused(room, CLOSE_SERVER_ERROR, 'server error');
		}
	}

	/** Joins an authorised socket to its room, unless the server, the workshop or a socket cap says no. */
	#admit(ws: WebSocket, decided: Admission, address: string): void {
		const id = `c${++this.#nextConnectionId}`;
		const { room } = decided;
		const removing = this.#removing.get(parseRoom(room)?.code ?? '');
		const admission: Admission = this.#closing
			? refused(room, CLOSE_GOING_AWAY, 'server shutting down')
			: removing
				? refused(room, removing.closeCode, removing.reason)
				: decided;
		if (!('claims' in admission)) return this.#refuse(ws, id, admission, address);
		const { verdict, claims, token } = admission;
		// Counted here, synchronously with joining: upgrades still being authorised hold no slot.
		const slot = this.#socketCaps.take(token, claims.role, address);
		if ('refusal' in slot) return this.#refuse(ws, id, refused(room, CLOSE_TOO_MANY_SOCKETS, slot.refusal), address);
		const entry = this.#hold(room);
		const connection = new Connection({
			ws,
			id,
			mode: verdict.mode,
			claims,
			room: entry.room,
			log: this.#log,
			limits: this.#limits,
			metrics: this.#metrics,
			onClose: (c) => {
				this.#connections.delete(c);
				slot.release();
				this.#release(entry);
			}
		});
		this.#connections.add(connection);
		this.#log.debug('connection joined', { room, conn: id, step: 'join', mode: verdict.mode });
	}

	#refuse(ws: WebSocket, id: string, { room, verdict }: Refused, address: string): void {
		const fields = { room, conn: id, step: 'authorise', code: verdict.refuse, reason: verdict.reason, address };
		this.#log.info('connection refused', fields);
		ws.on('error', () => {}); // the client may vanish before our close frame; nothing to do
		ws.close(verdict.refuse, verdict.reason);
	}

	async #serverCall<T>(name: string, fn: (room: Room) => Promise<T>): Promise<T> {
		if (this.#closing) throw new Error(`sync server is closed (room ${name})`);
		if (this.#removing.has(parseRoom(name)?.code ?? '')) throw new Error(`workshop is being removed (room ${name})`);
		const entry = this.#hold(name);
		const call = (async () => {
			try {
				await entry.room.ready;
				return await fn(entry.room);
			} finally {
				this.#release(entry);
			}
		})();
		this.#serverCalls.add(call);
		try {
			return await call;
		} finally {
			this.#serverCalls.delete(call);
		}
	}

	#hold(name: string): Entry {
		let entry = this.#entries.get(name);
		if (!entry) {
			const ref = parseRoom(name);
			const dependency = ref?.kind === 'board' ? this.#hold(ref.code) : null;
			const policy =
				ref?.kind === 'board' && dependency
					? new BoardPolicy({ board: ref, workshop: dependency.room, store: this.#store, log: this.#log })
					: ref?.kind === 'private'
						? new VotePolicy({ ref, lease: (n) => this.#lease(n), log: this.#log })
						: undefined;
			const feed = this.#feeds?.open(name);
			const room = new Room(name, { store: this.#store, log: this.#log, limits: this.#limits, policy, metrics: this.#metrics, feed });
			const created: Entry = { room, users: 0, unloadTimer: null, dependency };
			this.#entries.set(name, created);
			room.ready.then(() => this.#watch(room), () => {});
			// A failed load must not stay cached: the next joiner gets a fresh attempt.
			room.ready.catch((err: unknown) => {
				this.#log.error('room load failed', { room: name, step: 'load', error: String(err) });
				if (this.#entries.get(name) === created) this.#entries.delete(name);
				this.#releaseDependency(created);
			});
			entry = created;
		}
		entry.users += 1;
		if (entry.unloadTimer) {
			clearTimeout(entry.unloadTimer);
			entry.unloadTimer = null;
		}
		return entry;
	}

	/** Holds another room loaded for a policy (vote-policy.ts) until it calls release, once. */
	#lease(name: string): Lease {
		const entry = this.#hold(name);
		let held = true;
		const release = () => {
			if (!held) return;
			held = false;
			this.#release(entry);
		};
		return { room: entry.room, release };
	}

	/** Runs inside the doc's update event: a listener's error must not fail the peer's update. */
	#watch(room: Room): void {
		const notify = () => {
			for (const listener of this.#listeners) {
				try {
					listener(room.name, room.doc);
				} catch (err) {
					this.#log.error('room listener failed', { room: room.name, step: 'listen', error: String(err) });
				}
			}
		};
		notify();
		// Loaded: only live changes are left (the store origin does not recur). destroy() drops the handler.
		room.doc.on('update', notify);
	}

	#release(entry: Entry): void {
		entry.users -= 1;
		if (entry.users > 0 || this.#closing) return;
		entry.unloadTimer = setTimeout(() => {
			entry.unloadTimer = null;
			void this.#unload(entry);
		}, this.#limits.unloadDelayMs);
		entry.unloadTimer.unref();
	}

	async #unload(entry: Entry): Promise<void> {
		if (entry.users > 0) return;
		await entry.room.ready.catch(() => {});
		entry.room.compactLog();
		await entry.room.flush();
		// Someone may have joined while the writes drained; then the room stays.
		if (entry.users > 0 || this.#closing) return;
		// Its changes are only in memory until the store writes again: try again later.
		if (entry.room.storeFailing) {
			entry.unloadTimer = setTimeout(() => {
				entry.unloadTimer = null;
				void this.#unload(entry);
			}, STORE_FAILING_UNLOAD_RETRY_MS);
			entry.unloadTimer.unref();
			return;
		}
		if (this.#entries.get(entry.room.name) === entry) this.#entries.delete(entry.room.name);
		entry.room.destroy();
		this.#releaseDependency(entry);
		this.#log.debug('room unloaded', { room: entry.room.name, step: 'unload' });
	}

	#releaseDependency(entry: Entry): void {
		const dependency = entry.dependency;
		entry.dependency = null;
		if (dependency) this.#release(dependency);
	}
}

/** The signal topic: a workshop is being removed (body: its code and the close code and reason). */
const WORKSHOP_REMOVED = 'workshop-removed';

const refused = (room: string, code: number, reason: string): Refused => ({ room, verdict: { refuse: code, reason } });

/** For requests that are not sync upgrades at all; sync refusals are close codes instead. */
function rejectHttp(socket: Duplex, status: number): void {
	socket.on('error', () => {});
	socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
	socket.destroy();
}
