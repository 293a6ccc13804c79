/**
 * The facilitator's edits to the summary (summary-edits.ts) reach the exports: written to the
 * facilitator room by a stock y-websocket client with the facilitator's token, read by
 * ExportService through the rooms. A participant cannot open that room, so cannot write them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	mergeSummaryItem,
	moveSummaryItem,
	readSummaryEdits,
	setSummaryDropped,
	setSummaryText,
	summaryItemKey,
	facilitatorRoom
} from '../../src/lib/board';
import { CLOSE_FORBIDDEN } from '../../server/sync/close-codes';
import type { ExportService } from '../../server/export/service';
import { claimsOf, connectClient, createWorkshop, rawClient, startServer, waitFor, writeNotes, type TestServer, type TestWorkshop } from './helpers';

const FIGURE = 'Vad vill ni diskutera?'; // the blank template's one figure
const key = (text: string) => summaryItemKey(FIGURE, text);
let server: TestServer;
let w: TestWorkshop;
let exports: ExportService;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	exports = server.exports;
});
afterEach(async () => {
	await server.close();
});

/** One person of a group writes these notes into the blank template's figure, in reading order. */
function write(groupId: string, name: string, organisation: string, texts: string[]) {
	return writeNotes(server, w.code, { groupId, name, organisation, figureTitle: FIGURE }, texts);
}

async function exported(format: 'md' | 'csv'): Promise<string> {
	return (await exports.file(w.code, claimsOf(server, w.facilitatorToken), { format })).body as string;
}

describe('the summary as the facilitator edited it', () => {
	it('is what the Markdown and CSV exports hold', async () => {
		await write('g1', 'Anna', 'Region Skåne', ['Mötesplatser', 'Tid att lära känna varandra', 'Kaffe']);
		await write('g2', 'Bo', 'MUCF', ['Fler mötesplatser', 'Konkreta exempel']);

		const facilitator = connectClient(server, facilitatorRoom(w.code), w.facilitatorToken);
		await facilitator.synced;
		const doc = facilitator.doc;
		setSummaryText(doc, key('Mötesplatser'), 'Mötesplatser mellan region och myndighet', 'Mötesplatser');
		mergeSummaryItem(doc, key('Fler mötesplatser'), key('Mötesplatser'));
		setSummaryDropped(doc, key('Kaffe'), true);
		moveSummaryItem(doc, [key('Mötesplatser'), key('Tid att lära känna varandra'), key('Konkreta exempel')], key('Konkreta exempel'), 0);
		const written = readSummaryEdits(doc);
		await waitFor(
			async () => JSON.stringify([...(await server.rooms.read(facilitatorRoom(w.code), readSummaryEdits))]) === JSON.stringify([...written]),
			{ message: 'the edits at the server' }
		);

		const md = await exported('md');
		expect(md.slice(md.indexOf('## 1.'))).toBe(
			[
				`## 1. ${FIGURE}`,
				'',
				'- Konkreta exempel *(Grupp 2)*',
				'- Mötesplatser mellan region och myndighet *(Grupp 1, Grupp 2)*',
				'- Tid att lära känna varandra *(Grupp 1)*',
				''
			].join('\n')
		);
		const rows = (await exported('csv')).slice(1).trim().split('\r\n');
		expect(rows).toEqual([
			'Fråga;Lapp;Grupper;Organisationer;Antal lappar;Röster;Röstresultat;Tema',
			`${FIGURE};Konkreta exempel;Grupp 2;MUCF;1;;;`,
			`${FIGURE};Mötesplatser mellan region och myndighet;Grupp 1, Grupp 2;Region Skåne, MUCF;2;;;`,
			`${FIGURE};Tid att lära känna varandra;Grupp 1;Region Skåne;1;;;`
		]);

		// Still live: a note written now comes last, and bringing "Kaffe" back restores it in place.
		await write('g2', 'Cia', 'MUCF', ['Gemensamma mål']);
		setSummaryDropped(doc, key('Kaffe'), false);
		await waitFor(async () => (await exported('md')).includes('- Kaffe'), { message: 'Kaffe back in the export' });
		expect((await exported('md')).match(/^- .*(?= \*\()/gm)).toEqual([
			'- Konkreta exempel',
			'- Mötesplatser mellan region och myndighet',
			'- Tid att lära känna varandra',
			'- Kaffe',
			'- Gemensamma mål'
		]);
	});

	it('cannot be opened by a participant, so a participant cannot write them', async () => {
		await write('g1', 'Anna', 'Region Skåne', ['Mötesplatser']);
		const { token } = await w.participant('g1', 'Läsare');
		expect((await rawClient(server, facilitatorRoom(w.code), token).closed).code).toBe(CLOSE_FORBIDDEN);
		expect((await server.rooms.read(facilitatorRoom(w.code), readSummaryEdits)).size).toBe(0);
		expect(await exported('md')).toContain('- Mötesplatser *(Grupp 1)*');
	});
});
