/** A summary item's text in Swedish quotation marks, cut short for a label or a message. */
export function quoted(text: string, max = 80): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return `”${line.length > max ? `${line.slice(0, max - 1)}…` : line}”`;
}
