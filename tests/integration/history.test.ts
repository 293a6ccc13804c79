/**
 * Board history (issue 4 §5) with stock y-websocket clients: snapshots of changed boards, at the
 * end of a phase and before a restore; a facilitator's restore brings a deleted note back into the
 * live board without undoing anyone's later edits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addFigure,
	addNote,
	boardMaps,
	boardRoom,
	deleteFigure,
	deleteNote,
	readFigures,
	readNotes,
	setNoteText,
	setPhases,
	startPhase,
	workshopRoom
} from '../../src/lib/board';
import { HistoryService } from '../../server/history/service';
import { PhaseService } from '../../server/workshops/phases';
import { claimsOf, connectClient, createWorkshop, refusal, startServer, waitFor, type TestServer, type TestWorkshop } from './helpers';

let server: TestServer;
let history: HistoryService;
let w: TestWorkshop;

beforeEach(async () => {
	server = await startServer();
	// The interval is not started: tests call snapshotChanged themselves, except the one about the timer.
	history = new HistoryService({ store: server.store, rooms: server.rooms, log: server.log, intervalMs: 60_000 });
	w = await createWorkshop(server, 2);
});
afterEach(async () => {
	await history.close();
	await server.close();
});

const g1 = () => boardRoom(w.code, 'g1');
const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text).sort();

async function member(name: string) {
	const { token, author } = await w.participant('g1', name);
	const client = connectClient(server, g1(), token);
	await client.synced;
	return Object.assign(client, { author });
}

describe('snapshots', () => {
	it('snapshots only the boards that changed since their last snapshot', async () => {
		// Both boards were filled at creation.
		expect((await history.snapshotChanged()).sort()).toEqual([g1(), boardRoom(w.code, 'g2')].sort());
		expect(await history.snapshotChanged()).toEqual([]);
		const anna = await member('Anna');
		addNote(anna.doc, { x: 10, y: 10, text: 'Ny' }, anna.author);
		await waitFor(() => server.rooms.read(g1(), (doc) => readNotes(doc).length === 1), { message: 'the note on the server' });
		expect(await history.snapshotChanged()).toEqual([g1()]);
		const list = await server.store.listSnapshots(g1());
		expect(list.map((s) => s.reason)).toEqual(['interval', 'interval']);
	});

	it('snapshots on the timer when started', async () => {
		const timed = new HistoryService({ store: server.store, rooms: server.rooms, log: server.log, intervalMs: 20 });
		timed.start();
		const anna = await member('Anna');
		addNote(anna.doc, { x: 10, y: 10, text: 'Tidsstyrd' }, anna.author);
		await waitFor(
			async () => {
				const latest = (await server.store.listSnapshots(g1()))[0];
				if (!latest) return false;
				const snapshot = await server.store.getSnapshot(g1(), latest.id);
				const doc = new Y.Doc();
				Y.applyUpdate(doc, snapshot!.state);
				return texts(doc).includes('Tidsstyrd');
			},
			{ message: 'a timed snapshot with the note' }
		);
		await timed.close();
	});

	it('snapshots every group board when a phase ends, by its time or by "Nästa fas"', async () => {
		const phases = new PhaseService({ store: server.store, rooms: server.rooms, log: server.log, onPhaseEnd: (code) => void history.snapshotWorkshop(code, 'phase') });
		try {
			const facilitator = connectClient(server, workshopRoom(w.code), w.facilitatorToken);
			await facilitator.synced;
			const phaseCount = async (room: string) => (await server.store.listSnapshots(room)).filter((s) => s.reason === 'phase').length;
			setPhases(facilitator.doc, [
				{ label: 'Kort', minutes: 0.3 / 60 },
				{ label: 'Lång', minutes: 25 },
				{ label: 'Sist', minutes: 5 }
			]);
			startPhase(facilitator.doc, 0, Date.now());
			// The short phase runs out on the server; auto-advance is off.
			await waitFor(async () => (await phaseCount(g1())) === 1 && (await phaseCount(boardRoom(w.code, 'g2'))) === 1, {
				timeout: 10_000,
				message: 'phase snapshots of both boards'
			});
			startPhase(facilitator.doc, 1, Date.now());
			// The long phase is cut short by hand: that ends it too.
			startPhase(facilitator.doc, 2, Date.now());
			await waitFor(async () => (await phaseCount(g1())) === 2, { message: 'a snapshot for the phase ended by hand' });
		} finally {
			await phases.close();
		}
	});
});

describe('browse and restore', () => {
	it('restores a deleted note while keeping later edits by others; both clients converge', async () => {
		const anna = await member('Anna');
		const bo = await member('Bo');
		const keep = addNote(anna.doc, { x: 10, y: 10, text: 'Lägg tillbaka mig' }, anna.author);
		const other = addNote(anna.doc, { x: 300, y: 10, text: 'Annan lapp' }, anna.author);
		await waitFor(() => readNotes(bo.doc).length === 2, { message: 'Bo sees both notes' });
		await history.snapshotChanged();

		deleteNote(anna.doc, keep);
		await waitFor(() => !boardMaps(bo.doc).notes.has(keep), { message: 'Bo sees the delete' });
		// Later edits by Bo, after the snapshot and after the delete.
		setNoteText(bo.doc, other, 'Annan lapp, ändrad av Bo');
		addNote(bo.doc, { x: 600, y: 10, text: 'Bos nya lapp' }, bo.author);
		await waitFor(() => readNotes(anna.doc).length === 2 && texts(anna.doc).includes('Annan lapp, ändrad av Bo'), {
			message: "Anna sees Bo's edits"
		});

		const facilitator = claimsOf(server, w.facilitatorToken);
		const [snapshot] = await history.list(w.code, 'g1', facilitator);
		const diff = await history.diff(w.code, 'g1', String(snapshot!.id), facilitator);
		expect(diff.deletedNotes.map((n) => [n.id, n.text])).toEqual([[keep, 'Lägg tillbaka mig']]);
		expect(diff.changedNotes.map((n) => [n.id, n.text, n.textNow])).toEqual([[other, 'Annan lapp', 'Annan lapp, ändrad av Bo']]);

		const restored = await history.restore(w.code, 'g1', String(snapshot!.id), facilitator, { notes: [keep] });
		expect(restored).toEqual({ notes: [keep], figures: [] });
		const expected = ['Annan lapp, ändrad av Bo', 'Bos nya lapp', 'Lägg tillbaka mig'];
		for (const client of [anna, bo]) await waitFor(() => texts(client.doc).join('|') === expected.join('|'), { message: 'convergence' });
		expect(texts(await server.rooms.read(g1(), (doc) => doc))).toEqual(expected);
		const back = readNotes(bo.doc).find((n) => n.id === keep)!;
		expect(back).toMatchObject({ x: 10, y: 10, authorName: 'Anna' });
		// The board as it was before the restore is kept too.
		expect((await history.list(w.code, 'g1', facilitator)).map((s) => s.reason)).toEqual(['restore', 'interval']);
		// Nothing is left to restore, and restoring again writes nothing.
		expect((await history.diff(w.code, 'g1', String(snapshot!.id), facilitator)).deletedNotes).toEqual([]);
		expect(await history.restore(w.code, 'g1', String(snapshot!.id), facilitator, { notes: [keep] })).toEqual({ notes: [], figures: [] });
	});

	it('puts a note whose figure is gone back outside it, or into it when the figure is restored too', async () => {
		const anna = await member('Anna');
		// Figures are the facilitator's (participants may not change them).
		const lead = connectClient(server, g1(), w.facilitatorToken);
		await lead.synced;
		const figure = addFigure(lead.doc, { kind: 'question', title: 'Borttagen fråga', x: 2000, y: 2000, w: 600, h: 400 });
		await waitFor(() => readFigures(anna.doc).some((f) => f.id === figure), { message: 'the figure at Anna' });
		const first = addNote(anna.doc, { x: 2020, y: 2100, text: 'Ett' }, anna.author);
		const second = addNote(anna.doc, { x: 2220, y: 2100, text: 'Två' }, anna.author);
		await waitFor(() => server.rooms.read(g1(), (doc) => readNotes(doc).length === 2), { message: 'the notes on the server' });
		await waitFor(() => readNotes(lead.doc).length === 2, { message: 'the notes at the facilitator' });
		await history.snapshotChanged();
		lead.doc.transact(() => {
			deleteNote(lead.doc, first);
			deleteNote(lead.doc, second);
			deleteFigure(lead.doc, figure);
		});
		await waitFor(() => server.rooms.read(g1(), (doc) => readNotes(doc).length === 0), { message: 'the deletes on the server' });

		const facilitator = claimsOf(server, w.facilitatorToken);
		const [snapshot] = await history.list(w.code, 'g1', facilitator);
		const diff = await history.diff(w.code, 'g1', String(snapshot!.id), facilitator);
		expect(diff.deletedFigures).toEqual([{ id: figure, kind: 'question', title: 'Borttagen fråga', notes: 2 }]);
		expect(diff.deletedNotes.every((n) => n.figureGone && n.figureTitle === 'Borttagen fråga')).toBe(true);

		await history.restore(w.code, 'g1', String(snapshot!.id), facilitator, { notes: [first] });
		await waitFor(() => readNotes(anna.doc).some((n) => n.id === first), { message: 'the first note back' });
		expect(readNotes(anna.doc).find((n) => n.id === first)?.figureId).toBeNull();

		await history.restore(w.code, 'g1', String(snapshot!.id), facilitator, { notes: [second], figures: [figure] });
		await waitFor(() => readNotes(anna.doc).some((n) => n.id === second), { message: 'the second note back' });
		expect(readNotes(anna.doc).find((n) => n.id === second)?.figureId).toBe(figure);
		expect(boardMaps(anna.doc).figures.get(figure)?.get('title')).toBe('Borttagen fråga');
	});

	it('refuses participants, other boards, unknown snapshots and empty choices', async () => {
		await history.snapshotChanged();
		const facilitator = claimsOf(server, w.facilitatorToken);
		const [snapshot] = await history.list(w.code, 'g1', facilitator);
		const { token } = await w.participant('g1');
		const participant = claimsOf(server, token);
		expect((await refusal(history.list(w.code, 'g1', participant))).status).toBe(403);
		expect((await refusal(history.diff(w.code, 'g1', String(snapshot!.id), participant))).status).toBe(403);
		expect((await refusal(history.restore(w.code, 'g1', String(snapshot!.id), participant, { notes: ['x'] }))).status).toBe(403);
		expect((await refusal(history.list(w.code, 'g9', facilitator))).status).toBe(404);
		// A snapshot of g1 is not reachable under g2.
		expect((await refusal(history.diff(w.code, 'g2', String(snapshot!.id), facilitator))).status).toBe(404);
		expect((await refusal(history.diff(w.code, 'g1', 'abc', facilitator))).status).toBe(404);
		expect((await refusal(history.restore(w.code, 'g1', String(snapshot!.id), facilitator, {}))).status).toBe(400);
		expect((await refusal(history.restore(w.code, 'g1', String(snapshot!.id), facilitator, { notes: 'x' }))).status).toBe(400);
	});
});
