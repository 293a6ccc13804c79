/** Configuration from the environment. Defaults run a single machine with embedded SQLite. */
import path from 'node:path';

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	/** Base URL for links and QR codes; when unset, links are built from the request's host. */
	publicUrl: string | null;
	logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
	const port = Number(env.PORT ?? 3000);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0–65535, not "${env.PORT}"`);
	const level = env.LOG_LEVEL ?? 'info';
	if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new Error(`LOG_LEVEL must be debug, info, warn or error`);
	return {
		port,
		host: env.HOST ?? '0.0.0.0',
		dataDir: path.resolve(env.DATA_DIR ?? './data'),
		publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
		logLevel: level as Config['logLevel']
	};
}
