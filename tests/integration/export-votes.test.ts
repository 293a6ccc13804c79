/**
 * A closed vote's result in every summary export: each point of a counted figure with its votes
 * beside it, sorted by votes, with "Topp N" marked by vote-results.ts's rules. The vote is opened
 * and closed by the real VoteService; dots are written into the voters' private rooms.
 */
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VoteService } from '../../server/workshops/votes';
import { addNote, boardRoom, newId, placeDot, privateRoom, readFigures } from '../../src/lib/board';
import { parseCsv } from '../csv';
import { pdfPageLines } from '../pdf';
import { elements, parseXml, textOf } from '../xml';
import { claimsOf, createWorkshop, startServer, type TestServer, type TestWorkshop } from './helpers';

const FIGURE = 'Vad vill ni diskutera?'; // the blank template's one figure
let server: TestServer;
let w: TestWorkshop;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
});
afterEach(async () => {
	await server.close();
});

/** Notes in reading order in a group's figure; returns text → note id. */
async function notesOn(groupId: string, texts: string[]): Promise<{ figureId: string; ids: Record<string, string> }> {
	const ids: Record<string, string> = {};
	let figureId = '';
	await server.rooms.update(boardRoom(w.code, groupId), (doc) => {
		const figure = readFigures(doc).find((f) => f.title === FIGURE)!;
		figureId = figure.id;
		for (const [i, text] of texts.entries()) {
			ids[text] = addNote(doc, { x: figure.x + 20 + i * 200, y: figure.y + 100, text, figureId }, { id: 'x', name: 'X', organisation: '' });
		}
	});
	return { figureId, ids };
}

/** A participant of the group who places one dot on each note named. */
async function voter(voteId: string, groupId: string, figureId: string, noteIds: string[]): Promise<void> {
	const person = await w.participant(groupId, `Röstare ${newId().slice(0, 4)}`);
	await server.rooms.update(privateRoom(w.code, person.participantId), (doc) => {
		for (const noteId of noteIds) placeDot(doc, { voteId, boardId: groupId, figureId, noteId }, newId());
	});
}

/** Grupp 1: 3 / 1 / 1 / 0 votes, a tie at the edge of the top 2; Grupp 2: 1 / 1, every note in the top 2. */
async function closedVote(): Promise<void> {
	const g1 = await notesOn('g1', ['Korta möten', 'Gemensam förändringslogik', 'Tid för reflektion', 'Flexibla team']);
	const g2 = await notesOn('g2', ['Tid för reflektion', 'Ledningens stöd']);
	const votes = new VoteService({ store: server.store, rooms: server.rooms, log: server.log });
	const facilitator = claimsOf(server, w.facilitatorToken);
	const vote = await votes.open(w.code, facilitator, { figures: [{ title: FIGURE, label: '2 viktigaste', quota: 2 }] });
	const one = (texts: string[]) => texts.map((t) => g1.ids[t]!);
	await voter(vote.id, 'g1', g1.figureId, one(['Gemensam förändringslogik', 'Tid för reflektion']));
	await voter(vote.id, 'g1', g1.figureId, one(['Gemensam förändringslogik', 'Flexibla team']));
	await voter(vote.id, 'g1', g1.figureId, one(['Gemensam förändringslogik']));
	await voter(vote.id, 'g2', g2.figureId, [g2.ids['Tid för reflektion']!, g2.ids['Ledningens stöd']!]);
	await votes.close(w.code, facilitator);
}

const download = (format: string) => server.exports.file(w.code, claimsOf(server, w.facilitatorToken), { format });

/** The points as each format prints them, most votes first; equal totals in reading order. */
const POINTS = [
	['Gemensam förändringslogik', '(Grupp 1)', '3 röster, Topp 2'],
	['Tid för reflektion', '(Grupp 1, Grupp 2)', 'Grupp 1: 1 röst, Topp 2, delad 2:a plats; Grupp 2: 1 röst'],
	['Flexibla team', '(Grupp 1)', '1 röst, Topp 2, delad 2:a plats'],
	['Ledningens stöd', '(Grupp 2)', '1 röst'],
	['Korta möten', '(Grupp 1)', '0 röster']
] as const;

describe('a closed vote in the exports', () => {
	beforeEach(closedVote);

	it('puts the counts and top marks beside each point in Markdown, sorted by votes', async () => {
		const md = String((await download('md')).body);
		const bullets = md.split('\n').filter((line) => line.startsWith('- '));
		expect(bullets).toEqual(POINTS.map(([text, groups, votes]) => `- ${text} *${groups}* – **${votes}**`));
	});

	it('gives CSV a number to sort by and the result as read, sorted by votes', async () => {
		const rows = parseCsv(String((await download('csv')).body));
		expect(rows[0]!.slice(5)).toEqual(['Röster', 'Röstresultat', 'Tema']);
		const totals = { 'Gemensam förändringslogik': '3', 'Tid för reflektion': '2', 'Flexibla team': '1', 'Ledningens stöd': '1', 'Korta möten': '0' };
		expect(rows.slice(1).map((r) => [r[1], r[5], r[6]])).toEqual(POINTS.map(([text, , votes]) => [text, totals[text], votes]));
	});

	it('prints the counts beside each point in Word and PDF', async () => {
		const zip = await JSZip.loadAsync((await download('docx')).body);
		const paragraphs = elements(parseXml(await zip.file('word/document.xml')!.async('string')), 'w:p').map(textOf);
		const points = POINTS.map(([text, groups, votes]) => `${text} ${groups} – ${votes}`);
		expect(paragraphs.filter((p) => points.includes(p))).toEqual(points);

		const lines = pdfPageLines((await download('pdf')).body as Uint8Array).flat();
		// The summary's bullets; the organisation section after it has its own ("• text").
		expect(lines.filter((l) => l.startsWith('•')).slice(0, POINTS.length)).toEqual(POINTS.map(([text, groups, votes]) => `•${text} ${groups} – ${votes}`));
	});

	it('keeps each note’s count and top mark in the workshop file', async () => {
		const file = JSON.parse(String((await download('json')).body)) as { boards: { groupId: string; notes: { text: string; votes?: number; top?: boolean }[] }[] };
		const g1 = file.boards.find((b) => b.groupId === 'g1')!.notes.map((n) => [n.text, n.votes, n.top]);
		expect(g1).toEqual(
			expect.arrayContaining([
				['Gemensam förändringslogik', 3, true],
				['Tid för reflektion', 1, true],
				['Flexibla team', 1, true],
				['Korta möten', 0, false]
			])
		);
		const g2 = file.boards.find((b) => b.groupId === 'g2')!.notes.map((n) => [n.text, n.votes, n.top]);
		expect(g2).toEqual(expect.arrayContaining([['Tid för reflektion', 1, false], ['Ledningens stöd', 1, false]]));
	});
});
