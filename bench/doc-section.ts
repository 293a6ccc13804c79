/**
 * The bench scripts other than run.ts keep their latest table in docs/benchmarks.md between
 * `<!-- bench:<name> -->` markers, which sit below the hand-written notes that run.ts keeps.
 */
import fs from 'node:fs';

const DOC_FILE = 'docs/benchmarks.md';

export function writeBenchSection(name: string, table: string): void {
	const start = `<!-- bench:${name} -->`;
	const end = `<!-- /bench:${name} -->`;
	const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
	const section = `${start}\nLast run: ${when} UTC, Node ${process.version}.\n\n${table}\n${end}`;
	const doc = fs.existsSync(DOC_FILE) ? fs.readFileSync(DOC_FILE, 'utf8') : '# Benchmarks\n';
	const from = doc.indexOf(start);
	const to = doc.indexOf(end);
	const next = from >= 0 && to > from ? doc.slice(0, from) + section + doc.slice(to + end.length) : `${doc.trimEnd()}\n\n${section}\n`;
	fs.writeFileSync(DOC_FILE, next);
}
