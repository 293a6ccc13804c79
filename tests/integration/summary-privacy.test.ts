/**
 * No private group text in a doc that others read (issue 8 §3). The facilitator's summary edits
 * quote the groups' notes, so they live in the facilitator room (`<code>/facilitator`), never in
 * the workshop doc that every participant syncs: a participant's stock client sees none of it,
 * and is refused the facilitator room with 4403. Two facilitator tabs still converge there, and
 * the workshop file carries the edits to an imported copy.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	facilitatorRoom,
	mergeKey,
	mergeSummaryItem,
	moveSummaryItem,
	readBroadcast,
	readSummaryEdits,
	setBroadcast,
	setSummaryDropped,
	setSummaryText,
	summaryItemKey,
	workshopRoom,
	type SummaryEdits
} from '../../src/lib/board';
import { CLOSE_FORBIDDEN } from '../../server/sync/close-codes';
import { claimsOf, connectClient, createWorkshop, rawClient, startServer, waitFor, writeNotes, type Client, type TestServer, type TestWorkshop } from './helpers';

const FIGURE = 'Vad vill ni diskutera?'; // the blank template's one figure
const key = (text: string) => summaryItemKey(FIGURE, text);
const GROUP_1 = ['Mötesplatser', 'Tid att lära känna varandra', 'Kaffe'];
const GROUP_2 = ['Fler mötesplatser', 'Konkreta exempel'];
const REWORDED = 'Mötesplatser mellan region och myndighet';

let server: TestServer;
let w: TestWorkshop;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	await writeNotes(server, w.code, { groupId: 'g1', name: 'Anna', organisation: 'Region Skåne', figureTitle: FIGURE }, GROUP_1);
	await writeNotes(server, w.code, { groupId: 'g2', name: 'Bo', organisation: 'MUCF', figureTitle: FIGURE }, GROUP_2);
});
afterEach(async () => {
	await server.close();
});

/** Rewords, merges, drops and reorders, as the summary editor does; answers the edits written. */
function editSummary(doc: Y.Doc) {
	setSummaryText(doc, key('Mötesplatser'), REWORDED, 'Mötesplatser');
	mergeSummaryItem(doc, key('Fler mötesplatser'), key('Mötesplatser'));
	setSummaryDropped(doc, key('Kaffe'), true);
	moveSummaryItem(doc, [key('Mötesplatser'), key('Tid att lära känna varandra'), key('Konkreta exempel')], key('Konkreta exempel'), 0);
	return readSummaryEdits(doc);
}

/** The edits in one order, field by field: two docs list their map entries in the order they arrived. */
const canonical = (edits: SummaryEdits) => JSON.stringify([...edits].map(([k, e]) => [k, e.text, e.drop, e.into, e.rank]).sort());
const sameEdits = (a: SummaryEdits, b: SummaryEdits) => canonical(a) === canonical(b);

/** Every group text, as written and as the summary keys hold it (lower-cased), found in a doc's whole state. */
function groupTextIn(doc: Y.Doc): string[] {
	const state = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8');
	return [...GROUP_1, ...GROUP_2, REWORDED].flatMap((text) => [text, mergeKey(text)]).filter((text) => state.includes(text));
}

async function editedAtServer(doc: Y.Doc): Promise<void> {
	const written = editSummary(doc);
	await waitFor(async () => sameEdits(await server.rooms.read(facilitatorRoom(w.code), readSummaryEdits), written), {
		message: 'the edits at the server'
	});
}

describe('the summary edits', () => {
	it('never reach a participant on the workshop doc', async () => {
		const participant = connectClient(server, workshopRoom(w.code), (await w.participant('g1', 'Cia')).token);
		const control = connectClient(server, workshopRoom(w.code), w.facilitatorToken);
		const editor = connectClient(server, facilitatorRoom(w.code), w.facilitatorToken);
		await Promise.all([participant.synced, control.synced, editor.synced]);

		await editedAtServer(editor.doc);
		// A broadcast written after the edits reaches the participant: they hold all the server sent.
		setBroadcast(control.doc, 'Paus i tio minuter', Date.now());
		await waitFor(() => readBroadcast(participant.doc)?.text === 'Paus i tio minuter', { message: 'the broadcast at the participant' });

		expect(groupTextIn(participant.doc)).toEqual([]);
		expect(await server.rooms.read(workshopRoom(w.code), groupTextIn)).toEqual([]);
	});

	it('are refused to a participant with 4403, whatever their group', async () => {
		for (const group of ['g1', 'g2']) {
			const { token } = await w.participant(group, `Deltagare ${group}`);
			expect((await rawClient(server, facilitatorRoom(w.code), token).closed).code).toBe(CLOSE_FORBIDDEN);
		}
	});

	it('converge between two facilitator tabs editing at once', async () => {
		const tabs: Client[] = [0, 1].map(() => connectClient(server, facilitatorRoom(w.code), w.facilitatorToken));
		await Promise.all(tabs.map((t) => t.synced));
		const [a, b] = tabs.map((t) => t.doc) as [Y.Doc, Y.Doc];
		// The same items, touched for the first time in both tabs, and a merge cycle.
		setSummaryText(a, key('Mötesplatser'), REWORDED, 'Mötesplatser');
		setSummaryDropped(b, key('Mötesplatser'), true);
		mergeSummaryItem(a, key('Konkreta exempel'), key('Kaffe'));
		mergeSummaryItem(b, key('Kaffe'), key('Konkreta exempel'));
		await waitFor(async () => sameEdits(readSummaryEdits(a), readSummaryEdits(b)) && sameEdits(readSummaryEdits(a), await server.rooms.read(facilitatorRoom(w.code), readSummaryEdits)), {
			message: 'both tabs and the server agree'
		});
		expect(readSummaryEdits(a).get(key('Mötesplatser'))).toEqual({ text: REWORDED, drop: true });
	});

	it('travel in the workshop file to an imported copy, whose export says the same', async () => {
		const editor = connectClient(server, facilitatorRoom(w.code), w.facilitatorToken);
		await editor.synced;
		await editedAtServer(editor.doc);
		const claims = claimsOf(server, w.facilitatorToken);
		const file = (await server.exports.file(w.code, claims, { format: 'json' })).body as string;

		const { code, facilitatorKey } = await server.workshops.importFile(JSON.parse(file));
		const copyClaims = claimsOf(server, await server.workshops.facilitatorToken(code, facilitatorKey));
		expect(sameEdits(await server.rooms.read(facilitatorRoom(code), readSummaryEdits), readSummaryEdits(editor.doc))).toBe(true);
		const summaryOf = async (c: string, by: typeof claims) => {
			const md = (await server.exports.file(c, by, { format: 'md' })).body as string;
			return md.slice(md.indexOf('## 1.'));
		};
		expect(await summaryOf(code, copyClaims)).toBe(await summaryOf(w.code, claims));
		expect(await summaryOf(code, copyClaims)).toContain(`- ${REWORDED} *(Grupp 1, Grupp 2)*`);
		expect(await server.rooms.read(workshopRoom(code), groupTextIn)).toEqual([]);
	});
});
