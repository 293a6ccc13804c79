/**
 * Every template of the library creates a workshop through the real service, and stock clients
 * find its figures, headings and run-sheet in the stored documents. A participant moves a card
 * between columns and another client sees it in the new column.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	addNote,
	boardRoom,
	cellOf,
	freeSpotInFigure,
	moveNote,
	readFigures,
	readMeta,
	readNotes,
	readRunSheet,
	readWorkshop,
	TEMPLATES,
	workshopRoom
} from '../../src/lib/board';
import { claimsOf, connectClient, refusal, startServer, waitFor, type TestServer } from './helpers';

let server: TestServer;

beforeEach(async () => {
	server = await startServer();
});
afterEach(async () => {
	await server.close();
});

async function create(template: string, groups = 2) {
	const { code, facilitatorKey } = await server.workshops.create({ title: 'Mallprov', template, groups });
	return { code, facilitatorToken: await server.workshops.facilitatorToken(code, facilitatorKey) };
}

describe('creating a workshop from each template', () => {
	for (const template of TEMPLATES) {
		it(`${template.id}: every group board has the template's figures and the workshop its run-sheet`, async () => {
			const { code, facilitatorToken } = await create(template.id);
			const workshop = connectClient(server, workshopRoom(code), facilitatorToken);
			await workshop.synced;
			expect(readWorkshop(workshop.doc).template).toBe(template.id);
			expect(readRunSheet(workshop.doc).phases).toEqual(template.runSheet);
			for (const group of ['g1', 'g2']) {
				const board = connectClient(server, boardRoom(code, group), facilitatorToken);
				await board.synced;
				const figures = readFigures(board.doc);
				const got = figures.map((f) => ({ kind: f.kind, title: f.title, columns: f.columns, rows: f.rows })).sort((a, b) => a.title.localeCompare(b.title));
				const want = template.board.figures
					.map((f) => ({ kind: f.kind, title: f.title, columns: f.columns ?? [], rows: f.rows ?? [] }))
					.sort((a, b) => a.title.localeCompare(b.title));
				expect(got).toEqual(want);
			}
		});
	}

	it('refuses an unknown template in Swedish, and creates nothing', async () => {
		const { status, message } = await refusal(server.workshops.create({ title: 'Mallprov', template: 'finns-inte', groups: 1 }));
		expect(status).toBe(400);
		expect(message).toContain('Mallen "finns-inte" finns inte');
	});
});

describe('columns on the RUS-process board', () => {
	it('a card moved to another stage is in that stage for every client', async () => {
		const { code } = await create('rus-processen', 1);
		const [ellen, unni] = await Promise.all(
			['Ellen', 'Unni'].map((name) => server.workshops.join(code, { name, organisation: 'Region Värmland', groupId: 'g1' }))
		);
		const a = connectClient(server, boardRoom(code, 'g1'), ellen!.token);
		const b = connectClient(server, boardRoom(code, 'g1'), unni!.token);
		await Promise.all([a.synced, b.synced]);
		const stages = readFigures(a.doc).find((f) => f.kind === 'columns')!;
		const spot = freeSpotInFigure(a.doc, stages.id)!;
		const id = addNote(a.doc, { ...spot, figureId: stages.id, text: 'Värmland' }, { id: ellen!.participantId, name: 'Ellen', organisation: 'Region Värmland' });
		const columnSeenByUnni = () => {
			const note = readNotes(b.doc).find((n) => n.id === id);
			return note ? cellOf(readFigures(b.doc).find((f) => f.id === stages.id)!, note).column : null;
		};
		await waitFor(() => columnSeenByUnni() === stages.columns[0], { message: 'the card in the first stage' });
		// One stage width to the right: the next stage.
		const stageWidth = stages.w / stages.columns.length;
		moveNote(a.doc, id, spot.x + stageWidth, spot.y);
		await waitFor(() => columnSeenByUnni() === stages.columns[1], { message: 'the card in the second stage' });
		const stored = await server.rooms.read(boardRoom(code, 'g1'), (doc) => readNotes(doc).find((n) => n.id === id));
		expect(cellOf(stages, stored!).column).toBe(stages.columns[1]);
	});
});

describe('a workshop in English', () => {
	it('created from the English Lärlabb has English figure titles, phases and instructions on every board, and exports in English', async () => {
		const { code, facilitatorKey } = await server.workshops.create({ title: 'Learning lab, Umeå', template: 'learning-lab', groups: 2, language: 'en' });
		const facilitatorToken = await server.workshops.facilitatorToken(code, facilitatorKey);
		const workshop = connectClient(server, workshopRoom(code), facilitatorToken);
		await workshop.synced;
		expect(readWorkshop(workshop.doc)).toMatchObject({ template: 'learning-lab', language: 'en' });
		expect(readRunSheet(workshop.doc).phases.map((p) => p.label)).toEqual(['On your own', 'Discuss', 'Summarise']);
		for (const group of ['g1', 'g2']) {
			const board = connectClient(server, boardRoom(code, group), facilitatorToken);
			await board.synced;
			// In reading order: top row left to right, then the bottom row.
			const figures = readFigures(board.doc).sort((a, b) => a.y - b.y || a.x - b.x);
			expect(figures.map((f) => f.title)).toEqual([
				'What do you expect from the Learning lab?',
				'What would you like to know about the agencies?',
				'What would you like the agencies to know about the regions?',
				'Things to consider before the Learning lab',
				'Good examples of collaboration between agencies and regions'
			]);
			expect(readMeta(board.doc)).toMatchObject({ title: 'Learning lab: Sustainable development', instructions: expect.stringMatching(/^Learning lab Sustainable development consists of two workshops/) });
		}
		const md = await server.exports.file(code, claimsOf(server, facilitatorToken), { format: 'md' });
		expect(md.body).toContain('# Summary: Learning lab, Umeå');
		expect(md.body).toContain('## 1. What do you expect from the Learning lab?\n\n*No notes.*');
	});
});
