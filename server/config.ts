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
		retentionDays: positive(env, 'RETENTION_DAYS', 90)
	};
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
	return value;
}
