/**
 * One live room: its Y.Doc, the peers connected to it, their awareness (presence), and the hook
 * to the store. The registry (rooms.ts) decides when a room exists; the connection (connection.ts)
 * decodes frames and calls the methods here.
 *
 * Loading: the doc is rebuilt from the store (snapshot, then the log) and board docs are migrated
 * BEFORE `ready` resolves; connections hold their messages until then. Every peer and every server
 * call awaits the same `ready`, so concurrent joiners share one load.
 *
 * Saving: every doc update that did not come from the store load is handed to the room's writer
 * (room-writer.ts), which appends it, compacts the log, and relays it to the other peers only once
 * it is committed (durable before visible; a joiner's first sync step 2 is the doc itself and may
 * include an update committed a moment later). Transaction origins are typed (STORE_ORIGIN,
 * SERVER_ORIGIN, a Peer), so a load never echoes back into the log and a client's update is never
 * sent back to that client. A store that cannot write (a full or failing disk) makes the room
 * close every peer with 4507 and refuse new ones until a whole-doc snapshot was written; the
 * clients keep their edits and send them again when they reconnect, and the room stays loaded
 * (never unloaded unsaved) meanwhile.
 *
 * Admission: every client update is decoded and judged by admission.ts before it touches the doc.
 * One that depends on state the room lacks is never applied and closes its socket with 1013 (the
 * client's reconnect sync brings what was missing); a malformed one (out of bounds, too costly to
 * apply) is never applied and closes with 4422. An update that adds content to a doc at maxDocBytes closes with
 * 4413; an update that only deletes is always admitted, so a full board can be shrunk.
 *
 * Policy hook: a room may have a RoomPolicy (board rooms get write-policy.ts). It is consulted at
 * three points only: before an admitted writer's update is applied (`inspect`), when a peer
 * starts after the load (`recheck`), and by the policy itself when its inputs change (it closes
 * peers it no longer admits). A guarded update is applied and, if the policy objects, undone at once by a server
 * transaction; the two are relayed as ONE merged update to every peer, the sender included, so
 * that nobody ever shows the refused change and the sender converges to the server's state.
 *
 * Fan-out (REDIS_URL; server/scale/fanout.ts): a room may have a RoomFeed to the other instances.
 * It is told what each store write committed and what local peers set as presence, and it brings
 * in what the other instances committed (REMOTE_ORIGIN: relayed here, never stored or published
 * again). Rules are enforced here, on the instance a client is connected to, before the store
 * write: what comes from the feed was admitted where it arrived. Without a feed none of this runs.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { migrateBoard } from '../../src/lib/board/migrations';
import { parseRoom } from '../../src/lib/board/rooms';
import type { Claims } from '../auth/tokens';
import type { Log } from '../log';
import { unobservedSync, type SyncMetrics } from '../metrics';
import type { DocStore } from '../store/doc-store';
import type { AccessMode } from './access';
import { admitUpdate, type AdmissionLimits, type Analysis } from './admission';
import { CLOSE_STORE_UNAVAILABLE } from './close-codes';
import { RoomWriter } from './room-writer';
import { PresenceOwners, type PresenceRefusal } from './presence';
import {
	decodeAwarenessEntries,
	encodeAwareness,
	encodeAwarenessEntries,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncUpdate
} from './protocol';

/** The doc was rebuilt from the store: never appended again, never broadcast. */
export const STORE_ORIGIN = Object.freeze({ kind: 'store' as const });
/** A change made by the server itself (Rooms.update, migrations): appended and broadcast. */
export const SERVER_ORIGIN = Object.freeze({ kind: 'server' as const });
/** A change another instance committed and published (server/scale/fanout.ts): relayed here, never appended or published again. */
export const REMOTE_ORIGIN = Object.freeze({ kind: 'remote' as const });

/**
 * The room's link to the other instances (server/scale/fanout.ts); absent on a lone instance, where
 * none of this costs anything. Everything a feed receives is already admitted and committed.
 */
export interface RoomFeed {
	/** The load reads the store only once this resolves: the feed has taken its place in the live stream first, so nothing published meanwhile is missed. */
	readonly positioned: Promise<void>;
	/** The room has loaded: from now on the feed applies the other instances' changes to it. */
	follow(room: Room): void;
	/** Changes of this instance that the store has committed, in commit order, as one batch. */
	committed(updates: Uint8Array[]): void;
	/** Awareness a local peer set or left (already sifted by presence.ts), for the other instances. */
	presence(update: Uint8Array): void;
	/** The room is destroyed. */
	leave(): void;
}

/** What a room needs from a connection. The Peer object is the origin of its transactions. */
export interface Peer {
	readonly kind: 'peer';
	readonly id: string;
	readonly mode: AccessMode;
	/** Awareness client ids this peer holds (presence.ts): its own, not the ones it relays. */
	readonly awarenessIds: Set<number>;
	/** Who this peer is, as verified on the upgrade: policies re-decide access from it. */
	readonly claims: Claims;
	send(message: Uint8Array): void;
	close(code: number, reason: string, step: string): void;
}

/** Why a guarded update must be undone (for the log), or null to keep it. Runs inside the applying transaction. */
export type UpdateInspection = (transaction: Y.Transaction) => string | null;

/** Rules beyond the access mode fixed at the upgrade; see write-policy.ts. */
export interface RoomPolicy {
	/** The room's `ready` waits for this too: a policy must be able to answer before the first update. */
	readonly ready: Promise<void>;
	/** Called once by the room's constructor, so that the policy can reach the room's peers. */
	attach(room: Room): void;
	/**
	 * Before an admitted writer's update: null applies it unchecked (the fast path), else the
	 * inspection decides. `analysis` says where every struct and delete of the update lands, so a
	 * policy decides most things before applying and keeps honest edits on the fast path.
	 */
	inspect(peer: Peer, doc: Y.Doc, analysis: Analysis): UpdateInspection | null;
	/** When a peer starts: a refusal closes it (the rules may have changed since its upgrade). */
	recheck(peer: Peer): { code: number; reason: string } | null;
	destroy(): void;
}

export interface RoomLimits {
	admission: AdmissionLimits;
	maxDocBytes: number;
	maxAwarenessClients: number;
	compactEveryUpdates: number;
	compactEveryBytes: number;
	maxAwarenessStateBytes: number;
}

export type UpdateResult =
	| { kind: 'applied' | 'read-only' | 'doc-too-large' | 'reverted' | 'store-failing' }
	| { kind: 'malformed' | 'incomplete'; reason: string };
export type AwarenessResult = 'applied' | PresenceRefusal;

export class Room {
	readonly name: string;
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	/** Resolves once the stored doc is loaded and migrated; rejects if the store failed. */
	readonly ready: Promise<void>;

	readonly #store: DocStore;
	readonly #log: Log;
	readonly #limits: RoomLimits;
	readonly #peers = new Set<Peer>();
	readonly #policy: RoomPolicy | null;
	/** Which socket holds which awareness client id. */
	readonly #presence: PresenceOwners;
	/**
	 * The whole doc as a sync step 2 frame, for joiners that have nothing (an empty state vector):
	 * encoded once, not once per joiner, and dropped on the doc's next change. A room loaded from a
	 * lone snapshot starts with the stored bytes, so its first cold join encodes nothing.
	 */
	#wholeDocFrame: Uint8Array | null = null;
	/** While a guarded update is applied: the doc updates to relay together afterwards. */
	#held: Uint8Array[] | null = null;
	#loaded = false;
	/** A change other than the load itself (a migration, a peer during the load): the stored bytes are no longer the doc. */
	#changedSinceLoad = false;
	#destroyed = false;
	/** A remote change waits in Yjs for one it builds on (applyRemote); the feed is reloading the room. */
	#waitingForRemote = false;
	readonly #writer: RoomWriter;
	readonly #feed: RoomFeed | null;

	constructor(name: string, deps: { store: DocStore; log: Log; limits: RoomLimits; policy?: RoomPolicy; metrics?: SyncMetrics; feed?: RoomFeed }) {
		this.name = name;
		this.#store = deps.store;
		this.#log = deps.log;
		this.#limits = deps.limits;
		this.#policy = deps.policy ?? null;
		this.#policy?.attach(this);
		const feed = deps.feed ?? null;
		this.#feed = feed;
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		// The server has no presence of its own.
		this.awareness.setLocalState(null);
		this.#presence = new PresenceOwners(deps.limits, this.awareness);
		this.#writer = new RoomWriter({
			name,
			doc: this.doc,
			store: deps.store,
			log: deps.log,
			limits: deps.limits,
			metrics: deps.metrics ?? unobservedSync(),
			send: (update, except) => this.#send(update, except),
			committed: feed ? (updates) => feed.committed(updates) : null,
			onFailing: () => {
				for (const peer of [...this.#peers]) peer.close(STORE_REFUSAL.code, STORE_REFUSAL.reason, 'store');
			}
		});
		this.awareness.on('update', this.#onAwarenessUpdate);
		this.ready = this.#load();
		// A failed load is reported to whoever awaits `ready`; this keeps Node from calling it
		// unhandled, and lets the feed go (a room that never loaded is never destroyed).
		this.ready.catch(() => this.#feed?.leave());
	}

	async #load(): Promise<void> {
		const loading = this.#feed
			? this.#feed.positioned.then(() => this.#store.loadDoc(this.name))
			: this.#store.loadDoc(this.name);
		const [stored] = await Promise.all([loading, this.#policy?.ready]);
		if (this.#destroyed) return;
		// One by one in one transaction: Y.mergeUpdates first is slower (bench/derived.ts).
		const { updates } = stored;
		this.doc.transact(() => {
			for (const update of updates) Y.applyUpdate(this.doc, update, STORE_ORIGIN);
		}, STORE_ORIGIN);
		// Listened to from here on: with a listener, Yjs would encode the whole loaded doc into an
		// 'update' event that the store origin then ignores.
		this.doc.on('update', this.#onDocUpdate);
		this.#writer.loaded(stored);
		// Only board docs have a schema version; the workshop and private docs are left as they are.
		// A room with nothing stored is new: initBoard stamps the current version when it fills it.
		if (stored.updates.length > 0 && parseRoom(this.name)?.kind === 'board') {
			const applied = migrateBoard(this.doc, SERVER_ORIGIN);
			if (applied.length) this.#log.info('board migrated', { room: this.name, step: 'load', versions: applied });
		}
		// The stored bytes are the doc only if nothing (a migration) has written to it since.
		if (updates.length === 1 && !this.#changedSinceLoad) this.#wholeDocFrame = encodeSyncStep2(updates[0]!);
		this.#loaded = true;
		this.#feed?.follow(this);
	}

	get peers(): ReadonlySet<Peer> {
		return this.#peers;
	}

	addPeer(peer: Peer): void {
		this.#peers.add(peer);
	}

	/** Forgets a peer and tells everyone else that its presence is gone. */
	removePeer(peer: Peer): void {
		if (!this.#peers.delete(peer)) return;
		if (peer.awarenessIds.size && !this.#destroyed) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], peer);
		}
		this.#presence.release(peer);
	}

	/** Asks the policy whether a peer admitted on the upgrade is still allowed now that the room is ready. */
	recheck(peer: Peer): { code: number; reason: string } | null {
		if (this.#writer.failing) return STORE_REFUSAL;
		return this.#policy?.recheck(peer) ?? null;
	}

	/** True while the store cannot write this room: its doc holds changes that are not saved. */
	get storeFailing(): boolean {
		return this.#writer.failing;
	}

	/** The store's error while storeFailing (a StoreWriteError from the store, with its code), else null. */
	get storeError(): unknown {
		return this.#writer.error;
	}

	/** The frames a peer gets once the room is ready: our step 1 (writers only) and who is here. */
	greeting(peer: Peer): Uint8Array[] {
		const frames: Uint8Array[] = [];
		// A reader's step 2 answer would be dropped anyway, so don't ask for it.
		if (peer.mode === 'write') frames.push(encodeSyncStep1(Y.encodeStateVector(this.doc)));
		const presence = this.awarenessFrame();
		if (presence) frames.push(presence);
		return frames;
	}

	/** Every current awareness state as one frame, or null when nobody has presence. */
	awarenessFrame(): Uint8Array | null {
		const ids = [...this.awareness.getStates().keys()];
		return ids.length ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
	}

	/** The reply to a client's sync step 1: everything it lacks. Readers are answered too. */
	answerSyncStep1(stateVector: Uint8Array): Uint8Array {
		if (!isEmptyStateVector(stateVector)) return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
		this.#wholeDocFrame ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
		return this.#wholeDocFrame;
	}

	/**
	 * Applies the store's log, on an instance with a feed (alone, the room holds all the store
	 * has): what another instance committed may not have come through the feed yet, or ever, when
	 * that instance died between its commit and its publish (fanout.ts). Yjs ignores what the doc
	 * holds already.
	 */
	async catchUp(): Promise<void> {
		if (!this.#feed || this.#destroyed) return;
		const stored = await this.#store.loadDoc(this.name);
		this.applyRemote(stored.updates);
	}

	/**
	 * Whether a client must wait for the store before it is answered, and the wait. A client that
	 * holds changes this room lacks may carry what a dead instance committed and never published:
	 * answered at once, its step 2 would bring other people's notes, which the write policy reverts
	 * as not theirs, deleting them for good. Each such client waits for a read of its own: a read
	 * already under way may predate the commit the client saw.
	 */
	catchUpFor(stateVector: Uint8Array): Promise<void> | null {
		if (!this.#feed || this.#destroyed) return null;
		const ahead = [...Y.decodeStateVector(stateVector)].some(([client, clock]) => clock > Y.getState(this.doc.store, client));
		if (!ahead) return null;
		// Answered without it, as before, when the store cannot say: the client's own changes still go through.
		return this.catchUp().catch((err: unknown) =>
			this.#log.warn('could not catch up from the store', { room: this.name, step: 'catch-up', error: String(err) })
		);
	}

	/** Before an unload (rooms.ts): the log goes into the snapshot, for a fast next load. */
	compactLog(): void {
		this.#writer.compactLog();
	}

	/**
	 * Admits and applies a client's step 2 or update. A reader's update is dropped (the server
	 * enforces read-only, whatever the UI does). Throws when the update does not decode at all; the
	 * caller closes that socket.
	 */
	applyClientUpdate(peer: Peer, update: Uint8Array): UpdateResult {
		if (peer.mode !== 'write') return { kind: 'read-only' };
		if (this.#writer.failing) return { kind: 'store-failing' };
		// Decoded and judged whole before touching the doc: applyUpdate on garbage can integrate the
		// structs before the bad one and then throw, and Yjs keeps what it cannot place as pending.
		const admission = admitUpdate(this.doc, update, this.#limits.admission);
		if (!admission.ok) return { kind: admission.incomplete ? 'incomplete' : 'malformed', reason: admission.reason };
		const { analysis } = admission;
		// An update that adds nothing (empty, or deletes only) never grows the doc: a full board can
		// always be shrunk, by the facilitator above all.
		if (analysis.addsContent && this.#writer.wouldExceed(this.#limits.maxDocBytes, update.byteLength)) {
			return { kind: 'doc-too-large' };
		}
		const inspection = this.#policy?.inspect(peer, this.doc, analysis) ?? null;
		if (!inspection) {
			Y.applyUpdate(this.doc, update, peer);
			return this.#checkNothingPending();
		}
		const result = this.#applyGuarded(peer, update, inspection);
		return result.kind === 'applied' ? this.#checkNothingPending() : result;
	}

	/**
	 * Admission refuses every update with a missing dependency, so Yjs never holds pending structs
	 * or deletes. Should one slip through, it is dropped here rather than served to every joiner.
	 * While a remote change waits for one it builds on (applyRemote), what is pending is not the
	 * client's: the feed's reload from the store resolves it.
	 */
	#checkNothingPending(): UpdateResult {
		if (this.#waitingForRemote) return { kind: 'applied' };
		const store = this.doc.store;
		if (store.pendingStructs === null && store.pendingDs === null) return { kind: 'applied' };
		store.pendingStructs = null;
		store.pendingDs = null;
		return { kind: 'malformed', reason: 'the update left pending structs' };
	}

	/**
	 * Applies, inspects, and undoes if refused. Refusing by NOT applying would break the sender:
	 * Yjs updates from one client are a gapless sequence of clocks, so every later update of that
	 * client would wait forever for the dropped one (pending structs), and its reconnect would
	 * replay the dropped change. Instead the update is integrated and a Y.UndoManager (the tested
	 * way to undo arbitrary changes, deleted notes included) reverts it in a server transaction.
	 * Broadcasts are held meanwhile and sent as one merged update to everyone, the sender too:
	 * other peers apply change and undo in one go and never show the change; the sender gets the
	 * undo it lacks. The UndoManager only captures a transaction that is being refused, so no
	 * deleted content is kept from garbage collection for updates that pass.
	 */
	#applyGuarded(peer: Peer, update: Uint8Array, inspect: UpdateInspection): UpdateResult {
		// Typed by assertion: it is assigned inside a callback, which narrowing does not follow.
		let refusal = null as string | null;
		const undo = new Y.UndoManager(this.doc, {
			trackedOrigins: new Set([peer]),
			captureTimeout: 0,
			captureTransaction: () => refusal !== null
		});
		this.#held = [];
		try {
			Y.transact(
				this.doc,
				(transaction) => {
					Y.applyUpdate(this.doc, update, peer);
					refusal = inspect(transaction);
				},
				peer,
				false
			);
			if (refusal !== null) undo.undo();
		} finally {
			undo.destroy();
			const held = this.#held;
			this.#held = null;
			if (held.length) {
				const merged = held.length === 1 ? held[0]! : Y.mergeUpdates(held);
				this.#writer.relay(merged, refusal === null ? peer : null);
			}
		}
		if (refusal === null) return { kind: 'applied' };
		this.#log.info('reverted an update', { room: this.name, conn: peer.id, step: 'policy', reason: refusal });
		return { kind: 'reverted' };
	}

	/**
	 * Applies and relays a peer's awareness (readers included: presence is not content), keeping
	 * only the entries that are its own to set (presence.ts): stock clients also re-send the states
	 * of others they know, and those are dropped, not relayed as the sender's.
	 */
	applyAwareness(peer: Peer, update: Uint8Array): AwarenessResult {
		const entries = decodeAwarenessEntries(update);
		const sifted = this.#presence.sift(peer, entries);
		if ('refusal' in sifted) return sifted.refusal;
		const { accepted } = sifted;
		if (accepted.length) {
			// Every entry its own (a cursor move): the bytes as they came, already decoded whole, not a re-encoding.
			const bytes = accepted.length === entries.length ? update : encodeAwarenessEntries(accepted);
			awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, peer);
		}
		return 'applied';
	}

	/**
	 * Applies changes another instance committed, or this room's stored log when the feed catches up
	 * (fanout.ts), in one transaction: relayed to every local peer at once (they are committed
	 * already), never appended or published again. Yjs ignores what the doc already holds. Says
	 * whether the doc holds all they build on; if not, the feed reloads the room from the store.
	 */
	applyRemote(updates: readonly Uint8Array[]): { complete: boolean } {
		if (this.#destroyed) return { complete: true };
		this.doc.transact(() => {
			for (const update of updates) Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
		}, REMOTE_ORIGIN);
		// Incomplete: a remote change arrived before one it builds on (published late, or never by an
		// instance that died between its commit and its publish). The store has that one.
		this.#waitingForRemote = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
		return { complete: !this.#waitingForRemote };
	}

	/** The presence of this room's own peers, for an instance that has just loaded the room; null when they have none. */
	localAwareness(): Uint8Array | null {
		const ids = this.#presence.held();
		return ids.length ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
	}

	/** Applies presence from another instance's peers, where presence.ts already sifted it; relayed to every local peer. */
	applyRemoteAwareness(update: Uint8Array): void {
		if (!this.#destroyed) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
	}

	/** Runs fn in one transaction with the server origin: persisted and broadcast like any update. */
	transactAsServer<T>(fn: (doc: Y.Doc) => T): T {
		let result: T | undefined;
		this.doc.transact(() => {
			result = fn(this.doc);
		}, SERVER_ORIGIN);
		return result as T;
	}

	/** Resolves when every store write queued so far (and any compaction they caused) is done. */
	flush(): Promise<void> {
		return this.#writer.flush();
	}

	/** Frees the doc. The registry calls it only after flush() with no peers left. */
	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#feed?.leave();
		this.#writer.destroy();
		this.#policy?.destroy();
		this.doc.off('update', this.#onDocUpdate);
		this.awareness.off('update', this.#onAwarenessUpdate);
		this.awareness.destroy();
		this.doc.destroy();
	}

	#send(update: Uint8Array, except: unknown): void {
		const frame = encodeSyncUpdate(update);
		for (const peer of this.#peers) if (peer !== except) peer.send(frame);
	}

	#onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === STORE_ORIGIN) return;
		this.#wholeDocFrame = null;
		this.#changedSinceLoad = true;
		if (origin === REMOTE_ORIGIN) {
			this.#writer.grew(update.byteLength);
			return this.#send(update, null);
		}
		this.#writer.save(update);
		// Peers that joined during the load get everything in their step 2; nothing to send yet.
		if (!this.#loaded) return;
		if (this.#held) {
			this.#held.push(update);
			return;
		}
		this.#writer.relay(update, origin);
	};

	#onAwarenessUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const from = isPeer(origin) && this.#peers.has(origin) ? origin : null;
		this.#presence.applied(origin === REMOTE_ORIGIN ? 'elsewhere' : from, { added, updated, removed });
		const changed = [...added, ...updated, ...removed];
		if (!changed.length) return;
		const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
		// A local peer's own states, or its leaving (removePeer has already forgotten it): the other instances show them too.
		if (this.#feed && isPeer(origin)) this.#feed.presence(update);
		const frame = encodeAwareness(update);
		// Not back to the sender: it holds every state it sent at that clock, so an echo would only be
		// decoded and dropped there (an eighth of the frames a board's cursor costs).
		for (const peer of this.#peers) if (peer !== from) peer.send(frame);
	};
}

/** A state vector that names no client: what a fresh doc sends (one varUint 0). */
const isEmptyStateVector = (stateVector: Uint8Array): boolean => stateVector.length === 1 && stateVector[0] === 0;

const STORE_REFUSAL = Object.freeze({ code: CLOSE_STORE_UNAVAILABLE, reason: 'the server cannot save right now' });

function isPeer(origin: unknown): origin is Peer {
	return typeof origin === 'object' && origin !== null && (origin as { kind?: unknown }).kind === 'peer';
}
