import { describe, expect, it } from 'vitest';
import { formatDate, formatList, formatShortDate, formatTime } from '../../src/lib/i18n/format';

// 3 December 2026, 14:05 in the test's own time zone.
const at = new Date(2026, 11, 3, 14, 5);

describe('dates and times in the person’s language', () => {
	it('writes the month in the language, day first in both', () => {
		expect(formatDate(at, 'sv')).toBe('3 december 2026');
		expect(formatDate(at, 'en')).toBe('3 December 2026');
	});

	it('writes a 24-hour time in both', () => {
		expect(formatTime(at, 'sv')).toBe('14:05');
		expect(formatTime(at, 'en')).toBe('14:05');
	});

	it('writes a short date the way each language does', () => {
		expect(formatShortDate(at, 'sv')).toBe('2026-12-03');
		expect(formatShortDate(at, 'en')).toBe('03/12/2026');
	});

	it('joins a list with the language’s “and”, and no comma before it in either', () => {
		expect(formatList(['Grupp 1'], 'sv')).toBe('Grupp 1');
		expect(formatList(['Grupp 1', 'Grupp 2'], 'sv')).toBe('Grupp 1 och Grupp 2');
		expect(formatList(['Grupp 1', 'Grupp 2', 'Grupp 3'], 'sv')).toBe('Grupp 1, Grupp 2 och Grupp 3');
		expect(formatList(['Group 1', 'Group 2', 'Group 3'], 'en')).toBe('Group 1, Group 2 and Group 3');
	});

	it('follows the current language when none is given (Swedish outside a request)', () => {
		expect(formatDate(at)).toBe('3 december 2026');
	});
});
