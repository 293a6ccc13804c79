/**
 * The disk fills up during a workshop (here: the database reaches MAX_DB_MB because something else
 * filled it). A participant who writes a note is told that the server cannot save, in Swedish, and
 * loses nothing: once space returns, the note is saved and reaches the others without a reload.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { boardRoom, readNotes } from '../../src/lib/board';
import { addNoteWithButton, connection, createWorkshop, join, note } from './people';
import { startServer, type RunningServer } from './server';

const EXPECTATIONS = 'Vilka förväntningar har du på Lärlabb?';
const CAP_MB = 8;
/**
 * Seed length on purpose: a full file can still take a few short rows in the free space of its
 * last pages, so a short note may be saved before the disk is full for it. Every keystroke is a
 * row; a note this long needs new pages whatever the fill.
 */
const TEXT =
	'Skrivet när disken var full: jag förväntar mig att träffa andra som arbetar med hållbar utveckling i regionen och ta med konkreta verktyg hem till min egen organisation.';

/** The notes' texts the store holds for a room: what would survive a crash right now. */
function savedTexts(db: Database.Database, room: string): string[] {
	const doc = new Y.Doc();
	const rows = [
		...db.prepare('SELECT data FROM doc_snapshots WHERE room = ?').all(room),
		...db.prepare('SELECT data FROM doc_updates WHERE room = ? ORDER BY id').all(room)
	] as { data: Buffer }[];
	for (const { data } of rows) Y.applyUpdate(doc, new Uint8Array(data));
	return readNotes(doc).map((n) => n.text);
}

let server: RunningServer;
test.afterEach(async () => {
	await server?.stop();
});

test('a note written on a full disk is kept in the browser, the person is told, and it is saved once there is room', async ({ browser }) => {
	server = await startServer(undefined, 0, { MAX_DB_MB: String(CAP_MB) });
	const workshop = await createWorkshop(server.url, 1);
	const anna = await join(browser, workshop.participantUrl, 'Anna Berg', 'Region Skåne', 'Grupp 1');
	const bo = await join(browser, workshop.participantUrl, 'Bo Ek', 'MUCF', 'Grupp 1');

	// Something else fills the database to the server's cap (another connection is not capped).
	const db = new Database(path.join(server.dataDir, 'verkstad.db'));
	db.pragma('busy_timeout = 5000');
	db.exec('CREATE TABLE ballast (b BLOB)');
	const fill = db.prepare('INSERT INTO ballast VALUES (zeroblob(1048576))');
	for (let i = 0; i < CAP_MB + 1; i++) fill.run();

	await addNoteWithButton(anna.page, EXPECTATIONS, TEXT);
	await expect(anna.page.getByRole('status').filter({ hasText: 'Servern kan inte spara just nu' })).toBeVisible();
	// Durable before visible: if Bo sees the whole note, the store has it. (The room's repair after a
	// refused write compacts its log, which can free enough room to save the note meanwhile: right.)
	if (await note(bo.page, TEXT).count()) expect(savedTexts(db, boardRoom(workshop.code, 'g1'))).toContain(TEXT);
	await anna.page.screenshot({ path: test.info().outputPath('full-disk.png') });
	await anna.page.setViewportSize({ width: 360, height: 740 });
	await expect(anna.page.getByRole('status').filter({ hasText: 'Servern kan inte spara just nu' })).toBeInViewport();
	await anna.page.screenshot({ path: test.info().outputPath('full-disk-phone.png') });

	db.exec('DELETE FROM ballast');
	db.close();
	await expect(connection(anna.page)).toHaveText(/Ansluten/, { timeout: 30_000 });
	await expect(note(bo.page, TEXT)).toBeVisible({ timeout: 30_000 });
	await expect(note(anna.page, TEXT)).toBeVisible();
});
