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
		minFreeBytes: atLeastZero(env, 'MIN_FREE_MB', 200) * MB
	};
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
