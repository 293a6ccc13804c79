/**
 * Text from people (notes, chat, names, organisations, titles) inside our Markdown exports. The
 * exports are opened in Markdown viewers, wikis and editors that render to HTML, so such text must
 * come out as the same characters and never as markup:
 * - `&`, `<` and `>` become entities: no raw HTML (`<script>`, `<img onerror>`), no autolink
 *   (`<javascript:…>`), no entity the writer spelled out, no blockquote. A viewer shows the
 *   characters as typed.
 * - `[` and `]` are escaped with a backslash, and so is the backslash itself (or `\[` typed by a
 *   person would undo our escape): no inline link, image or reference link can form, so no
 *   `javascript:`, `data:` or `vbscript:` target reaches an href or src, however it is spelled.
 *   Plain http(s) addresses still become links in viewers that autolink them (GFM), and those
 *   never take another scheme.
 * Other Markdown punctuation (`*`, `_`, `#`, backticks) is left as typed: it can change emphasis
 * but not produce markup that runs, and escaping it would make the file hard to read as text.
 */
const ESCAPES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'\\': '\\\\',
	'[': '\\[',
	']': '\\]'
};

export function markdownText(text: string): string {
	return text.replace(/[&<>\\[\]]/g, (c) => ESCAPES[c]!);
}
