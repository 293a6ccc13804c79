/**
 * Backup and restore as the README tells an operator to do them, on the real engines:
 *   - SQLite: `npm run backup -- <file>` (server/backup/cli.ts) while the server runs and a client
 *     writes, then the restore steps (a fresh DATA_DIR with the copy as verkstad.db), and the same
 *     workshop read back through the store;
 *   - PostgreSQL: `pg_dump -Fc -n <schema>` and `pg_restore` into a fresh database, on rows
 *     written with plain SQL in a schema of this test (the PostgreSQL store is another branch's;
 *     the commands do not depend on its tables).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, boardRoom, readNotes } from '../../src/lib/board';
import { SqliteStore } from '../../server/store/sqlite-store';
import { connectClient, createWorkshop, startServer, tempDir, waitFor, writeNotes, type TestServer } from './helpers';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');
const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function docOf(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

describe('SQLite backup and restore', () => {
	it('copies a running server\'s database with `npm run backup`, and a fresh DATA_DIR with the copy serves the same workshop', async () => {
		const server: TestServer = await startServer();
		cleanups.push(() => server.close());
		const w = await createWorkshop(server, 1);
		const room = boardRoom(w.code, 'g1');
		await writeNotes(server, w.code, { groupId: 'g1', name: 'Anna', organisation: 'Region Test' }, ['Före kopian', 'Också före']);
		// Bo writes just before the backup (committed, so likely still in the WAL only) and while it runs.
		const bo = await w.participant('g1', 'Bo');
		const client = connectClient(server, room, bo.token);
		const watcher = connectClient(server, room, (await w.participant('g1', 'Cecilia')).token);
		await Promise.all([client.synced, watcher.synced]);
		addNote(client.doc, { x: 400, y: 100, text: 'Strax före' }, bo.author);
		// Relayed only once committed (durable before visible).
		await waitFor(() => readNotes(watcher.doc).some((n) => n.text === 'Strax före'), { message: "Bo's note committed" });

		const backupDir = tempDir();
		cleanups.push(() => fs.rmSync(backupDir, { recursive: true, force: true }));
		const target = path.join(backupDir, 'verkstad-backup.db');
		const backup = run(TSX, ['server/backup/cli.ts', target], { env: { ...process.env, DATA_DIR: server.dataDir } });
		addNote(client.doc, { x: 400, y: 400, text: 'Under kopieringen' }, bo.author);
		const { stdout } = await backup;
		expect(stdout).toMatch(/^backed up .*verkstad\.db to .*verkstad-backup\.db/);
		await waitFor(() => server.rooms.read(room, (d) => readNotes(d).some((n) => n.text === 'Under kopieringen')), { message: "Bo's note at the server" });
		// A second backup to the same file is refused, never overwritten.
		await expect(run(TSX, ['server/backup/cli.ts', target], { env: { ...process.env, DATA_DIR: server.dataDir } })).rejects.toMatchObject({
			stderr: expect.stringMatching(/exists already/)
		});

		// Restore: a fresh DATA_DIR whose verkstad.db is the copy, opened by the store.
		const restoredDir = tempDir();
		cleanups.push(() => fs.rmSync(restoredDir, { recursive: true, force: true }));
		fs.copyFileSync(target, path.join(restoredDir, 'verkstad.db'));
		const restored = new SqliteStore(path.join(restoredDir, 'verkstad.db'));
		cleanups.push(() => restored.close());
		expect(await restored.getWorkshop(w.code)).toMatchObject({ code: w.code, title: 'Testworkshop' });
		const texts = readNotes(docOf((await restored.loadDoc(room)).updates)).map((n) => n.text);
		expect(texts).toEqual(expect.arrayContaining(['Före kopian', 'Också före', 'Strax före']));
	});
});

describe('PostgreSQL backup and restore', () => {
	it('restores a schema dumped with `pg_dump -Fc -n` into a fresh database, with the same rows', async () => {
		const schema = `verkstad_backup_${randomUUID().replaceAll('-', '')}`;
		const restoredDb = `verkstad_restore_${randomUUID().replaceAll('-', '')}`;
		const admin = new pg.Client({ ...PG, database: 'test' });
		await admin.connect();
		cleanups.push(async () => {
			await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
			await admin.query(`DROP DATABASE IF EXISTS ${restoredDb}`);
			await admin.end();
		});

		// A board's log as a store would keep it: the room name, a sequence number, the update bytes.
		const doc = new Y.Doc();
		addNote(doc, { x: 0, y: 0, text: 'Sparad i PostgreSQL' }, { id: 'p1', name: 'Anna', organisation: 'Region Test' });
		await admin.query(`CREATE SCHEMA ${schema}`);
		await admin.query(`CREATE TABLE ${schema}.updates (room text NOT NULL, seq bigserial PRIMARY KEY, update bytea NOT NULL)`);
		await admin.query(`INSERT INTO ${schema}.updates (room, update) VALUES ($1, $2)`, ['ABCDEF/board/g1', Buffer.from(Y.encodeStateAsUpdate(doc))]);

		const dir = tempDir();
		cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
		const dump = path.join(dir, 'verkstad.dump');
		const connection = ['-h', PG.host, '-p', String(PG.port), '-U', PG.user];
		await run('pg_dump', [...connection, '-Fc', '-n', schema, '-d', 'test', '-f', dump]);
		await admin.query(`CREATE DATABASE ${restoredDb}`);
		await run('pg_restore', [...connection, '--no-owner', '-d', restoredDb, dump]);

		const restored = new pg.Client({ ...PG, database: restoredDb });
		await restored.connect();
		try {
			const { rows } = await restored.query<{ room: string; update: Buffer }>(`SELECT room, update FROM ${schema}.updates ORDER BY seq`);
			expect(rows.map((r) => r.room)).toEqual(['ABCDEF/board/g1']);
			expect(readNotes(docOf(rows.map((r) => new Uint8Array(r.update)))).map((n) => n.text)).toEqual(['Sparad i PostgreSQL']);
		} finally {
			await restored.end();
		}
	});
});
