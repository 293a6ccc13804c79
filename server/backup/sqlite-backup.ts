/**
 * An online backup of the embedded SQLite database: SQLite's backup API (better-sqlite3
 * `db.backup`) copies the database page by page from a connection of its own, so the server goes
 * on reading and writing meanwhile, and the copy is one consistent file (the WAL folded in) that
 * SQLite opens as it is. Restoring is replacing the database file while the server is stopped
 * (README, "Backup and restore").
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

/** Copies `dbFile` to `target`, which must not exist yet; answers the size of the copy. */
export async function backupSqlite(dbFile: string, target: string): Promise<{ bytes: number }> {
	if (!fs.existsSync(dbFile)) throw new Error(`${dbFile} does not exist: is DATA_DIR the server's?`);
	if (fs.existsSync(target)) throw new Error(`${target} exists already; name a new file, so that no backup is overwritten`);
	const db = new Database(dbFile, { readonly: true, fileMustExist: true });
	try {
		await db.backup(target);
	} finally {
		db.close();
	}
	return { bytes: fs.statSync(target).size };
}
