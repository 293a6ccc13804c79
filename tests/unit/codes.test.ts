import { describe, expect, it } from 'vitest';
import { parseRoom } from '../../src/lib/board';
import { codeNumber, hashKey, isValidCodeShape, keyMatches, newFacilitatorKey, newJoinCode, normaliseCode } from '../../server/workshops/codes';

describe('join codes and keys', () => {
	it('are six characters without look-alikes', () => {
		for (let i = 0; i < 500; i++) {
			const code = newJoinCode();
			expect(isValidCodeShape(code)).toBe(true);
			expect(code).not.toMatch(/[01OIL]/);
		}
	});

	it('each have their own number, which fits a PostgreSQL int4 lock key', () => {
		expect(codeNumber('222222')).toBe(0);
		expect(codeNumber('222223')).toBe(1);
		expect(codeNumber('322222')).toBe(31 ** 5);
		expect(codeNumber('ZZZZZZ')).toBe(31 ** 6 - 1);
		expect(codeNumber('ZZZZZZ')).toBeLessThan(2 ** 31);
		expect(codeNumber('K7P4QX')).not.toBe(codeNumber('K7P4QY'));
	});

	it('accept what people type', () => {
		expect(normaliseCode('k7p 4qx')).toBe('K7P4QX');
		expect(normaliseCode('K7P-4QX')).toBe('K7P4QX');
	});

	it('store only a hash of the facilitator key', () => {
		const key = newFacilitatorKey();
		const hash = hashKey(key);
		expect(hash).not.toContain(key);
		expect(keyMatches(key, hash)).toBe(true);
		expect(keyMatches(key + 'x', hash)).toBe(false);
	});
});

describe('room names', () => {
	it('parse the three kinds of room', () => {
		expect(parseRoom('K7P4QX')).toEqual({ kind: 'workshop', code: 'K7P4QX' });
		expect(parseRoom('K7P4QX/board/g2')).toEqual({ kind: 'board', code: 'K7P4QX', boardId: 'g2' });
		expect(parseRoom('K7P4QX/private/p123')).toEqual({ kind: 'private', code: 'K7P4QX', participantId: 'p123' });
	});

	it('refuse anything else', () => {
		for (const bad of ['', 'k7p4qx', 'K7P4QX/board', 'K7P4QX/board/../x', 'K7P4QX/other/g1', 'K7P4QX/board/g1/extra', '../etc']) {
			expect(parseRoom(bad)).toBeNull();
		}
	});
});
