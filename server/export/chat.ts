/**
 * The chat transcript as Markdown that reads as plain text too: every message in the order it
 * was sent, with its time, the sender's name and organisation. A new date gets a heading of its
 * own, so a transcript of a two-day meeting stays clear.
 */
import type { ChatMessage } from '../../src/lib/board/chat';
import { isoDate } from './document';
import { markdownText } from './markdown-text';

/** The networks the seeds come from meet in Sweden; times on a transcript are theirs. */
export const TRANSCRIPT_TIME_ZONE = 'Europe/Stockholm';

export function chatTranscript(title: string, messages: ChatMessage[], date: Date, timeZone = TRANSCRIPT_TIME_ZONE): string {
	const day = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
	const time = new Intl.DateTimeFormat('sv-SE', { timeZone, hour: '2-digit', minute: '2-digit' });
	const lines = [`# Chatt: ${markdownText(title.trim()) || 'Workshop'}`, '', `*Exporterad ${isoDate(date)}*`, ''];
	if (!messages.length) lines.push('*Inga meddelanden.*', '');
	let currentDay = '';
	for (const m of messages) {
		const at = new Date(m.at);
		if (day.format(at) !== currentDay) {
			currentDay = day.format(at);
			lines.push(`## ${currentDay}`, '');
		}
		// What people wrote is escaped (markdown-text.ts): the transcript is read in Markdown viewers.
		const who = markdownText(m.organisation ? `${m.name} (${m.organisation})` : m.name);
		// Continuation lines are indented so that a message with line breaks stays one list item.
		const text = markdownText(m.text.trim()).split(/\r?\n/).join('\n  ');
		lines.push(`- **${time.format(at)} ${who}:** ${text}`);
	}
	if (messages.length) lines.push('');
	return lines.join('\n');
}
