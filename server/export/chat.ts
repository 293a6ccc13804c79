/**
 * The chat transcript as Markdown that reads as plain text too: every message in the order it
 * was sent, with its time, the sender's name and organisation. A new date gets a heading of its
 * own, so a transcript of a two-day meeting stays clear.
 */
import type { ChatMessage } from '../../src/lib/board/chat';
import { m } from '../../src/lib/paraglide/messages';
import { exportDate, type ExportLanguage } from './document';
import { markdownText } from './markdown-text';

/** The networks the seeds come from meet in Sweden; times on a transcript are theirs. */
export const TRANSCRIPT_TIME_ZONE = 'Europe/Stockholm';

/**
 * A day's heading as each language writes a date: "2026-12-03" in Swedish, "3 December 2026" in
 * English. Times read 14:05 in both (en-GB), as the workshop's own pages show them.
 */
const DAY_FORMAT: Record<ExportLanguage, [string, Intl.DateTimeFormatOptions]> = {
	sv: ['sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit' }],
	en: ['en-GB', { year: 'numeric', month: 'long', day: 'numeric' }]
};
const TIME_LOCALE: Record<ExportLanguage, string> = { sv: 'sv-SE', en: 'en-GB' };

export function chatTranscript(title: string, messages: ChatMessage[], date: Date, locale: ExportLanguage, timeZone = TRANSCRIPT_TIME_ZONE): string {
	const [dayLocale, dayOptions] = DAY_FORMAT[locale];
	const day = new Intl.DateTimeFormat(dayLocale, { timeZone, ...dayOptions });
	const time = new Intl.DateTimeFormat(TIME_LOCALE[locale], { timeZone, hour: '2-digit', minute: '2-digit' });
	const heading = m.export_chat_heading({ title: markdownText(title.trim()) || m.export_untitled({}, { locale }) }, { locale });
	const lines = [`# ${heading}`, '', `*${m.export_chat_exported({ date: exportDate(date, locale) }, { locale })}*`, ''];
	if (!messages.length) lines.push(`*${m.export_chat_empty({}, { locale })}*`, '');
	let currentDay = '';
	for (const message of messages) {
		const at = new Date(message.at);
		if (day.format(at) !== currentDay) {
			currentDay = day.format(at);
			lines.push(`## ${currentDay}`, '');
		}
		// What people wrote is escaped (markdown-text.ts): the transcript is read in Markdown viewers.
		const who = markdownText(message.organisation ? `${message.name} (${message.organisation})` : message.name);
		// Continuation lines are indented so that a message with line breaks stays one list item.
		const text = markdownText(message.text.trim()).split(/\r?\n/).join('\n  ');
		lines.push(`- **${time.format(at)} ${who}:** ${text}`);
	}
	if (messages.length) lines.push('');
	return lines.join('\n');
}
