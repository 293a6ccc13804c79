/**
 * Workshops from before the facilitator room kept the summary edits in the workshop doc. The
 * server moves them out when the workshop room loads (server/workshops/summary-move.ts): into the
 * facilitator room, then a Yjs delete from the workshop doc, so a participant ends up holding none
 * of it. Each step is idempotent: a move cut short, or two at once, end in the same state.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	facilitatorRoom,
	hasSummaryEntries,
	mergeSummaryItem,
	readBroadcast,
	readSummaryEdits,
	setBroadcast,
	setSummaryDropped,
	setSummaryText,
	summaryItemKey,
	workshopRoom
} from '../../src/lib/board';
import { moveSummaryOut, SummaryMove } from '../../server/workshops/summary-move';
import { claimsOf, connectClient, createWorkshop, startServer, tempDir, waitFor, writeNotes, type TestServer } from './helpers';

const FIGURE = 'Vad vill ni diskutera?'; // the blank template's one figure
const key = (text: string) => summaryItemKey(FIGURE, text);
const NOTES = ['Mötesplatser', 'Fler mötesplatser', 'Kaffe'];
const REWORDED = 'Mötesplatser mellan region och myndighet';

let dataDir: string;
let server: TestServer;
let move: SummaryMove | null = null;
let code: string;
let facilitatorToken: string;

/** A workshop as the server before the facilitator room left it: the edits in the workshop doc. */
beforeEach(async () => {
	dataDir = tempDir();
	const old = await startServer({ dataDir });
	const w = await createWorkshop(old, 2);
	({ code, facilitatorToken } = w);
	await writeNotes(old, code, { groupId: 'g1', name: 'Anna', organisation: 'Region Skåne', figureTitle: FIGURE }, NOTES);
	await old.rooms.update(workshopRoom(code), (doc) => {
		setSummaryText(doc, key('Mötesplatser'), REWORDED, 'Mötesplatser');
		mergeSummaryItem(doc, key('Fler mötesplatser'), key('Mötesplatser'));
		setSummaryDropped(doc, key('Kaffe'), true);
	});
	await old.close();
	server = await startServer({ dataDir });
});
afterEach(async () => {
	await move?.close();
	move = null;
	await server.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

const LEGACY = { [key('Mötesplatser')]: { text: REWORDED }, [key('Fler mötesplatser')]: { into: key('Mötesplatser') }, [key('Kaffe')]: { drop: true } };
const editsAt = (room: string) => server.rooms.read(room, (doc) => Object.fromEntries(readSummaryEdits(doc)));
const legacyLeft = () => server.rooms.read(workshopRoom(code), hasSummaryEntries);

/** The facilitator's wording, found in a doc's whole state: the value of an entry, which the delete frees. */
const rewordedIn = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8').includes(REWORDED);

describe('a workshop doc that still holds summary edits', () => {
	it('has them moved to the facilitator room when it loads, and deleted where participants read', async () => {
		expect(await legacyLeft()).toBe(true); // nothing moves them without the SummaryMove
		move = new SummaryMove({ rooms: server.rooms, log: server.log });
		const participant = connectClient(server, workshopRoom(code), (await createJoin()).token);
		await participant.synced;
		await waitFor(async () => !(await legacyLeft()), { message: 'the legacy map emptied' });
		expect(await editsAt(facilitatorRoom(code))).toEqual(LEGACY);

		const control = connectClient(server, workshopRoom(code), facilitatorToken);
		await control.synced;
		setBroadcast(control.doc, 'Välkomna tillbaka', Date.now());
		await waitFor(() => readBroadcast(participant.doc)?.text === 'Välkomna tillbaka', { message: 'the broadcast at the participant' });
		// Nothing left to read. The KEYS of deleted entries (lower-cased note text) stay in Yjs's
		// tombstones, which a delete cannot remove: a known limit for workshops from before the move.
		expect(hasSummaryEntries(participant.doc)).toBe(false);
		expect(rewordedIn(participant.doc)).toBe(false);
		const md = (await server.exports.file(code, claimsOf(server, facilitatorToken), { format: 'md' })).body as string;
		expect(md).toContain(`- ${REWORDED} *(Grupp 1)*`);
		expect(md).not.toContain('- Kaffe');

		// Durable: a later start finds the workshop doc without them.
		await move.close();
		move = null;
		await server.close();
		server = await startServer({ dataDir });
		expect(await legacyLeft()).toBe(false);
		expect(await server.rooms.read(workshopRoom(code), rewordedIn)).toBe(false);
		expect(await editsAt(facilitatorRoom(code))).toEqual(LEGACY);
	});

	it('keeps an edit the facilitator room already holds, and ends the same when moves race', async () => {
		// A move cut short after its copy, then the facilitator rewords again in the new room.
		await server.rooms.update(facilitatorRoom(code), (doc) => setSummaryText(doc, key('Mötesplatser'), 'Nyare formulering', 'Mötesplatser'));
		await Promise.all([moveSummaryOut(server.rooms, code), moveSummaryOut(server.rooms, code)]);
		expect(await legacyLeft()).toBe(false);
		expect(await editsAt(facilitatorRoom(code))).toEqual({ ...LEGACY, [key('Mötesplatser')]: { text: 'Nyare formulering' } });
		expect(await moveSummaryOut(server.rooms, code)).toBe(false);
	});

	it('is moved out again when a facilitator tab from before the upgrade writes there', async () => {
		move = new SummaryMove({ rooms: server.rooms, log: server.log });
		const staleTab = connectClient(server, workshopRoom(code), facilitatorToken);
		await staleTab.synced;
		await waitFor(async () => !(await legacyLeft()), { message: 'the load moved the legacy map' });
		setSummaryDropped(staleTab.doc, key('Mötesplatser'), true);
		await waitFor(async () => (await editsAt(facilitatorRoom(code)))[key('Mötesplatser')]?.drop === true, {
			message: "the stale tab's edit in the facilitator room"
		});
		await waitFor(async () => !(await legacyLeft()), { message: "the stale tab's edit gone from the workshop doc" });
	});
});

/** A participant's token in group 1, through the real join path. */
function createJoin() {
	return server.workshops.join(code, { name: 'Cia', organisation: 'Region Test', groupId: 'g1' });
}
