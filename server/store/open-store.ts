/**
 * Picks the store from the configuration: embedded SQLite in DATA_DIR (which must exist) when no
 * DATABASE_URL is set, else PostgreSQL, which must answer at start: a wrong or unreachable
 * DATABASE_URL stops the server with one line that names the server (never the password) and
 * the reason.
 */
import path from 'node:path';
import type { Config } from '../config';
import type { Log } from '../log';
import type { DocStore } from './doc-store';
import type { PgStoreOptions } from './pg-store';
import { SqliteStore } from './sqlite-store';

export async function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl' | 'maxDbBytes'>, log: Log): Promise<DocStore> {
	if (config.databaseUrl === null) {
		const file = path.join(config.dataDir, 'verkstad.db');
		log.info('store: SQLite', { file });
		return new SqliteStore(file, { maxBytes: config.maxDbBytes });
	}
	const where = describeDatabase(config.databaseUrl);
	// Loaded only here: a server on SQLite never loads the PostgreSQL driver (issue 11's lean idle).
	const { PgStore } = await import('./pg-store');
	const store = new PgStore(pgStoreOptions(config.databaseUrl));
	let migrated: number[];
	try {
		migrated = await store.migrate();
	} catch (err) {
		await store.close().catch(() => {});
		const reason = err instanceof Error ? err.message : String(err);
		// A schema from a newer server is not a connection problem: say it as it is.
		if (/newer than this server/.test(reason)) throw err;
		throw new Error(`Cannot reach PostgreSQL at ${where}: ${reason}`, { cause: err });
	}
	log.info('store: PostgreSQL', { database: where, schema: store.schema, migrated });
	return store;
}

/**
 * DATABASE_URL may name the schema for Verkstad's tables (`?schema=verkstad`; default public), so
 * that one database can hold several Verkstads, or each test its own. libpq knows no such
 * parameter, so it is taken out before the URL reaches the driver.
 */
export function pgStoreOptions(url: string): PgStoreOptions {
	const parsed = new URL(url);
	const schema = parsed.searchParams.get('schema') ?? undefined;
	parsed.searchParams.delete('schema');
	return { connectionString: parsed.toString(), schema };
}

/** host:port/database of a postgres:// URL, without the user or password. */
export function describeDatabase(url: string): string {
	const parsed = new URL(url);
	return `${parsed.hostname}:${parsed.port || '5432'}/${decodeURIComponent(parsed.pathname.slice(1))}`;
}
