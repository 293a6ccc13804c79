/**
 * One authority per workshop across two instances (issue 12 §3): the server's own work runs on
 * the lease holder only, and a holder that goes away loses nothing; a group's capacity holds when
 * both instances seat people at once. Two whole Verkstad instances on shared data and the real
 * PostgreSQL (two-instances.ts); everything is checked in the store, not through either's rooms.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { boardRoom, groupMemberCount, readRunSheet, readWorkshop, setPhases, startPhase, workshopRoom, isBoardLocked } from '../../src/lib/board';
import type { Verkstad } from '../../server/app';
import { AdvisoryLeases } from '../../server/scale/leases';
import { refusal, waitFor } from './helpers';
import { storedDoc, twoInstances, type Pair } from './two-instances';

let pair: Pair | null = null;

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
		// Both instances' timeouts are past and each has passed twice since: nothing more comes.
		await Promise.all([nextPass(p.a), nextPass(p.b)]);
		await Promise.all([nextPass(p.a), nextPass(p.b)]);
		expect(await phaseSnapshots(p.a.store, code)).toEqual([1, 1]);
		expect(isBoardLocked(await storedDoc(p.a.store, workshopRoom(code)), 'g1')).toBe(true);
	});

	it('is done by the other instance, from the store alone, when the holder closes just before it', async () => {
		const p = (pair = await twoInstances());
		const code = await newWorkshop(p);
		// The workshop is live on `a` only, so `a` takes its lease, and `b` never loads it.
		await waitFor(() => p.a.leases.holds(code), { message: 'a holding the workshop' });
		const run = await startTimedPhase(p.a, code, 2);
		await p.a.close();
		// The test means something only if the holder went before the end.
		expect(await phaseEnded(p.b.store, code, run)).toBe(false);
		await waitFor(async () => (await phaseEnded(p.b.store, code, run)) && (await phaseSnapshots(p.b.store, code)).every((n) => n > 0), {
			timeout: 10_000,
			interval: 20,
			message: 'the phase end on the other instance'
		});
		expect(p.b.leases.holds(code)).toBe(true);
		await nextPass(p.b);
		await nextPass(p.b);
		expect(await phaseSnapshots(p.b.store, code)).toEqual([1, 1]);
		expect(isBoardLocked(await storedDoc(p.b.store, workshopRoom(code)), 'g2')).toBe(true);
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
});
