/**
 * The facilitator's own templates through TemplateService and WorkshopService on a real store:
 * save a group board as a template, list it, download it as a file, import the file, and make a
 * workshop from it that has the board's figures, instructions and run-sheet but none of its notes;
 * and who may delete one again (the saving workshop's facilitator, else the operator's command).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	addFigure,
	addNote,
	boardRoom,
	readBoardContent,
	readFigures,
	readRunSheet,
	readWorkshop,
	setPhases,
	workshopRoom
} from '../../src/lib/board';
import { TemplateService } from '../../server/templates/service';
import { RetentionService } from '../../server/workshops/retention';
import { claimsOf, connectClient, createWorkshop, refusal, refusalSaid, startServer, waitFor, type TestServer, type TestWorkshop } from './helpers';

let server: TestServer;
let w: TestWorkshop;
let templates: TemplateService;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
	templates = new TemplateService({ store: server.store, rooms: server.rooms, freeSpace: server.freeSpace, log: server.log });
});
afterEach(async () => {
	await server.close();
});

/** The facilitator adds a grid figure and a note on group 1's board and changes the run-sheet. */
async function prepareGroupOne() {
	const board = connectClient(server, boardRoom(w.code, 'g1'), w.facilitatorToken);
	const workshop = connectClient(server, workshopRoom(w.code), w.facilitatorToken);
	await Promise.all([board.synced, workshop.synced]);
	addFigure(board.doc, { kind: 'grid', title: 'Årshjul', x: 0, y: 700, w: 1200, h: 800, columns: ['Aktivitet', 'Mål'], rows: ['Kunskap & analys'] });
	addNote(board.doc, { x: 20, y: 100, text: 'Hemligt från grupp 1' }, { id: 'p1', name: 'Anna', organisation: 'Region Test' });
	setPhases(workshop.doc, [{ label: 'Runda 1', minutes: 5 }, { label: 'Runda 2', minutes: 5, lockAtEnd: true }]);
	await waitFor(
		async () =>
			(await server.rooms.read(boardRoom(w.code, 'g1'), (d) => readBoardContent(d).notes.length)) === 1 &&
			(await server.rooms.read(boardRoom(w.code, 'g1'), readFigures)).length === 2 &&
			(await server.rooms.read(workshopRoom(w.code), readRunSheet)).phases.length === 2,
		{ message: 'the board and run-sheet stored' }
	);
}

describe('own templates', () => {
	it('saves a board as a template that lists, downloads, re-imports and makes workshops without notes', async () => {
		await prepareGroupOne();
		const saved = await templates.saveBoard(w.code.toLowerCase(), claimsOf(server, w.facilitatorToken), {
			groupId: 'g1',
			name: '  Årshjulet  ',
			description: 'Aktivitetsplan per område'
		});
		expect(saved).toMatchObject({ name: 'Årshjulet', description: 'Aktivitetsplan per område', own: true });
		expect(saved.id).toMatch(/^egen-[0-9a-z]{10}$/);

		const list = await templates.list();
		expect(list.filter((t) => !t.own).map((t) => t.id)).toEqual(expect.arrayContaining(['larlabb', 'blank']));
		expect(list.filter((t) => t.own)).toEqual([saved]);

		const file = await templates.file(saved.id);
		expect(file.template.board.figures.map((f) => f.title)).toEqual(['Årshjul', 'Vad vill ni diskutera?']);
		expect(JSON.stringify(file)).not.toContain('Hemligt från grupp 1');
		expect(file.template.runSheet).toEqual([{ label: 'Runda 1', minutes: 5 }, { label: 'Runda 2', minutes: 5, lockAtEnd: true }]);

		const reimported = await templates.importFile(JSON.parse(JSON.stringify({ ...file, template: { ...file.template, name: 'Kopia' } })));
		expect(reimported).toMatchObject({ name: 'Kopia', own: true });
		expect(reimported.id).not.toBe(saved.id);
		expect((await templates.list()).filter((t) => t.own).map((t) => t.name)).toEqual(['Årshjulet', 'Kopia']);

		for (const id of [saved.id, reimported.id]) {
			const made = await server.workshops.create({ title: 'Från egen mall', template: id, groups: 3 });
			const info = await server.rooms.read(workshopRoom(made.code), readWorkshop);
			expect(info).toMatchObject({ template: id, timerPresets: file.template.timerPresets });
			expect((await server.rooms.read(workshopRoom(made.code), readRunSheet)).phases).toEqual(file.template.runSheet);
			const board = await server.rooms.read(boardRoom(made.code, 'g3'), readBoardContent);
			expect(board.notes).toEqual([]);
			expect(board.figures.find((f) => f.kind === 'grid')).toMatchObject({ title: 'Årshjul', columns: ['Aktivitet', 'Mål'], rows: ['Kunskap & analys'] });
		}
	});

	it('lets only the facilitator of the workshop save, and refuses bad names, groups and files', async () => {
		const person = await w.participant('g1', 'Anna');
		const input = { groupId: 'g1', name: 'Min mall' };
		expect(await refusal(templates.saveBoard(w.code, claimsOf(server, person.token), input))).toMatchObject({ status: 403 });
		const other = await createWorkshop(server, 1);
		expect(await refusal(templates.saveBoard(w.code, claimsOf(server, other.facilitatorToken), input))).toMatchObject({ status: 403 });

		const facilitator = claimsOf(server, w.facilitatorToken);
		expect(await refusal(templates.saveBoard(w.code, facilitator, { groupId: 'g1', name: ' ' }))).toEqual({ status: 400, message: 'Ge mallen ett namn.' });
		expect(await refusal(templates.saveBoard(w.code, facilitator, { groupId: 'g9', name: 'Min mall' }))).toMatchObject({ status: 404 });
		expect(await refusal(templates.importFile({ format: 'verkstad-workshop', version: 1 }))).toMatchObject({ status: 400 });
		expect(await refusal(templates.file('egen-finnsinte'))).toMatchObject({ status: 404 });
		expect(await refusal(server.workshops.create({ title: 'X', template: 'egen-0000000000', groups: 1 }))).toMatchObject({ status: 400 });
		expect((await templates.list()).some((t) => t.own)).toBe(false);
	});
});

describe('deleting own templates', () => {
	const saveOne = (name: string) => templates.saveBoard(w.code, claimsOf(server, w.facilitatorToken), { groupId: 'g1', name });

	it('lets only the facilitator of the saving workshop delete, and then no workshop can be made from it', async () => {
		const saved = await saveOne('Felsparad');
		const kept = await saveOne('Behållen');
		const facilitator = claimsOf(server, w.facilitatorToken);
		// Two saved in one millisecond list in id order, so the order is not asserted.
		expect(await templates.savedFrom(w.code.toLowerCase(), facilitator)).toEqual(expect.arrayContaining([saved, kept]));
		expect(await templates.savedFrom(w.code, facilitator)).toHaveLength(2);

		const person = claimsOf(server, (await w.participant('g1', 'Anna')).token);
		const other = claimsOf(server, (await createWorkshop(server, 1)).facilitatorToken);
		expect(await refusal(templates.delete(saved.id, person))).toEqual({
			status: 403,
			message: 'Bara workshopledaren för workshoppen som mallen sparades från kan ta bort den.'
		});
		expect(await refusal(templates.delete(saved.id, other))).toMatchObject({ status: 403 });
		expect(await refusal(templates.savedFrom(w.code, person))).toMatchObject({ status: 403 });
		expect(await refusal(templates.delete('larlabb', facilitator))).toEqual({
			status: 400,
			message: '”Lärlabb Hållbar utveckling” är en inbyggd mall och kan inte tas bort.'
		});
		expect(await refusalSaid(templates.delete('larlabb', facilitator))).toMatchObject({ code: 'error_template_built_in', params: { name: 'Lärlabb Hållbar utveckling' } });
		expect(await refusal(templates.delete('egen-0000000000', facilitator))).toMatchObject({ status: 404 });
		expect(await refusal(templates.delete('../egen', facilitator))).toMatchObject({ status: 404 });

		await templates.delete(saved.id, facilitator);
		expect((await templates.list()).filter((t) => t.own)).toEqual([kept]);
		expect(await templates.savedFrom(w.code, facilitator)).toEqual([kept]);
		expect(await refusal(templates.file(saved.id))).toMatchObject({ status: 404 });
		expect(await refusal(server.workshops.create({ title: 'Från borttagen', template: saved.id, groups: 1 }))).toEqual({
			status: 400,
			message: `Mallen "${saved.id}" finns inte. Välj en mall i listan.`
		});
		expect(await refusal(templates.delete(saved.id, facilitator))).toMatchObject({ status: 404 });
	});

	it('leaves imported templates and those of a deleted workshop to the operator, whose command deletes them', async () => {
		const saved = await saveOne('Från en raderad workshop');
		const imported = await templates.importFile(await templates.file('blank'));
		const facilitator = claimsOf(server, w.facilitatorToken);
		expect(await refusal(templates.delete(imported.id, facilitator))).toMatchObject({
			status: 403,
			message: expect.stringMatching(/Be den som driver Verkstad att ta bort den\.$/)
		});

		const retention = new RetentionService({ store: server.store, rooms: server.rooms, log: server.log, dataDir: server.dataDir, retentionDays: 90 });
		await retention.deleteNow(w.code, facilitator);
		await retention.close();
		// The template stays in the library, and the deleted workshop's token no longer owns it.
		expect((await templates.list()).filter((t) => t.own).map((t) => t.id).sort()).toEqual([saved.id, imported.id].sort());
		expect(await refusal(templates.delete(saved.id, facilitator))).toMatchObject({ status: 403 });

		const run = (...args: string[]) =>
			promisify(execFile)(process.execPath, ['--import', 'tsx', path.join('server', 'templates', 'cli.ts'), ...args], {
				env: { ...process.env, DATA_DIR: server.dataDir }
			});
		const listed = (await run()).stdout;
		expect(listed).toContain(`${saved.id}\t`);
		expect(listed).toContain(`${imported.id}\t`);
		expect((await run('delete', saved.id)).stdout).toBe(`deleted ${saved.id}\n`);
		expect((await run('delete', imported.id)).stdout).toBe(`deleted ${imported.id}\n`);
		expect((await templates.list()).some((t) => t.own)).toBe(false);
		await expect(run('delete', imported.id)).rejects.toMatchObject({ code: 1 });
	});
});
