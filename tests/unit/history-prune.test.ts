/** The rule that thins a board's snapshots (server/history/prune.ts). */
import { describe, expect, it } from 'vitest';
import { KEEP_ALL_MS, MAX_PER_BOARD, snapshotsToPrune } from '../../server/history/prune';
import type { HistoryEntry, SnapshotReason } from '../../server/store/doc-store';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = 100 * HOUR;

let nextId = 1;
const entry = (takenAt: number, reason: SnapshotReason = 'interval'): HistoryEntry => ({ id: nextId++, room: 'R', takenAt, reason, bytes: 1 });

describe('thinning board snapshots', () => {
	it('keeps every snapshot of the last two hours', () => {
		const recent = Array.from({ length: 24 }, (_, i) => entry(NOW - i * 5 * MINUTE));
		expect(recent.every((e) => NOW - e.takenAt < KEEP_ALL_MS)).toBe(true);
		expect(snapshotsToPrune(recent, NOW)).toEqual([]);
	});

	it('keeps, of older interval snapshots, the newest of each hour, and every phase and restore snapshot', () => {
		const hourStart = NOW - 5 * HOUR;
		const newestOfHour = entry(hourStart + 55 * MINUTE);
		const sameHour = [entry(hourStart + 5 * MINUTE), entry(hourStart + 30 * MINUTE)];
		const phase = entry(hourStart + 10 * MINUTE, 'phase');
		const restore = entry(hourStart + 20 * MINUTE, 'restore');
		const pruned = snapshotsToPrune([...sameHour, newestOfHour, phase, restore], NOW);
		expect(pruned.sort()).toEqual(sameHour.map((e) => e.id).sort());
	});

	it(`never keeps more than ${MAX_PER_BOARD} per board, dropping the oldest`, () => {
		const many = Array.from({ length: MAX_PER_BOARD + 5 }, (_, i) => entry(NOW - i * MINUTE, 'phase'));
		expect(snapshotsToPrune(many, NOW).sort()).toEqual(many.slice(MAX_PER_BOARD).map((e) => e.id).sort());
	});
});
