/** Configuration from the environment. Defaults run a single machine with embedded SQLite. */
import path from 'node:path';

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	/** Base URL for links and QR codes; when unset, links are built from the request's host. */
	publicUrl: string | null;
	logLevel: 'debug' | 'info' | 'warn' | 'error';
	/** How often changed boards are snapshotted for the history (SNAPSHOT_MINUTES, default 5). */
	snapshotIntervalMs: number;
	/** A workshop and everything of it is deleted this many days after its creation (RETENTION_DAYS, default 90). */
	retentionDays: number;
	/**
	 * MAX_DB_MB (unset: no cap): stop before the disk fills. The database file never grows past
	 * this; writes beyond it are refused as on a full disk (the boards say they cannot save), and
	 * work again as soon as old workshops are deleted or the cap is raised. Leave room for the WAL
	 * beside it (a few MB) and for pictures, which are files under DATA_DIR/pictures.
	 */
	maxDbBytes: number | null;
	/**
	 * MIN_FREE_MB (default 200; 0 turns it off): below this much free space on DATA_DIR's file
	 * system, nothing new is taken in (new workshops, workshop and template imports, pictures get
	 * 507), so that the space left goes to the boards already running.
	 */
	minFreeBytes: number;
	/**
	 * Scale-out (issue 12): DATABASE_URL (postgres://…) puts every instance's data and each
	 * workshop's lease in one PostgreSQL database, and REDIS_URL (redis://…) fans updates out
	 * between instances. Both or neither: one without the other would let two instances each
	 * believe they are alone. Both null: one process on embedded SQLite under dataDir.
	 */
	databaseUrl: string | null;
	redisUrl: string | null;
	/** REDIS_PREFIX (default "verkstad:"): starts every Redis key and channel, so that several deployments can share one Redis. */
	redisPrefix: string;
	/**
	 * Behind a reverse proxy (ADDRESS_HEADER, e.g. X-Forwarded-For; XFF_DEPTH, default 1): the
	 * header that carries the client's address, and how many proxies from the right to skip in it.
	 * Unset: the TCP peer's address, and no header is believed, since a client could write any.
	 * The same names adapter-node reads, so pages and sync sockets see the same address.
	 */
	addressHeader: string | null;
	xffDepth: number;
	/**
	 * METRICS_TOKEN (unset: /metrics is open): the Bearer token Prometheus must send for /metrics.
	 * The metrics are counts and timings with no workshop in them, so open is safe on a private
	 * network; set it when the instance's port is reachable from outside.
	 */
	metricsToken: string | null;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
	const port = Number(env.PORT ?? 3000);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0–65535, not "${env.PORT}"`);
	const level = env.LOG_LEVEL ?? 'info';
	if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new Error(`LOG_LEVEL must be debug, info, warn or error`);
	const snapshotMinutes = positive(env, 'SNAPSHOT_MINUTES', 5);
	return {
		port,
		host: env.HOST ?? '0.0.0.0',
		dataDir: path.resolve(env.DATA_DIR ?? './data'),
		publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
		logLevel: level as Config['logLevel'],
		snapshotIntervalMs: snapshotMinutes * 60_000,
		retentionDays: positive(env, 'RETENTION_DAYS', 90),
		maxDbBytes: env.MAX_DB_MB === undefined || env.MAX_DB_MB === '' ? null : positive(env, 'MAX_DB_MB', 0) * MB,
		minFreeBytes: atLeastZero(env, 'MIN_FREE_MB', 200) * MB,
		...scaleOut(env),
		redisPrefix: env.REDIS_PREFIX || 'verkstad:',
		addressHeader: env.ADDRESS_HEADER ? env.ADDRESS_HEADER.toLowerCase() : null,
		xffDepth: positiveInteger(env, 'XFF_DEPTH', 1),
		metricsToken: env.METRICS_TOKEN ? env.METRICS_TOKEN : null
	};
}

function scaleOut(env: NodeJS.ProcessEnv): Pick<Config, 'databaseUrl' | 'redisUrl'> {
	const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
	const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
	if ((databaseUrl === null) !== (redisUrl === null)) {
		const [set, unset] = databaseUrl ? ['DATABASE_URL', 'REDIS_URL'] : ['REDIS_URL', 'DATABASE_URL'];
		throw new Error(
			`${set} is set but ${unset} is not. Running at scale needs both (PostgreSQL for the data, Redis between the instances); ` +
				`set neither to run one instance on embedded SQLite. See "Running at scale" in the README.`
		);
	}
	return { databaseUrl, redisUrl };
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | null {
	const raw = env[name];
	if (raw === undefined || raw === '') return null;
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		throw new Error(`${name} is not a URL: it should look like ${protocols[0]}//host:port/…`);
	}
	if (!protocols.includes(parsed.protocol)) {
		throw new Error(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')}, not "${parsed.protocol}//"`);
	}
	return raw;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const value = positive(env, name, fallback);
	if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number, not "${env[name]}"`);
	return value;
}

const MB = 1024 * 1024;

function atLeastZero(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of 0 or more, not "${raw}"`);
	return value;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
	return value;
}
