/**
 * One authority per workshop across two instances (issue 12 §3): the server's own work runs on
 * the lease holder only, and a holder that goes away loses nothing; a group's capacity holds when
 * both instances seat people at once. Two whole Verkstad instances on shared data and the real
 * PostgreSQL (lease-instances.ts); everything is checked in the store, not through either's rooms.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
	addFigure,
	addNote,
	boardRoom,
	groupMemberCount,
	isBoardLocked,
	PLENARY_BOARD,
	readFigures,
	readNotes,
	readRunSheet,
	readWorkshop,
	setPhases,
	startPhase,
	workshopRoom
} from '../../src/lib/board';
import type { Verkstad } from '../../server/app';
import { AdvisoryLeases } from '../../server/scale/leases';
import { readEntry } from '../../server/scale/fanout-wire';
import { claimsOf, connectClient, createWorkshop, refusal, waitFor } from './helpers';
import { startInstances, type Instance } from './instances';
import { storedDoc, twoInstances, type Pair } from './lease-instances';

let pair: Pair | null = null;
const AUTHOR = { id: 'pA', name: 'Anna', organisation: 'Region Test' };

afterEach(async () => {
	await pair?.close();
	pair = null;
});

function nextPass(server: Verkstad): Promise<void> {
	const leases = server.leases;
	if (!(leases instanceof AdvisoryLeases)) throw new Error('this test needs leases on PostgreSQL');
	return new Promise((resolve) => {
		const stop = leases.afterPass(() => {
			stop();
			resolve();
		});
	});
}

async function newWorkshop(p: Pair): Promise<string> {
	return (await p.a.workshops.create({ title: 'Två instanser', template: 'blank', groups: 2 })).code;
}

/** Starts a timed phase on `server`, with a lock at its end; answers its run number. */
async function startTimedPhase(server: Verkstad, code: string, seconds: number): Promise<number> {
	let run = 0;
	await server.rooms.update(workshopRoom(code), (doc) => {
		setPhases(doc, [
			{ label: 'Individuellt', minutes: seconds / 60, lockAtEnd: true },
			{ label: 'Diskutera', minutes: 25 }
		]);
		startPhase(doc, 0, Date.now());
		run = readRunSheet(doc).run;
	});
	return run;
}

/**
 * Without the fan-out an instance's loaded copy of a doc never learns what the other wrote; the
 * tests that write a doc on both instances wait for every room to unload (2 s) first, so that
 * each loads the doc as stored.
 */
async function unloaded(p: Pair): Promise<void> {
	await waitFor(() => p.a.rooms.stats().rooms + p.b.rooms.stats().rooms === 0, { timeout: 10_000, interval: 50, message: 'the rooms unloaded' });
}

/** The instance that took the workshop's lease (both want it: the store marks its new boards for the history), and the other. */
async function holderOf(p: Pair, code: string): Promise<[Verkstad, Verkstad]> {
	await waitFor(() => p.a.leases.holds(code) || p.b.leases.holds(code), { message: 'a holder' });
	return p.a.leases.holds(code) ? [p.a, p.b] : [p.b, p.a];
}

async function phaseEnded(store: Verkstad['store'], code: string, run: number): Promise<boolean> {
	return readRunSheet(await storedDoc(store, workshopRoom(code))).ended === run;
}

async function phaseSnapshots(store: Verkstad['store'], code: string): Promise<number[]> {
	const count = async (group: string) => (await store.listSnapshots(boardRoom(code, group))).filter((s) => s.reason === 'phase').length;
	return [await count('g1'), await count('g2')];
}

describe('a phase end with two instances', () => {
	it('is done once, by the lease holder', async () => {
		const p = (pair = await twoInstances());
		const code = await newWorkshop(p);
		const run = await startTimedPhase(p.a, code, 1);
		// `b` loads the workshop too, so that both instances have the end scheduled.
		expect(await p.b.rooms.read(workshopRoom(code), (doc) => readRunSheet(doc).run)).toBe(run);
		await waitFor(async () => (await phaseEnded(p.a.store, code, run)) && (await phaseSnapshots(p.a.store, code)).every((n) => n > 0), {
			timeout: 10_000,
			interval: 20,
			message: 'the phase end and its snapshots'
		});
		expect(p.a.leases.holds(code) !== p.b.leases.holds(code)).toBe(true);
		// The metrics say what each instance holds.
		for (const server of [p.a, p.b]) expect((await server.metrics.leasesHeld.get()).values[0]?.value).toBe(server.leases.leasesHeld());
		// Both instances' timeouts are past and each has passed twice since: nothing more comes.
		await Promise.all([nextPass(p.a), nextPass(p.b)]);
		await Promise.all([nextPass(p.a), nextPass(p.b)]);
		expect(await phaseSnapshots(p.a.store, code)).toEqual([1, 1]);
		expect(isBoardLocked(await storedDoc(p.a.store, workshopRoom(code)), 'g1')).toBe(true);
	});

	it('is done by the other instance, from the store alone, when the holder closes just before it', async () => {
		const p = (pair = await twoInstances());
		const code = await newWorkshop(p);
		// Started on the holder; the other instance never loads the workshop.
		const [holder, other] = await holderOf(p, code);
		await unloaded(p);
		const run = await startTimedPhase(holder, code, 2);
		await holder.close();
		// The test means something only if the holder went before the end.
		expect(await phaseEnded(other.store, code, run)).toBe(false);
		await waitFor(async () => (await phaseEnded(other.store, code, run)) && (await phaseSnapshots(other.store, code)).every((n) => n > 0), {
			timeout: 10_000,
			interval: 20,
			message: 'the phase end on the other instance'
		});
		expect(other.leases.holds(code)).toBe(true);
		await nextPass(other);
		await nextPass(other);
		expect(await phaseSnapshots(other.store, code)).toEqual([1, 1]);
		expect(isBoardLocked(await storedDoc(other.store, workshopRoom(code)), 'g2')).toBe(true);
	});
});

describe('a phase end at scale, with the fan-out linking the instances', () => {
	it('is done once although both instances see the phase run', async () => {
		const linked = await startInstances();
		try {
			const [a, b] = linked.instances.map((instance) => instance.app) as [Verkstad, Verkstad];
			const code = (await a.workshops.create({ title: 'Länkade', template: 'blank', groups: 2 })).code;
			// Both load the workshop: the fan-out brings the start to both, so both schedule its end.
			await b.rooms.read(workshopRoom(code), () => {});
			const run = await startTimedPhase(b, code, 2);
			await waitFor(() => a.rooms.read(workshopRoom(code), (doc) => readRunSheet(doc).run === run), { message: 'the start on a' });
			await waitFor(async () => (await phaseEnded(a.store, code, run)) && (await phaseSnapshots(a.store, code)).every((n) => n > 0), {
				timeout: 15_000,
				interval: 20,
				message: 'the phase end and its snapshots'
			});
			await Promise.all([nextPass(a), nextPass(b)]);
			expect(await phaseSnapshots(a.store, code)).toEqual([1, 1]);
			expect(a.leases.holds(code) !== b.leases.holds(code)).toBe(true);
		} finally {
			await linked.close();
		}
	});
});

describe('a phase moved on by hand on the instance that does not hold the workshop', () => {
	it('is snapshotted as ended once, by the holder, which learns of it from the store', async () => {
		const p = (pair = await twoInstances());
		const code = await newWorkshop(p);
		const [holder, other] = await holderOf(p, code);
		await unloaded(p);
		const first = await startTimedPhase(holder, code, 25 * 60);
		// "Nästa fas" in a control room connected to the other: the holder has the workshop loaded, but no fan-out tells it.
		await other.rooms.update(workshopRoom(code), (doc) => void startPhase(doc, 1, Date.now()));
		expect(readRunSheet(await storedDoc(p.a.store, workshopRoom(code))).run).toBeGreaterThan(first);
		// Generous: in the whole suite the machine is busy, and this waits on the holder's lease passes.
		await waitFor(async () => (await phaseSnapshots(p.a.store, code)).every((n) => n > 0), {
			timeout: 30_000,
			interval: 20,
			message: 'the snapshots of the phase that ended'
		});
		await Promise.all([nextPass(p.a), nextPass(p.b)]);
		await Promise.all([nextPass(p.a), nextPass(p.b)]);
		expect(await phaseSnapshots(p.a.store, code)).toEqual([1, 1]);
	}, 60_000);
});

describe('board history with two instances', () => {
	it('snapshots a board changed on both instances once a round, on the holder', async () => {
		const p = (pair = await twoInstances());
		const code = await newWorkshop(p);
		const room = boardRoom(code, 'g1');
		const note = (text: string) => (doc: Y.Doc) => void addNote(doc, { text, x: 10, y: 10 }, AUTHOR);
		// Loaded first: a room's load is not a change.
		await Promise.all([p.a.rooms.read(room, () => {}), p.b.rooms.read(room, () => {})]);
		await p.a.rooms.update(room, note('från a'));
		await p.b.rooms.update(room, note('från b'));
		await holderOf(p, code);
		// A pass after both changes: the holder has taken in the other instance's mark.
		await Promise.all([nextPass(p.a), nextPass(p.b)]);
		// Each instance's round, as its timer would run it.
		await Promise.all([p.a.history.snapshotChanged(), p.b.history.snapshotChanged()]);
		const intervalSnapshots = (await p.a.store.listSnapshots(room)).filter((s) => s.reason === 'interval');
		expect(intervalSnapshots).toHaveLength(1);
		expect(await p.a.store.listHistoryDue()).toEqual([]);
	});
});

describe('a group’s capacity with two instances', () => {
	it('holds when both seat people in the same group at once', async () => {
		const p = (pair = await twoInstances());
		const code = await newWorkshop(p);
		const capacity = readWorkshop(await storedDoc(p.a.store, workshopRoom(code))).groupCapacity;
		// Both instances have the workshop loaded before the rush, each its own copy.
		await Promise.all([p.a, p.b].map((s) => s.rooms.read(workshopRoom(code), readWorkshop)));
		const joins = Array.from({ length: 2 * capacity }, (_, i) =>
			(i % 2 ? p.a : p.b).workshops.join(code, { name: `Deltagare ${i}`, organisation: 'Region Test', groupId: 'g1' })
		);
		const outcomes = await Promise.allSettled(joins);
		const seated = outcomes.filter((o) => o.status === 'fulfilled').length;
		expect(seated).toBe(capacity);
		const refused = await Promise.all(outcomes.filter((o) => o.status === 'rejected').map((o) => refusal(Promise.reject(o.reason))));
		expect(refused.every((r) => r.status === 409)).toBe(true);
		const info = readWorkshop(await storedDoc(p.a.store, workshopRoom(code)));
		expect(groupMemberCount(info, 'g1')).toBe(capacity);
		// Later ones are told where there is room, on either instance.
		expect((await refusal(p.b.workshops.join(code, { name: 'Sen', groupId: 'g1' }))).message).toMatch(/full/);
	});

	it('holds when the facilitator moves people into the last seat from both instances at once', async () => {
		const p = (pair = await twoInstances());
		const { code, facilitatorKey } = await p.a.workshops.create({ title: 'Flytta', template: 'blank', groups: 2 });
		const capacity = readWorkshop(await storedDoc(p.a.store, workshopRoom(code))).groupCapacity;
		const person = (name: string, groupId: string) => p.a.workshops.join(code, { name, organisation: 'Region Test', groupId });
		for (let i = 1; i < capacity; i++) await person(`Deltagare ${i}`, 'g1');
		const movers = [await person('Anna', 'g2'), await person('Bo', 'g2')];
		// Each instance loads the workshop as stored, then keeps its own copy.
		await unloaded(p);
		await Promise.all([p.a, p.b].map((s) => s.rooms.read(workshopRoom(code), readWorkshop)));
		const claims = claimsOf(p.a, await p.a.workshops.facilitatorToken(code, facilitatorKey));
		const outcomes = await Promise.allSettled(
			[p.a, p.b].map((server, i) => server.groups.move(code, claims, movers[i]!.participantId, { groupId: 'g1' }))
		);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		expect(groupMemberCount(readWorkshop(await storedDoc(p.a.store, workshopRoom(code))), 'g1')).toBe(capacity);
	});
});

describe('the plenary mirror at scale', () => {
	it('is written by the lease holder only, also for a group whose people are all on the other instance', async () => {
		const linked = await startInstances();
		try {
			const [holder, other] = linked.instances as [Instance, Instance];
			// Made on the first instance, which therefore wants the workshop's lease and takes it.
			const w = await createWorkshop(holder.app, 2);
			await holder.app.rooms.update(boardRoom(w.code, 'g1'), (doc) =>
				addFigure(doc, { kind: 'summary', title: 'Att tänka på', x: 0, y: 700, w: 1000, h: 440 })
			);
			await waitFor(() => holder.app.leases.holds(w.code), { timeout: 15_000, message: 'the first instance holds the workshop' });
			// The holder has no board loaded: only a signal can tell it of the group's summary.
			await waitFor(() => holder.app.rooms.stats().rooms === 0, { timeout: 10_000, message: "the holder's rooms unloaded" });
			const anna = await w.participant('g1', 'Anna');
			const onOther = connectClient(other, boardRoom(w.code, 'g1'), anna.token);
			await onOther.synced;
			const summary = readFigures(onOther.doc).find((f) => f.kind === 'summary')!.id;
			addNote(onOther.doc, { x: 20, y: 800, text: 'Tid att reflektera', figureId: summary }, anna.author);

			const plenary = boardRoom(w.code, PLENARY_BOARD);
			const mirrored = async (text: string) => readNotes(await storedDoc(holder.app.store, plenary)).filter((n) => n.text === text).length;
			await waitFor(async () => (await mirrored('Tid att reflektera')) === 1, { timeout: 15_000, message: 'the summary note in the plenary' });
			// A second note, once no refresh is pending: the other instance sees it first, so were it
			// to mirror too, its write would be the first to reach the stream.
			const stream = linked.prefix + plenary;
			const before = await linked.redis.xlen(stream);
			addNote(onOther.doc, { x: 220, y: 800, text: 'Fika', figureId: summary }, anna.author);
			await waitFor(async () => (await linked.redis.xlen(stream)) > before && (await mirrored('Fika')) === 1, {
				timeout: 15_000,
				message: 'the second note in the plenary'
			});
			const entries = await linked.redis.xrangeBuffer(stream, '-', '+');
			expect(new Set(entries.map(([, fields]) => readEntry(fields)?.origin))).toEqual(new Set([holder.app.fanout!.instanceId]));
			expect([await mirrored('Tid att reflektera'), await mirrored('Fika')]).toEqual([1, 1]);
			expect(other.app.leases.holds(w.code)).toBe(false);
		} finally {
			await linked.close();
		}
	});
});
