/**
 * Fan-out between instances through Redis (issue 12 §2, §5; docs/decisions.md "Scale-out on
 * PostgreSQL and Redis"). Every room an instance has loaded feeds, and is fed from, one Redis
 * Stream per room (`<prefix><room>`); presence goes through pub/sub (`<prefix>presence:<room>`), and
 * so do the instances' signals to each other (`<prefix>signal`).
 *
 * Updates: what the store committed for a room (room-writer.ts) is published with XADD, as one
 * entry per store write, tagged with this instance's id so that its own reader skips it. Nothing
 * else is published: not a sync step 2 reply, not a state loaded from the store or the stream.
 * One reader connection per instance reads every loaded room's stream with XREAD BLOCK, and
 * applies what the other instances committed to the room (Room.applyRemote: relayed to the local
 * peers, never stored or published again). A room takes its stream's last id BEFORE it reads the
 * store, and the reader reads from that id: nothing published between the two is missed, and what
 * arrives twice Yjs ignores. A new room re-issues the XREAD at once through a wake stream of this
 * instance (an XADD there ends the block, even if it reaches Redis before the XREAD does).
 *
 * Catching up from the store: the store holds everything the stream ever held, so a room whose
 * place in the stream is lost reloads from the store instead: it takes the stream's last id, reads
 * its stored log, applies it and reads on from that id. That happens when
 *   - the reader's connection was lost (a Redis outage): every room, once it is back;
 *   - the reader fell behind the trim (MAXLEN ~ STREAM_MAXLEN; see #readFromHead);
 *   - an instance could not publish for a while: once it can again, it adds a reload marker to
 *     each room it could not publish for;
 *   - a remote update left the doc waiting for one it builds on (published late or never, by an
 *     instance that died between its commit and its XADD).
 *
 * Redis outage: publishing never waits (the connection refuses commands at once while down;
 * redis.ts), so every instance keeps serving and persisting on its own. A failed publish is
 * logged once per outage; `state` and `isConnected()` say whether the instance is linked to the
 * others, for the readiness check.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { Log } from '../log';
import type { DocStore } from '../store/doc-store';
import type { Room, RoomFeed } from '../sync/room';
import type { RoomFeeds } from '../sync/rooms';
import { compareStreamIds, decodePresence, encodePresence, readEntry, reloadFields, updateFields } from './fanout-wire';
import { connectRedis } from './redis';
import type { Signals } from './signals';

/**
 * Entries a room's stream keeps, about (XADD MAXLEN ~). The store has everything; the stream only
 * has to bridge a reader's short delays. A thousand updates is minutes of a busy board's typing.
 */
export const STREAM_MAXLEN = 1000;
/**
 * A stream, and this instance's wake stream, expire this long after their last entry, so that
 * Redis does not keep every room ever opened. A stream that comes back starts with newer ids, so a
 * reader still positioned in the old one reads the new one from its start.
 */
const STREAM_TTL_MS = 60 * 60_000;
/** A busy room's publishes push its stream's expiry back at most this often. */
const STREAM_EXTEND_MS = 60_000;
/** Entries read per stream per XREAD. Below STREAM_MAXLEN, so a reader that fell behind the trim gets a full batch. */
const READ_COUNT = 100;
/** The longest one XREAD blocks; a new room wakes it at once, so this only bounds a lost wake. */
const BLOCK_MS = 10_000;
/** How long a room's load waits for its stream position; without one it loads, and catches up from the store once it can. */
const POSITION_TIMEOUT_MS = 500;
/** Pause after a read that failed while Redis was up (not an outage), so that a bad reply cannot spin the loop. */
const READ_RETRY_MS = 1_000;

export type FanoutState = 'connecting' | 'connected' | 'disconnected' | 'closed';

/** One room this instance has opened. A room loaded again is a new Followed. */
interface Followed {
	readonly name: string;
	readonly key: string;
	/** Set once the room has loaded: only then is its stream read. */
	room: Room | null;
	/** The id of the last entry read (or taken before the load); null: catch up from the store first. */
	position: string | null;
	/** When this instance last pushed back the stream's expiry (once a minute is plenty for an hour). */
	extendedAt: number;
}

export class Fanout implements RoomFeeds, Signals {
	/** Tags what this process publishes, so that its own reader skips it. */
	readonly instanceId = randomBytes(8).toString('hex');
	readonly #prefix: string;
	readonly #store: DocStore;
	readonly #log: Log;
	/** XADD, PUBLISH and the positions of loading rooms: never blocks. */
	readonly #commands: Redis;
	/** XREAD BLOCK, and the catch-ups between two reads. */
	readonly #reader: Redis;
	/** Presence: a subscribed connection can do nothing else. */
	readonly #subscriber: Redis;
	readonly #rooms = new Map<string, Followed>();
	readonly #signalListeners = new Map<string, Set<(body: string) => void>>();
	readonly #wakeKey: string;
	#wakeId = '0-0';
	/** Counts the reader's lost connections: a catch-up begun before the last one is not trusted. */
	#readerEpoch = 0;
	/** Rooms whose commits did not reach the stream; each gets a reload marker once Redis is back. */
	readonly #unpublished = new Set<string>();
	/** All three connections up, as last logged. */
	#linked = false;
	/** Linked at least once: a failure before that is the start, not an outage. */
	#wasConnected = false;
	#closed = false;
	#stopWaiting: (() => void) | null = null;
	readonly #reading: Promise<void>;

	constructor(opts: { url: string; prefix: string; store: DocStore; log: Log }) {
		this.#prefix = opts.prefix;
		this.#store = opts.store;
		this.#log = opts.log;
		this.#wakeKey = `${opts.prefix}wake:${this.instanceId}`;
		this.#commands = connectRedis(opts.url, { name: 'fanout-commands', log: opts.log });
		this.#reader = connectRedis(opts.url, { name: 'fanout-reader', log: opts.log });
		this.#subscriber = connectRedis(opts.url, { name: 'fanout-presence', log: opts.log });
		for (const redis of [this.#commands, this.#reader, this.#subscriber]) {
			redis.on('ready', () => this.#linkChanged());
			redis.on('close', () => this.#linkChanged());
		}
		this.#commands.on('ready', () => this.#markUnpublished());
		this.#reader.on('close', () => this.#readerLost());
		this.#subscriber.on('ready', () => this.#subscribeAll());
		this.#subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
			if (channel.toString() === this.#signalChannel) this.#onSignal(message);
			else this.#onPresence(channel, message);
		});
		this.#reading = this.#readLoop();
	}

	/** 'connected' when all three connections are up; what the readiness check reads. */
	get state(): FanoutState {
		if (this.#closed) return 'closed';
		if (this.#allReady()) return 'connected';
		return this.#wasConnected ? 'disconnected' : 'connecting';
	}

	isConnected(): boolean {
		return this.state === 'connected';
	}

	/** Says once per outage that this instance works alone, and once that it is linked again. */
	#linkChanged(): void {
		const linked = this.#allReady();
		if (linked === this.#linked || this.#closed) return;
		this.#linked = linked;
		if (!linked) {
			this.#log.warn('fan-out unlinked: this instance serves and saves its own clients alone until Redis is back', { step: 'fanout' });
		} else if (this.#wasConnected) {
			this.#log.info('fan-out linked again: catching up with the other instances', { step: 'fanout' });
		}
		this.#wasConnected ||= linked;
	}

	#allReady(): boolean {
		return [this.#commands, this.#reader, this.#subscriber].every((redis) => redis.status === 'ready');
	}

	open(name: string): RoomFeed {
		const followed: Followed = { name, key: this.#prefix + name, room: null, position: null, extendedAt: 0 };
		this.#rooms.set(name, followed);
		const current = () => this.#rooms.get(name) === followed && !this.#closed;
		return {
			positioned: this.#position(followed),
			follow: (room) => {
				if (!current()) return;
				followed.room = room;
				this.#wake();
				// Subscribed before asking, so that the answers are heard; resubscribed on 'ready' if Redis is away.
				this.#subscriber
					.subscribe(this.#channel(name))
					.then(() => this.#publishPresence(name, new Uint8Array()))
					.catch(() => {});
			},
			committed: (updates) => {
				if (current()) this.#publish(followed, updates);
			},
			presence: (update) => {
				if (current()) this.#publishPresence(name, update);
			},
			leave: () => {
				if (!current()) return;
				this.#rooms.delete(name);
				this.#subscriber.unsubscribe(this.#channel(name)).catch(() => {});
			}
		};
	}

	/** Stops reading and publishing; call after the rooms have flushed (their last commits are published). */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		this.#stopWaiting?.();
		await this.#commands.del(this.#wakeKey).catch(() => {});
		this.#reader.disconnect();
		this.#subscriber.disconnect();
		await this.#reading;
		await this.#commands.quit().catch(() => {});
	}

	#channel(name: string): string {
		return `${this.#prefix}presence:${name}`;
	}

	get #signalChannel(): string {
		return `${this.#prefix}signal`;
	}

	/**
	 * A word to the other instances, never stored, lost while Redis is away (its sender's work goes
	 * on without it): e.g. "the plenary of this workshop is due" for the lease holder (plenary.ts).
	 */
	signal(topic: string, body: string): void {
		const message = JSON.stringify({ origin: this.instanceId, topic, body });
		this.#commands.publish(this.#signalChannel, message).catch(() => {});
	}

	/** Hears the other instances' signals of a topic; answers the way to stop. */
	onSignal(topic: string, listener: (body: string) => void): () => void {
		const listeners = this.#signalListeners.get(topic) ?? new Set();
		this.#signalListeners.set(topic, listeners);
		listeners.add(listener);
		return () => listeners.delete(listener);
	}

	#onSignal(message: Buffer): void {
		let signal: { origin?: unknown; topic?: unknown; body?: unknown };
		try {
			signal = JSON.parse(message.toString()) as typeof signal;
		} catch {
			return;
		}
		if (signal.origin === this.instanceId || typeof signal.topic !== 'string' || typeof signal.body !== 'string') return;
		for (const listener of this.#signalListeners.get(signal.topic) ?? []) {
			try {
				listener(signal.body);
			} catch (err) {
				this.#log.error('signal listener failed', { step: 'fanout', topic: signal.topic, error: String(err) });
			}
		}
	}

	/** The stream's last id before the room reads the store; null (catch up later) if Redis does not answer soon. */
	async #position(followed: Followed): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), POSITION_TIMEOUT_MS)));
		const position = await Promise.race([lastId(this.#commands, followed.key).catch(() => null), late]);
		clearTimeout(timer);
		followed.position = position;
	}

	#publish(followed: Followed, updates: Uint8Array[]): void {
		// One entry per store write: a refused update and its undo (room.ts) arrive together, never shown apart.
		const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
		const extend = Date.now() - followed.extendedAt > STREAM_EXTEND_MS;
		if (extend) followed.extendedAt = Date.now();
		this.#append(followed.key, updateFields(this.instanceId, update), { extend }).catch((err: unknown) => {
			// Before the first connection this is the start, not an outage: the reload marker covers it quietly.
			if (!this.#unpublished.size && this.#wasConnected) {
				this.#log.warn('fan-out cannot publish; the other instances reload these rooms from the store once Redis is back', {
					step: 'fanout',
					room: followed.name,
					error: String(err)
				});
			}
			this.#unpublished.add(followed.name);
		});
	}

	/** Redis is back for publishing: the other instances reload what this one committed meanwhile. */
	#markUnpublished(): void {
		const rooms = [...this.#unpublished];
		this.#unpublished.clear();
		if (rooms.length) this.#log.info('fan-out publishes again; the other instances reload what they missed', { step: 'fanout', rooms: rooms.length });
		for (const name of rooms) {
			this.#append(this.#prefix + name, reloadFields(this.instanceId)).catch(() => this.#unpublished.add(name));
		}
	}

	/** XADD, trimmed, and the stream's expiry pushed back (unless `extend` is false). Rejects at once while Redis is away. */
	async #append(key: string, fields: (string | Buffer)[], opts: { maxLength?: number; extend?: boolean } = {}): Promise<void> {
		await this.#commands.xadd(key, 'MAXLEN', '~', opts.maxLength ?? STREAM_MAXLEN, '*', ...fields);
		if (opts.extend ?? true) await this.#commands.pexpire(key, STREAM_TTL_MS);
	}

	#readerLost(): void {
		if (this.#closed) return;
		this.#readerEpoch += 1;
		for (const followed of this.#rooms.values()) followed.position = null;
	}

	/** Ends the reader's current XREAD BLOCK so that the next one includes a room that just loaded. */
	#wake(): void {
		this.#append(this.#wakeKey, ['w', '1'], { maxLength: 1 }).catch(() => {});
	}

	async #readLoop(): Promise<void> {
		while (!this.#closed) {
			if (this.#reader.status !== 'ready') {
				await this.#readerReady();
				continue;
			}
			try {
				await this.#catchUp();
				await this.#readOnce();
			} catch (err) {
				if (this.#closed || this.#reader.status !== 'ready') continue;
				this.#log.warn('fan-out read failed', { step: 'fanout', error: String(err) });
				await new Promise((resolve) => setTimeout(resolve, READ_RETRY_MS));
			}
		}
	}

	#readerReady(): Promise<void> {
		return new Promise((resolve) => {
			const done = () => {
				this.#reader.off('ready', done);
				this.#stopWaiting = null;
				resolve();
			};
			this.#reader.on('ready', done);
			this.#stopWaiting = done;
		});
	}

	/** Every loaded room without a place in its stream reloads from the store (see the file's comment). */
	async #catchUp(): Promise<void> {
		const behind = [...this.#rooms.values()].filter((f) => f.room && f.position === null);
		if (!behind.length) return;
		const epoch = this.#readerEpoch;
		this.#log.info('fan-out catching up from the store', { step: 'fanout', rooms: behind.length });
		await Promise.all(
			behind.map(async (followed) => {
				// The id first, then the store: what is published in between is read again, never missed.
				const position = await lastId(this.#reader, followed.key);
				const stored = await this.#store.loadDoc(followed.name);
				if (this.#rooms.get(followed.name) !== followed || epoch !== this.#readerEpoch) return;
				followed.room?.applyRemote(stored.updates);
				followed.position = position;
			})
		);
	}

	async #readOnce(): Promise<void> {
		const read = [...this.#rooms.values()].filter((f) => f.room && f.position !== null);
		const keys = [this.#wakeKey, ...read.map((f) => f.key)];
		const ids = [this.#wakeId, ...read.map((f) => f.position!)];
		const epoch = this.#readerEpoch;
		const reply = (await this.#reader.xreadBuffer('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...ids)) as XreadReply;
		if (!reply || epoch !== this.#readerEpoch) return;
		const byKey = new Map(read.map((f) => [f.key, f]));
		for (const [key, entries] of reply) {
			const last = entries[entries.length - 1];
			if (!last) continue;
			if (key.toString() === this.#wakeKey) {
				this.#wakeId = last[0].toString();
				continue;
			}
			const followed = byKey.get(key.toString());
			if (!followed || this.#rooms.get(followed.name) !== followed || followed.position === null) continue;
			await this.#deliver(followed, entries);
		}
	}

	async #deliver(followed: Followed, entries: XreadEntry[]): Promise<void> {
		followed.position = entries[entries.length - 1]![0].toString();
		const updates: Uint8Array[] = [];
		let reload = false;
		for (const [, fields] of entries) {
			const entry = readEntry(fields);
			if (!entry || entry.origin === this.instanceId) continue;
			if (entry.kind === 'reload') reload = true;
			else updates.push(entry.update);
		}
		if (!reload && entries.length === READ_COUNT) reload = await this.#readFromHead(followed.key, entries[0]![0].toString());
		const room = followed.room;
		if (!room) return;
		if (!reload && updates.length) reload = !room.applyRemote(updates).complete;
		if (reload) followed.position = null;
	}

	/**
	 * Whether a full batch began at the stream's oldest entry: then the trim may have taken entries
	 * this reader had not read (a batch that began later had an older entry before it, which the
	 * trim, oldest first, would have taken first). It may also be the stream's untrimmed start, and
	 * the room reloads needlessly; that takes a full batch, so a reader well behind.
	 */
	async #readFromHead(key: string, firstRead: string): Promise<boolean> {
		const [head] = await this.#reader.xrange(key, '-', '+', 'COUNT', 1);
		return head !== undefined && compareStreamIds(head[0], firstRead) >= 0;
	}

	/** Redis is (back) up: listen to the signals and each room's presence again, and hear the others' peers now (leaves sent meanwhile were lost). */
	#subscribeAll(): void {
		const names = [...this.#rooms.values()].filter((f) => f.room).map((f) => f.name);
		this.#subscriber
			.subscribe(this.#signalChannel, ...names.map((name) => this.#channel(name)))
			.then(() => names.forEach((name) => this.#publishPresence(name, new Uint8Array())))
			.catch(() => {});
	}

	/** Never persisted and never retried: a lost cursor move is followed by the next, and a client renews its state every 15 s. */
	#publishPresence(name: string, update: Uint8Array): void {
		this.#commands.publish(this.#channel(name), encodePresence(this.instanceId, update)).catch(() => {});
	}

	#onPresence(channel: Buffer, message: Buffer): void {
		const name = channel.toString().slice(`${this.#prefix}presence:`.length);
		const room = this.#rooms.get(name)?.room;
		const presence = decodePresence(message);
		if (!room || !presence || presence.origin === this.instanceId) return;
		if (presence.update.byteLength) return room.applyRemoteAwareness(presence.update);
		// Another instance has just loaded the room: it hears our peers now, not at their next renewal.
		const ours = room.localAwareness();
		if (ours) this.#publishPresence(name, ours);
	}
}

type XreadEntry = [id: Buffer, fields: Buffer[]];
type XreadReply = [key: Buffer, entries: XreadEntry[]][] | null;

/** The id of a stream's newest entry, or '0-0' for an empty or missing stream (read from the start). */
async function lastId(redis: Redis, key: string): Promise<string> {
	const newest = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
	return newest[0]?.[0] ?? '0-0';
}
