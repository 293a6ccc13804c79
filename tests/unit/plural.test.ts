import { describe, expect, it } from 'vitest';
import { plural, pluralWord } from '../../src/lib/board/plural';

describe('plural', () => {
	it('uses the singular for exactly one', () => {
		expect(plural(1, 'lapp', 'lappar')).toBe('1 lapp');
		expect(plural(1, 'figur', 'figurer')).toBe('1 figur');
		expect(plural(1, 'röst', 'röster')).toBe('1 röst');
	});

	it('uses the plural for zero and for more than one', () => {
		expect(plural(0, 'lapp', 'lappar')).toBe('0 lappar');
		expect(plural(2, 'figur', 'figurer')).toBe('2 figurer');
		expect(plural(21, 'röst', 'röster')).toBe('21 röster');
		expect(plural(101, 'grupp', 'grupper')).toBe('101 grupper');
	});

	it('gives the word alone, for counts written apart from it ("3 av 12 personer")', () => {
		expect(pluralWord(1, 'person', 'personer')).toBe('person');
		expect(pluralWord(12, 'person', 'personer')).toBe('personer');
	});
});
