/**
 * The Markdown exports rendered by a common renderer (marked, which sanitises nothing itself):
 * hostile note, chat, name and organisation text comes out as inert text that reads as typed.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/lib/board/chat';
import { chatTranscript } from '../../server/export/chat';
import { organisationsMarkdown, summaryMarkdown } from '../../server/export/markdown';
import { markdownText } from '../../server/export/markdown-text';

const DATE = new Date('2026-04-24T08:00:00Z');

const HOSTILE = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'[klicka](javascript:alert(1))',
	'![bild](data:image/svg+xml,<svg onload=alert(1)>)',
	'[x](JaVaScRiPt:alert(1)) [y](vbscript:msgbox(1))',
	'\\[x](javascript:alert(1))',
	'[x](javascript\\:alert(1))',
	'<javascript:alert(1)>',
	'[a][ref]\n\n[ref]: javascript:alert(1)',
	'&lt;script&gt;alert(1)&lt;/script&gt;'
];

function render(markdown: string): string {
	return marked.parse(markdown, { async: false });
}

/** What a person reads: the rendered HTML without tags, entities decoded. */
function readable(html: string): string {
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
}

/** No element or attribute a hostile text could have asked for: only the tags Markdown structure makes. */
function expectInert(html: string): void {
	const tags = html.match(/<\/?[a-z][^>]*>/gi) ?? [];
	for (const tag of tags) expect(tag).toMatch(/^<\/?(h1|h2|p|em|strong|ul|li|br|table|thead|tbody|tr|th|td)( align="\w+")?>$/);
}

describe('text that people wrote, in Markdown', () => {
	it('renders as the same characters, with no markup and no link', () => {
		for (const text of HOSTILE) {
			const html = render(markdownText(text));
			expectInert(html);
			// Line breaks become Markdown paragraphs; everything else reads as typed.
			expect(readable(html).replace(/\s+/g, ' ').trim()).toBe(text.replace(/\s+/g, ' ').trim());
		}
	});

	it('leaves ordinary Swedish text as it is', () => {
		expect(markdownText('Kaffe, fika och 3 * 4 = 12 – "bra" möten!')).toBe('Kaffe, fika och 3 * 4 = 12 – "bra" möten!');
	});
});

describe('the summary', () => {
	it('keeps hostile note texts, question titles and group names inert', () => {
		const md = summaryMarkdown(
			'<script>alert("titel")</script>',
			[
				{
					title: '[Fråga](javascript:alert(1))',
					kind: 'question',
					items: HOSTILE.map((text) => ({ text, groups: ['<img src=x onerror=alert(1)>'], organisations: [], count: 1 }))
				}
			],
			DATE,
			'sv'
		);
		const html = render(md);
		expectInert(html);
		expect(readable(html)).toContain('<img src=x onerror=alert(1)>');
		expect(readable(html)).toContain('[klicka](javascript:alert(1))');
		expect(html).toContain('<h1>Sammanställning: &lt;script&gt;');
	});

	it('keeps hostile organisations and notes inert in the table per organisation', () => {
		const md = organisationsMarkdown(
			'Lärlabb',
			{
				questions: ['<b onmouseover=alert(1)>Fråga</b> | två'],
				rows: [{ organisation: '[Region](javascript:alert(1))', cells: [HOSTILE.slice(0, 3)] }]
			},
			DATE,
			'sv'
		);
		const html = render(md);
		expectInert(html);
		expect(html).toContain('<table>');
		expect(readable(html)).toContain('[Region](javascript:alert(1))');
		expect(readable(html)).toContain('<b onmouseover=alert(1)>Fråga</b> | två');
	});
});

describe('the chat transcript', () => {
	it('keeps hostile messages, names and organisations inert, and each message one list item', () => {
		const messages: ChatMessage[] = HOSTILE.map((text, i) => ({
			id: `m${i}`,
			authorId: 'p1',
			name: '<img src=x onerror=alert(1)>',
			organisation: '[Org](javascript:alert(1))',
			role: 'participant',
			text,
			at: DATE.getTime() + i * 60_000
		}));
		const html = render(chatTranscript('<script>alert(1)</script>', messages, DATE, 'sv'));
		expectInert(html);
		expect(html.match(/<li>/g)).toHaveLength(HOSTILE.length);
		expect(readable(html)).toContain('<img src=x onerror=alert(1)> ([Org](javascript:alert(1))):');
		expect(readable(html)).toContain('Chatt: <script>alert(1)</script>');
	});
});
