/** A summary item's text in the reader's quotation marks (”…” in Swedish, “…” in English), cut short for a label or a message. */
import { m } from '$lib/paraglide/messages';

export function quoted(text: string, max = 80): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return m.summary_quoted({ text: line.length > max ? `${line.slice(0, max - 1)}…` : line });
}
