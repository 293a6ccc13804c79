/**
 * Composition root: builds the store, tokens, rooms and the workshop services from a Config.
 * server/index.ts (production) and the Vite plugin (dev) both call createVerkstad, then publish
 * the result with publishVerkstad (server/published.ts) for the SvelteKit endpoints.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Config } from './config';
import { createLog, type Log } from './log';
import { Metrics } from './metrics';
import { RateLimits } from './http/rate-limits';
import { Readiness } from './http/readiness';
import { storeCheck } from './http/store-check';
import type { Fanout } from './scale/fanout';
import { Tokens } from './auth/tokens';
import type { DocStore } from './store/doc-store';
import { FreeSpaceFloor } from './store/free-space';
import { openStore } from './store/open-store';
import { Rooms } from './sync/rooms';
import type { Leases } from './scale/leases';
import { serverWork, type LeaseOptions } from './scale/lease-work';
import { ThemeService } from './themes/service';
import { ChatService } from './workshops/chat';
import { GroupService } from './workshops/groups';
import { LeaderService } from './workshops/leaders';
import { PhaseActionService } from './workshops/phase-actions';
import { PhaseService } from './workshops/phases';
import { ProgressService } from './workshops/progress';
import { PlenaryService } from './workshops/plenary';
import { RetentionService } from './workshops/retention';
import { RevealService } from './workshops/reveal';
import { SummaryMove } from './workshops/summary-move';
import { ExportService } from './export/service';
import { TemplateService } from './templates/service';
import { PictureSharing } from './pictures/share';
import { PictureStore } from './pictures/store';
import { HistoryService } from './history/service';
import { VoteService } from './workshops/votes';
import { WorkshopService } from './workshops/service';

export interface Verkstad {
	config: Config;
	log: Log;
	/** Prometheus metrics of this instance (GET /metrics). */
	metrics: Metrics;
	/** What GET /readyz answers; draining from close() on. */
	readiness: Readiness;
	/** Every rate limit, shared through Redis when REDIS_URL is set. */
	rateLimits: RateLimits;
	store: DocStore;
	tokens: Tokens;
	rooms: Rooms;
	/** The link to the other instances through Redis (REDIS_URL), or null on a lone instance. Its `isConnected()` is for the readiness check. */
	fanout: Fanout | null;
	workshops: WorkshopService;
	chat: ChatService;
	leaders: LeaderService;
	/** Moving, removing and placing participants; adding and renaming groups (facilitator). */
	groups: GroupService;
	plenary: PlenaryService;
	votes: VoteService;
	reveal: RevealService;
	exports: ExportService;
	themes: ThemeService;
	templates: TemplateService;
	/** Uploaded pictures, kept by the store (never in a doc). */
	pictures: PictureStore;
	/** Puts one uploaded picture on every group board's image figure of a title. */
	pictureSharing: PictureSharing;
	history: HistoryService;
	retention: RetentionService;
	/** Which workshops' server work runs here (issue 12 §3). */
	leases: Leases;
	/** Says not-ready at once, then flushes every room, closes sockets cleanly and closes the store. */
	close(): Promise<void>;
}

export async function createVerkstad(config: Config, leaseOptions?: LeaseOptions): Promise<Verkstad> {
	const log = createLog(config.logLevel);
	fs.mkdirSync(config.dataDir, { recursive: true });
	// The Redis client is loaded only at scale: a server on SQLite never needs it (issue 11's lean idle).
	const redis = config.redisUrl ? { url: config.redisUrl, ...(await import('./scale/fanout')), ...(await import('./scale/redis')) } : null;
	// A wrong REDIS_URL stops the start, as a wrong DATABASE_URL does (openStore).
	if (redis) await redis.checkRedisAtStart(redis.url);
	const store = await openStore(config, log);
	const freeSpace = new FreeSpaceFloor({ dataDir: config.dataDir, minFreeBytes: config.minFreeBytes });
	const tokens = new Tokens(await tokenSecret(store));
	const metrics = new Metrics();
	const readiness = new Readiness();
	readiness.add('store', () => storeCheck(store));
	const fanout = redis ? new redis.Fanout({ url: redis.url, prefix: config.redisPrefix, store, log }) : null;
	if (fanout) readiness.report('fanout', () => fanout.state);
	const rooms = new Rooms({ store, tokens, log, metrics: metrics.sync, proxy: config, feeds: fanout ?? undefined, signals: fanout });
	metrics.countRooms(() => rooms.stats());
	// With DATABASE_URL several instances share the work; without it this one holds every lease.
	const work = serverWork(config, { store, rooms, log, leasesHeld: metrics.leasesHeld }, leaseOptions);
	const { leases, seats } = work;
	const pictures = new PictureStore({ store, freeSpace, log });
	const workshops = new WorkshopService({ store, tokens, rooms, pictures, freeSpace, log, seats });
	// Their own Redis connection (server/scale/redis.ts): the limits must not wait behind the fan-out's reads.
	const limitsRedis = redis ? redis.connectRedis(redis.url, { name: 'rate-limits', log }) : null;
	// Under REDIS_PREFIX like every other key: two deployments (or two tests) on one Redis keep their own budgets.
	const rateLimits = new RateLimits({ redis: limitsRedis, keyPrefix: `${config.redisPrefix}limit` });
	if (limitsRedis) readiness.report('limits', () => rateLimits.mode);
	const chat = new ChatService({ store, rooms, log, limits: rateLimits });
	const leaders = new LeaderService({ store, rooms, log });
	const plenary = new PlenaryService({ store, rooms, log, leases, signals: fanout });
	// Workshops from before the facilitator room get their summary edits moved there on load.
	const summaryMove = new SummaryMove({ rooms, log });
	const history = new HistoryService({ store, rooms, log, intervalMs: config.snapshotIntervalMs, leases });
	history.start();
	const phases = new PhaseService({ store, rooms, log, leases, onPhaseEnd: (code) => void history.snapshotWorkshop(code, 'phase') });
	// Phases that were running when the server stopped end on time, with nobody connected.
	void phases.start();
	const retention = new RetentionService({ store, rooms, history, log, dataDir: config.dataDir, retentionDays: config.retentionDays, leases });
	retention.start();
	const votes = new VoteService({ store, rooms, log });
	const reveal = new RevealService({ store, rooms, log });
	// A phase's start and end actions (think-first, reveal, vote, lock), also with nobody connected.
	const phaseActions = new PhaseActionService({ rooms, reveal, votes, log, leases });
	work.handTo({ phases, phaseActions, history, retention, plenary });
	// Draft counts and "Klar" per person for the control room, never the drafts' text.
	const progress = new ProgressService({ rooms, log });
	let closing: Promise<void> | null = null;
	return {
		config,
		log,
		metrics,
		readiness,
		rateLimits,
		store,
		tokens,
		rooms,
		fanout,
		workshops,
		chat,
		leaders,
		groups: new GroupService({ store, rooms, log, plenary, seats }),
		plenary,
		votes,
		reveal,
		exports: new ExportService({ store, rooms, pictures }),
		themes: new ThemeService({ store, rooms }),
		templates: new TemplateService({ store, rooms, freeSpace, log }),
		pictures,
		pictureSharing: new PictureSharing({ store, rooms, pictures, log }),
		history,
		retention,
		leases,
		close() {
			// The services stop changing rooms first, then the rooms flush, then the store closes.
			// Each step is logged, so that a shutdown that does not finish names the step it hangs in.
			const steps: [string, () => Promise<void>][] = [
				// First, so that another instance takes this one's workshops over while it drains.
				['leases', () => work.close()],
				['retention', () => retention.close()],
				['phases', () => phases.close()],
				['phase-actions', () => phaseActions.close()],
				['progress', () => progress.close()],
				['history', () => history.close()],
				['plenary', () => plenary.close()],
				['summary-move', () => summaryMove.close()],
				['rooms', () => rooms.close()],
				['seat-lock', () => work.closeSeats()],
				// After the rooms: their last commits are published on the way out.
				['fanout', async () => fanout?.close()],
				['rate-limits', async () => limitsRedis?.disconnect()],
				['store', () => store.close()]
			];
			readiness.drain();
			closing ??= (async () => {
				for (const [service, close] of steps) {
					log.info('closing', { step: 'shutdown', service });
					await close();
				}
			})();
			return closing;
		}
	};
}

/**
 * The HMAC secret is made once per store and kept in it. Set-if-absent, so that instances
 * starting together on one database agree on the one secret that was stored first.
 */
async function tokenSecret(store: DocStore): Promise<string> {
	const existing = await store.getSetting('token-secret');
	if (existing) return existing;
	return store.setSettingIfAbsent('token-secret', randomBytes(48).toString('base64url'));
}
