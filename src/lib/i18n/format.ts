/**
 * Dates and times in the person's language, through Intl. A language tag alone ('sv', 'en') lets
 * Intl pick a region; these fix one, so that a time reads 14:05 in both (English readers here are
 * in Europe: en-GB, day before month). Imported relatively so that unit tests can load it.
 */
import { getLocale, type Locale } from '../paraglide/runtime';

const INTL_LOCALE: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

/** "14:05". */
export function formatTime(at: Date | number, locale: Locale = getLocale()): string {
	return new Date(at).toLocaleTimeString(INTL_LOCALE[locale], { hour: '2-digit', minute: '2-digit' });
}

/** "3 december 2026" / "3 December 2026". */
export function formatDate(at: Date | number, locale: Locale = getLocale()): string {
	return new Date(at).toLocaleDateString(INTL_LOCALE[locale], { year: 'numeric', month: 'long', day: 'numeric' });
}

/** "2026-12-03" / "03/12/2026": a date in a line that has little room. */
export function formatShortDate(at: Date | number, locale: Locale = getLocale()): string {
	return new Date(at).toLocaleDateString(INTL_LOCALE[locale]);
}

/** "Grupp 1, Grupp 2 och Grupp 3" / "Group 1, Group 2 and Group 3". */
export function formatList(items: readonly string[], locale: Locale = getLocale()): string {
	return new Intl.ListFormat(INTL_LOCALE[locale], { type: 'conjunction' }).format(items);
}
