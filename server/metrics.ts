/**
 * Prometheus metrics for one Verkstad instance, served at /metrics (server/http/operator.ts).
 * Each instance has its own registry, never prom-client's global one, so that a test can run two.
 *
 * The sync path is hot (every frame to every peer), so it only bumps plain numbers in
 * `sync.counts`; the counters read them when Prometheus scrapes. No metric has a per-room label:
 * a label per room would grow without bound and cost a hash on every message. Histograms are
 * observed once per relayed update and once per store commit, not per frame.
 *
 * Event-loop delay and the rest of the process (memory, CPU, GC, handles) are prom-client's
 * default metrics (`nodejs_eventloop_lag_*` come from monitorEventLoopDelay).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Counted on the sync hot path as plain numbers. */
export interface SyncCounts {
	/** Client updates that passed admission and were applied. */
	updatesAdmitted: number;
	/** Client updates refused: malformed, incomplete, over the doc size, or undone by a policy. */
	updatesRefused: number;
	/** Frames sent to sync sockets, of every kind. */
	framesSent: number;
}

/** What the sync server (rooms.ts, room.ts, room-writer.ts, connection.ts) records. */
export interface SyncMetrics {
	readonly counts: SyncCounts;
	/** From an update's admission to its relay to the other peers (which waits for the commit). */
	readonly relaySeconds: Pick<Histogram, 'observe'>;
	/** One store append batch, from hand-over to commit. */
	readonly commitSeconds: Pick<Histogram, 'observe'>;
}

/** For a sync server that nobody scrapes (unit tests that build a Room alone). */
export function unobservedSync(): SyncMetrics {
	const ignore = { observe: () => {} };
	return { counts: { updatesAdmitted: 0, updatesRefused: 0, framesSent: 0 }, relaySeconds: ignore, commitSeconds: ignore };
}

/**
 * How often the event-loop delay is sampled. prom-client's default, 10 ms, is a timer that wakes
 * the process 100 times a second: 0.9 % of a core on an idle server, nearly all of its idle CPU.
 * At ten samples a second, a stall of 100 ms or more is always seen, a shorter one in proportion
 * to its length; the lag percentiles stay comparable from one scrape to the next.
 */
export const EVENT_LOOP_SAMPLE_MS = 100;

/** Relays and commits take milliseconds on SQLite; the top buckets catch a disk or a database in trouble. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class Metrics {
	readonly registry = new Registry();
	readonly sync: SyncMetrics;
	/** Workshop leases this instance holds (set by the lease keeper; 0 while there is none). */
	readonly leasesHeld: Gauge;
	#roomStats: () => { rooms: number; connections: number } = () => ({ rooms: 0, connections: 0 });

	constructor() {
		const registers = [this.registry];
		collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
		const counts: SyncCounts = { updatesAdmitted: 0, updatesRefused: 0, framesSent: 0 };
		const counterOf = (name: string, help: string, read: () => number) =>
			new Counter({
				name,
				help,
				registers,
				collect() {
					this.reset();
					this.inc(read());
				}
			});
		counterOf('verkstad_updates_in_total', 'Client document updates admitted and applied.', () => counts.updatesAdmitted);
		counterOf('verkstad_updates_refused_total', 'Client document updates refused (malformed, incomplete, doc full, or undone by a rule).', () => counts.updatesRefused);
		counterOf('verkstad_frames_out_total', 'Frames sent to sync sockets.', () => counts.framesSent);
		const stats = () => this.#roomStats();
		new Gauge({
			name: 'verkstad_sync_connections',
			help: 'Open sync websocket connections.',
			registers,
			collect() {
				this.set(stats().connections);
			}
		});
		new Gauge({
			name: 'verkstad_rooms_loaded',
			help: 'Rooms (documents) loaded in memory.',
			registers,
			collect() {
				this.set(stats().rooms);
			}
		});
		this.leasesHeld = new Gauge({ name: 'verkstad_leases_held', help: 'Workshop leases this instance holds.', registers });
		this.sync = {
			counts,
			relaySeconds: new Histogram({
				name: 'verkstad_relay_seconds',
				help: 'From admitting a client update to sending it to the other peers, store commit included.',
				buckets: LATENCY_BUCKETS,
				registers
			}),
			commitSeconds: new Histogram({
				name: 'verkstad_store_commit_seconds',
				help: 'One batch of document updates appended to the store, until committed.',
				buckets: LATENCY_BUCKETS,
				registers
			})
		};
	}

	/** Where the connection and room gauges read from (Rooms.stats), once the rooms exist. */
	countRooms(stats: () => { rooms: number; connections: number }): void {
		this.#roomStats = stats;
	}

	/** The text exposition format Prometheus scrapes, and its content type. */
	async scrape(): Promise<{ contentType: string; body: string }> {
		return { contentType: this.registry.contentType, body: await this.registry.metrics() };
	}
}
