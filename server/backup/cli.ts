/**
 * `npm run backup -- <file>` for the operator: an online backup of DATA_DIR/verkstad.db into a
 * new file, while the server runs (sqlite-backup.ts). With DATABASE_URL set the data is in
 * PostgreSQL, which this does not copy: it prints the pg_dump command instead.
 */
import path from 'node:path';
import { configFromEnv } from '../config';
import { backupSqlite } from './sqlite-backup';

const USAGE = 'usage: npm run backup -- <file>   copy DATA_DIR/verkstad.db to <file>, a new file, while the server runs';

async function main(args: string[]): Promise<number> {
	const [target, extra] = args;
	if (!target || extra !== undefined) {
		console.error(USAGE);
		return 2;
	}
	const config = configFromEnv();
	if (config.databaseUrl) {
		console.error('DATABASE_URL is set: the data is in PostgreSQL. Back it up with\n  pg_dump -Fc -d "$DATABASE_URL" -f verkstad.dump\n(see "Backup and restore" in the README).');
		return 1;
	}
	const dbFile = path.join(config.dataDir, 'verkstad.db');
	const { bytes } = await backupSqlite(dbFile, path.resolve(target));
	console.log(`backed up ${dbFile} to ${path.resolve(target)} (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
	console.log(`pictures are files under ${path.join(config.dataDir, 'pictures')}: copy that folder too`);
	return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : String(e));
	return 1;
});
