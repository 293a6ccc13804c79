/**
 * The facilitator's export of the compiled summary, through ExportService on a real store and
 * real rooms; notes written by stock clients on two group boards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addNote, boardRoom, readFigures } from '../../src/lib/board';
import { ExportService } from '../../server/export/service';
import { claimsOf, connectClient, createWorkshop, refusal, startServer, waitFor, type TestServer, type TestWorkshop } from './helpers';

const FIGURE = 'Vad vill ni diskutera?'; // the blank template's one figure
let server: TestServer;
let w: TestWorkshop;
let exports: ExportService;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	exports = new ExportService({ store: server.store, rooms: server.rooms });
});
afterEach(async () => {
	await server.close();
});

async function write(groupId: string, name: string, text: string) {
	const person = await w.participant(groupId, name);
	const client = connectClient(server, boardRoom(w.code, groupId), person.token);
	await client.synced;
	const figure = readFigures(client.doc).find((f) => f.title === FIGURE)!;
	addNote(client.doc, { x: figure.x + 20, y: figure.y + 100, text }, { id: person.participantId, name, organisation: 'Region Test' });
	await waitFor(async () => (await server.rooms.read(boardRoom(w.code, groupId), (d) => d.getMap('notes').size)) > 0, {
		message: `${name}'s note stored`
	});
}

describe('exporting the compiled summary', () => {
	it('gives the facilitator every group’s notes per question, as Markdown and as CSV', async () => {
		await write('g1', 'Anna', 'Gemensam förändringslogik');
		await write('g2', 'Bo', '=Flexibla team');
		const md = await exports.summary(w.code, claimsOf(server, w.facilitatorToken), 'md');
		expect(md).toMatchObject({ filename: `sammanstallning-${w.code}.md`, contentType: 'text/markdown; charset=utf-8' });
		expect(md.body).toContain(`## 1. ${FIGURE}`);
		expect(md.body).toContain('- Gemensam förändringslogik *(Grupp 1)*');
		expect(md.body).toContain('- =Flexibla team *(Grupp 2)*');

		const csv = await exports.summary(w.code.toLowerCase(), claimsOf(server, w.facilitatorToken), 'csv');
		expect(csv.body.startsWith('\uFEFF')).toBe(true);
		expect(csv.body).toContain(`${FIGURE};'=Flexibla team;Grupp 2;Region Test;1`);
	});

	it('refuses a participant, another workshop’s facilitator and an unknown format', async () => {
		const person = await w.participant('g1', 'Anna');
		expect(await refusal(exports.summary(w.code, claimsOf(server, person.token), 'md'))).toMatchObject({ status: 403 });
		const other = await createWorkshop(server, 1);
		expect(await refusal(exports.summary(w.code, claimsOf(server, other.facilitatorToken), 'md'))).toMatchObject({ status: 403 });
		expect(await refusal(exports.summary(w.code, claimsOf(server, w.facilitatorToken), 'exe'))).toMatchObject({ status: 400 });
	});
});
