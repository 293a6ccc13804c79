/**
 * A run-sheet phase's actions (issue 10 §4) carried out by the server, against stock y-websocket
 * clients: "Starta" and "Nästa fas" in the facilitator's doc start "Fundera själv först" and open
 * votes, a phase's end (by hand or by time, the facilitator offline) reveals, closes and locks,
 * each exactly once. During the individual phase the server publishes per-person draft counts
 * and "Klar", never a draft's text, where no participant can write.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import {
	addDraft,
	boardRoom,
	groupProgress,
	isBoardLocked,
	markDone,
	nextPhase,
	nextPhaseStep,
	privateRoom,
	readDrafts,
	readIndividual,
	readNotes,
	readRunSheet,
	readVote,
	readWorkshop,
	setAutoAdvance,
	setPhases,
	startPhase,
	WHOLE_BOARD,
	workshopRoom,
	type Phase
} from '../../src/lib/board';
import { PhaseActionService } from '../../server/workshops/phase-actions';
import { PhaseService } from '../../server/workshops/phases';
import { ProgressService } from '../../server/workshops/progress';
import { RevealService } from '../../server/workshops/reveal';
import { VoteService } from '../../server/workshops/votes';
import { connectClient, startServer, waitFor, type Client, type TestServer } from './helpers';

const SHORT = 0.8 / 60; // 800 ms in minutes
const GOOD = 'Framgångsfaktorer';
const THINK_FIRST: Phase = { label: 'Individuellt', minutes: 25, individual: { scope: WHOLE_BOARD, anonymous: false }, revealAtEnd: true };
const VOTE: Phase['vote'] = { figures: [{ title: GOOD, label: '3 framgångsfaktorer', quota: 3 }] };

let server: TestServer;
let services: { close(): Promise<void> }[];
let code: string;
let facilitatorToken: string;

beforeEach(async () => {
	server = await startServer();
	const { store, rooms, log } = server;
	const reveal = new RevealService({ store, rooms, log });
	const votes = new VoteService({ store, rooms, log });
	services = [
		new PhaseService({ store, rooms, log }),
		new PhaseActionService({ rooms, reveal, votes, log }),
		new ProgressService({ rooms, log })
	];
	const created = await server.workshops.create({ title: 'Tre och tre', template: 'framgangsfaktorer', groups: 2 });
	code = created.code;
	facilitatorToken = await server.workshops.facilitatorToken(code, created.facilitatorKey);
});
afterEach(async () => {
	for (const service of services) await service.close();
	await server.close();
});

const onServer = <T>(read: (doc: Y.Doc) => T) => server.rooms.read(workshopRoom(code), read);
const boardTexts = (group: string) => server.rooms.read(boardRoom(code, group), (doc) => readNotes(doc).map((n) => n.text));
const phaseLines = (msg: string) => server.log.lines.filter((l) => l.msg === msg && l.fields.code === code);

async function facilitatorClient(): Promise<Client> {
	const client = connectClient(server, workshopRoom(code), facilitatorToken);
	await client.synced;
	return client;
}

/** A participant with their private doc open, as the board page holds it. */
async function participant(groupId: string, name: string) {
	const joined = await server.workshops.join(code, { name, organisation: `Region ${name}`, groupId });
	const priv = connectClient(server, privateRoom(code, joined.participantId), joined.token);
	await priv.synced;
	return { ...joined, priv };
}

/**
 * Resolves once the server has handled everything this client sent before: the server answers
 * a sync step 1 on the same socket, in order, after the messages ahead of it.
 */
function roundTrip(client: Client): Promise<void> {
	const ws = client.provider.ws!;
	return new Promise((resolve) => {
		const onMessage = (event: { data: unknown }) => {
			const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
			if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2) {
				ws.removeEventListener('message', onMessage);
				resolve();
			}
		};
		ws.addEventListener('message', onMessage);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		syncProtocol.writeSyncStep1(encoder, client.doc);
		ws.send(encoding.toUint8Array(encoder));
	});
}

describe('"Starta" and "Nästa fas" carry out the actions', () => {
	it('think-first with counts but no text, then reveal and a vote, then close and lock when moving on by hand', async () => {
		const facilitator = await facilitatorClient();
		setPhases(facilitator.doc, [THINK_FIRST, { label: 'Välj', minutes: 25, vote: VOTE, lockAtEnd: true }, { label: 'Dela', minutes: 10 }]);
		startPhase(facilitator.doc, 0, Date.now());
		await waitFor(() => onServer((doc) => readIndividual(doc)?.active === true), { message: 'think-first started by the server' });

		const anna = await participant('g1', 'Anna');
		await participant('g1', 'Bo');
		addDraft(anna.priv.doc, { figureTitle: GOOD, x: 20, y: 100, text: 'Tydliga mål från start' });
		const g1 = () => groupProgress(facilitator.doc, readWorkshop(facilitator.doc), readIndividual(facilitator.doc)).get('g1');
		await waitFor(() => g1()?.drafts === 1, { message: '1 utkast in the facilitator doc' });
		expect(g1()).toEqual({ drafts: 1, done: 0, people: 2 });
		markDone(anna.priv.doc, readIndividual(facilitator.doc)!.startedAt, true);
		await waitFor(() => g1()?.done === 1, { message: '1 av 2 klara' });
		// Only counts leave the private doc.
		expect(JSON.stringify(facilitator.doc.toJSON())).not.toContain('Tydliga mål');

		nextPhase(facilitator.doc, Date.now());
		await waitFor(async () => (await boardTexts('g1')).includes('Tydliga mål från start'), { message: 'the draft revealed at the end' });
		await waitFor(() => onServer((doc) => readVote(doc)?.status === 'open'), { message: 'the vote opened at the start' });
		const vote = (await onServer(readVote))!;
		expect(vote.figures).toEqual([expect.objectContaining({ title: GOOD, quota: 3 })]);
		expect(Object.keys(vote.figures[0]!.figureIds ?? {})).toEqual(['g1', 'g2']);
		expect(await onServer((doc) => readIndividual(doc)?.active)).toBe(false);
		expect(await onServer((doc) => isBoardLocked(doc, 'g1'))).toBe(false);
		await waitFor(() => g1()?.drafts === 0, { message: 'the count follows the reveal' });

		nextPhase(facilitator.doc, Date.now());
		await waitFor(() => onServer((doc) => readVote(doc)?.status === 'closed' && isBoardLocked(doc, 'g1') && isBoardLocked(doc, 'g2')), {
			message: 'the vote closed and the boards locked when moving on'
		});
		expect((await onServer(readVote))!.id).toBe(vote.id);
		await waitFor(() => onServer((doc) => nextPhaseStep(doc) === null), { message: 'nothing left due' });
		expect(await boardTexts('g1')).toEqual(['Tydliga mål från start']);
	});

	it('runs every phase by time with the facilitator offline, each action once', async () => {
		const anna = await participant('g1', 'Anna');
		// A draft written before the phase (offline, say) is revealed with the others.
		addDraft(anna.priv.doc, { figureTitle: GOOD, x: 20, y: 100, text: 'Årshjulet är känt' });
		await waitFor(async () => (await server.rooms.read(privateRoom(code, anna.participantId), readDrafts)).length === 1);

		const facilitator = await facilitatorClient();
		setPhases(facilitator.doc, [
			{ ...THINK_FIRST, minutes: SHORT },
			{ label: 'Välj', minutes: SHORT, vote: VOTE },
			{ label: 'Dela', minutes: SHORT, lockAtEnd: true }
		]);
		setAutoAdvance(facilitator.doc, true);
		startPhase(facilitator.doc, 0, Date.now());
		await waitFor(() => onServer((doc) => readRunSheet(doc).run === 1), { message: 'the start on the server' });
		facilitator.destroy();

		await waitFor(
			() => onServer((doc) => readRunSheet(doc).index === 2 && isBoardLocked(doc, 'g1') && nextPhaseStep(doc) === null),
			{ timeout: 15_000, message: 'the last phase ended and locked' }
		);
		expect(await boardTexts('g1')).toEqual(['Årshjulet är känt']);
		expect(await onServer((doc) => ({ individual: readIndividual(doc)?.active, vote: readVote(doc)?.status }))).toEqual({
			individual: false,
			vote: 'closed'
		});
		// Once per run: three starts and three ends, though the doc changed many times meanwhile
		// (the last line is logged just after the write the wait above saw).
		await waitFor(() => phaseLines('phase end actions').length >= 3, { message: 'the last end logged' });
		expect(phaseLines('phase started').map((l) => l.fields.run)).toEqual([1, 2, 3]);
		expect(phaseLines('phase end actions').map((l) => l.fields.run)).toEqual([1, 2, 3]);
		expect(phaseLines('vote opened')).toHaveLength(1);
	});

	it('keeps working for a workshop whose phases have no actions', async () => {
		const facilitator = await facilitatorClient();
		setPhases(facilitator.doc, [{ label: 'Arbeta', minutes: SHORT, lockAtEnd: true }]);
		startPhase(facilitator.doc, 0, Date.now());
		await waitFor(() => onServer((doc) => isBoardLocked(doc, 'g1') && nextPhaseStep(doc) === null), { message: 'locked by time' });
		expect(await onServer((doc) => ({ individual: readIndividual(doc), vote: readVote(doc) }))).toEqual({ individual: null, vote: null });
	});
});

describe('what the server refuses', () => {
	it('carries out no malformed action a hand-made facilitator client put in the phases', async () => {
		const facilitator = await facilitatorClient();
		const forged = [
			{
				label: 'Förfalskad',
				minutes: 25,
				individual: { scope: 'x'.repeat(5000), anonymous: false },
				vote: { figures: [{ title: GOOD, label: 'alla', quota: 999 }] },
				revealAtEnd: 'ja'
			}
		];
		facilitator.doc.getMap('runsheet').set('phases', forged);
		startPhase(facilitator.doc, 0, Date.now());
		// The server records the start as handled once it has looked at the phase.
		await waitFor(() => onServer((doc) => readRunSheet(doc).run === 1 && nextPhaseStep(doc) === null), { message: 'the start handled' });
		expect(await onServer((doc) => ({ individual: readIndividual(doc), vote: readVote(doc) }))).toEqual({ individual: null, vote: null });
		expect((await onServer(readRunSheet)).phases).toEqual([{ label: 'Förfalskad', minutes: 25 }]);
	});

	it('keeps a participant from writing the counts, the phases or the server’s record in the workshop doc', async () => {
		const anna = await participant('g1', 'Anna');
		const bo = await participant('g2', 'Bo');
		const annaWorkshop = connectClient(server, workshopRoom(code), anna.token);
		await annaWorkshop.synced;
		annaWorkshop.doc.transact(() => {
			annaWorkshop.doc.getMap('progress').set(bo.participantId, { drafts: 40, done: 1 });
			annaWorkshop.doc.getMap('runsheet').set('phases', [{ label: 'Min fas', minutes: 1, lockAtEnd: true }]);
			annaWorkshop.doc.getMap('runsheet').set('acted', { run: 99, actions: {}, voteId: null, ended: true });
		});
		await roundTrip(annaWorkshop);
		expect(
			await onServer((doc) => ({ progress: doc.getMap('progress').toJSON(), runsheet: doc.getMap('runsheet').toJSON() }))
		).toEqual({ progress: {}, runsheet: expect.not.objectContaining({ acted: expect.anything() }) });
		expect((await onServer(readRunSheet)).phases).not.toContainEqual(expect.objectContaining({ label: 'Min fas' }));

		// Their own private doc counts for them alone.
		addDraft(anna.priv.doc, { figureTitle: GOOD, x: 0, y: 100, text: 'Eget' });
		await waitFor(async () => (await onServer((doc) => doc.getMap('progress').size)) === 1, { message: 'Anna’s count' });
		expect(await onServer((doc) => doc.getMap('progress').toJSON())).toEqual({ [anna.participantId]: { drafts: 1, done: 0 } });
	});
});
