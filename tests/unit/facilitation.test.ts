import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addParticipant,
	adjustTimer,
	ALL_GROUPS,
	appendChat,
	CHAT_KEEP,
	clearBroadcast,
	formatRemaining,
	initWorkshop,
	isBoardLocked,
	linkify,
	lockedFigures,
	lockKey,
	pauseTimer,
	readBroadcast,
	readChat,
	readTimer,
	readWorkshop,
	remainingMs,
	resumeTimer,
	setBroadcast,
	setLeader,
	setLock,
	setOpenBoards,
	startTimer,
	timerForGroup
} from '../../src/lib/board';

const MIN = 60_000;

function workshop() {
	const doc = new Y.Doc();
	initWorkshop(doc, { title: 'Lärlabb', template: 'larlabb', groups: 3 });
	return doc;
}

describe('a new workshop', () => {
	it("names its groups in the workshop's language, and in Swedish when it has none", () => {
		const english = new Y.Doc();
		initWorkshop(english, { title: 'Learning lab', template: 'larlabb', groups: 2, language: 'en' });
		expect(readWorkshop(english).groups.map((g) => g.name)).toEqual(['Group 1', 'Group 2']);
		expect(readWorkshop(workshop()).groups.map((g) => g.name)).toEqual(['Grupp 1', 'Grupp 2', 'Grupp 3']);
	});
});

describe('timers on the server clock', () => {
	it('count down, pause, resume and take an extra minute', () => {
		const doc = workshop();
		startTimer(doc, ALL_GROUPS, 40 * MIN, 'Hela övningen', 1_000_000);
		const at = (t: number) => remainingMs(readTimer(doc, ALL_GROUPS)!, t);
		expect(at(1_000_000 + 10 * MIN)).toBe(30 * MIN);
		pauseTimer(doc, ALL_GROUPS, 1_000_000 + 10 * MIN);
		expect(at(1_000_000 + 20 * MIN)).toBe(30 * MIN); // paused: no time passes
		resumeTimer(doc, ALL_GROUPS, 1_000_000 + 20 * MIN);
		adjustTimer(doc, ALL_GROUPS, MIN, 1_000_000 + 20 * MIN);
		expect(at(1_000_000 + 25 * MIN)).toBe(26 * MIN);
		expect(at(1_000_000 + 99 * MIN)).toBe(0);
	});

	it('never take away time that has already run', () => {
		const doc = workshop();
		startTimer(doc, ALL_GROUPS, 5 * MIN, 'Kort', 0);
		adjustTimer(doc, ALL_GROUPS, -10 * MIN, 4 * MIN);
		expect(remainingMs(readTimer(doc, ALL_GROUPS)!, 4 * MIN)).toBe(0);
	});

	it('show a group its own timer before the one for all groups', () => {
		const doc = workshop();
		startTimer(doc, ALL_GROUPS, 40 * MIN, 'Alla', 0);
		startTimer(doc, 'g2', 5 * MIN, 'Grupp 2 extra', 0);
		expect(timerForGroup(doc, 'g1')?.label).toBe('Alla');
		expect(timerForGroup(doc, 'g2')?.label).toBe('Grupp 2 extra');
	});

	it('format the remaining time, rounding up', () => {
		expect(formatRemaining(40 * MIN)).toBe('40:00');
		expect(formatRemaining(61_001)).toBe('1:02');
		expect(formatRemaining(1)).toBe('0:01');
		expect(formatRemaining(0)).toBe('0:00');
	});
});

describe('locks', () => {
	it('lock one board, all boards, or one figure', () => {
		const doc = workshop();
		setLock(doc, lockKey('g2'), true);
		expect([isBoardLocked(doc, 'g1'), isBoardLocked(doc, 'g2')]).toEqual([false, true]);
		setLock(doc, lockKey(), true);
		expect(isBoardLocked(doc, 'g1')).toBe(true);
		setLock(doc, lockKey(), false);
		setLock(doc, lockKey('g1', 'f1'), true);
		expect(isBoardLocked(doc, 'g1')).toBe(false);
		expect([...lockedFigures(doc, 'g1')]).toEqual(['f1']);
		expect([...lockedFigures(doc, 'g2')]).toEqual([]);
	});
});

describe('broadcast, leaders and privacy', () => {
	it('show one broadcast until it is cleared', () => {
		const doc = workshop();
		setBroadcast(doc, '  Fem minuter kvar!  ', 123);
		expect(readBroadcast(doc)).toEqual({ text: 'Fem minuter kvar!', sentAt: 123 });
		clearBroadcast(doc);
		expect(readBroadcast(doc)).toBeNull();
	});

	it('let only a member of a group lead it', () => {
		const doc = workshop();
		addParticipant(doc, { id: 'p1', name: 'Anna', organisation: 'Region Skåne', groupId: 'g1', joinedAt: 1 });
		setLeader(doc, 'g2', 'p1');
		expect(readWorkshop(doc).leaders).toEqual({});
		setLeader(doc, 'g1', 'p1');
		expect(readWorkshop(doc).leaders).toEqual({ g1: 'p1' });
		setLeader(doc, 'g1', null);
		expect(readWorkshop(doc).leaders).toEqual({});
	});

	it('keep groups private until the facilitator opens the boards', () => {
		const doc = workshop();
		expect(readWorkshop(doc).openBoards).toBe(false);
		setOpenBoards(doc, true);
		expect(readWorkshop(doc).openBoards).toBe(true);
	});
});

describe('chat', () => {
	const message = (i: number) => ({
		id: `m${i}`,
		authorId: 'p1',
		name: 'Anna',
		organisation: 'Region Skåne',
		role: 'participant' as const,
		text: `Meddelande ${i}`,
		at: i
	});

	it('keeps messages in order and drops the oldest beyond the limit', () => {
		const doc = workshop();
		for (let i = 0; i < CHAT_KEEP + 5; i++) appendChat(doc, message(i));
		const messages = readChat(doc);
		expect(messages).toHaveLength(CHAT_KEEP);
		expect(messages[0]?.id).toBe('m5');
		expect(messages.at(-1)?.id).toBe(`m${CHAT_KEEP + 4}`);
	});

	it('makes http links clickable and leaves the rest as text', () => {
		expect(linkify('Se <https://utveckling.skane.se/jobben/> och hör av er.')).toEqual([
			{ text: 'Se <' },
			{ text: 'https://utveckling.skane.se/jobben/', href: 'https://utveckling.skane.se/jobben/' },
			{ text: '> och hör av er.' }
		]);
		expect(linkify('javascript:alert(1) är ingen länk')).toEqual([{ text: 'javascript:alert(1) är ingen länk' }]);
	});
});
