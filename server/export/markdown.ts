/** The compiled summary as Markdown: one heading per question, its points under it (seed 003). */
import type { CompiledQuestion } from '../../src/lib/board/compile';

export function summaryMarkdown(title: string, questions: CompiledQuestion[], date: Date): string {
	const lines = [`# Sammanställning: ${oneLine(title)}`, '', `*${date.toISOString().slice(0, 10)}*`, ''];
	for (const [i, q] of questions.entries()) {
		lines.push(`## ${i + 1}. ${oneLine(q.title)}`, '');
		if (!q.items.length) lines.push('*Inga lappar.*');
		for (const item of q.items) lines.push(`- ${oneLine(item.text)} *(${item.groups.join(', ')})*`);
		lines.push('');
	}
	return lines.join('\n');
}

/** A note may hold line breaks; inside a list item or heading they would break the structure. */
function oneLine(text: string): string {
	return text.replace(/\s*\n\s*/g, ' – ').trim();
}
