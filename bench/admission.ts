/**
 * `tsx bench/admission.ts` (part of `npm run bench`): what the admission step (server/sync/
 * admission.ts) costs an honest edit, and how long the worst updates it lets through, or refuses,
 * hold the event loop. In-process and single-threaded: pure CPU, no sockets.
 *
 *   honest    5,000 one-keystroke updates on a board of 300 notes: admit + apply, against the
 *             plain decode + apply that the server did before admission existed.
 *   worst     crafted updates at the bounds: the most structs, the largest conflict pile-up the
 *             budget admits (and one just above it), the most delete ranges, deep nesting, a null
 *             origin on a key with a long history. Each: time to decide, and to apply if admitted.
 */
import * as Y from 'yjs';
import { addNote, boardMaps, type Author } from '../src/lib/board';
import { admitUpdate, DEFAULT_ADMISSION_LIMITS } from '../server/sync/admission';
import { pileUp } from '../tests/fixtures/crafted-updates';
import { writeBenchSection } from './doc-section';

const author: Author = { id: 'bench', name: 'Bänk', organisation: 'Region Bench' };

function board(notes: number): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		for (let i = 0; i < notes; i++) addNote(doc, { x: i * 10, y: 0, text: `Lapp ${i}: ${'text '.repeat(20)}` }, author);
	});
	return doc;
}

function copy(doc: Y.Doc, clientID?: number): Y.Doc {
	const next = new Y.Doc();
	if (clientID !== undefined) next.clientID = clientID;
	Y.applyUpdate(next, Y.encodeStateAsUpdate(doc));
	return next;
}

function timeMs(fn: () => void): number {
	const t0 = performance.now();
	fn();
	return performance.now() - t0;
}

function honest(): { admitUs: number; plainUs: number; p99Us: number } {
	const server = board(300);
	const writer = copy(server);
	const updates: Uint8Array[] = [];
	writer.on('update', (u: Uint8Array) => updates.push(u));
	const ids = [...boardMaps(writer).notes.keys()];
	for (let i = 0; i < 5000; i++) {
		const text = boardMaps(writer).notes.get(ids[i % ids.length]!)!.get('text') as Y.Text;
		text.insert(Math.floor(Math.random() * text.length), 'a');
	}
	const plainDoc = copy(server);
	const plain = timeMs(() => {
		for (const u of updates) {
			Y.decodeUpdate(u);
			Y.applyUpdate(plainDoc, u);
		}
	});
	const each: number[] = [];
	for (const u of updates) {
		each.push(
			timeMs(() => {
				const admission = admitUpdate(server, u);
				if (!admission.ok) throw new Error(admission.reason);
				Y.applyUpdate(server, u);
			})
		);
	}
	each.sort((a, b) => a - b);
	const total = each.reduce((s, t) => s + t, 0);
	return { admitUs: (total * 1000) / updates.length, plainUs: (plain * 1000) / updates.length, p99Us: each[Math.floor(each.length * 0.99)]! * 1000 };
}

/** The first note's text: the target of the pile-ups. */
const firstText = (doc: Y.Doc) => [...boardMaps(doc).notes.values()][0]!.get('text') as Y.Text;

interface Worst {
	name: string;
	bytes: number;
	verdict: string;
	decideMs: number;
	applyMs: number | null;
}

function judge(name: string, doc: Y.Doc, update: Uint8Array): Worst {
	let verdict = '';
	const decideMs = timeMs(() => {
		const admission = admitUpdate(doc, update);
		verdict = admission.ok ? 'admitted' : `refused (${admission.reason})`;
	});
	const applyMs = verdict === 'admitted' ? timeMs(() => Y.applyUpdate(doc, update)) : null;
	return { name, bytes: update.byteLength, verdict, decideMs, applyMs };
}

function worst(): Worst[] {
	const limits = DEFAULT_ADMISSION_LIMITS;
	const out: Worst[] = [];

	{
		const doc = board(50);
		const writer = copy(doc, 7);
		const before = Y.encodeStateVector(writer);
		const text = [...boardMaps(writer).notes.values()][0]!.get('text') as Y.Text;
		writer.transact(() => {
			for (let i = 0; i < limits.maxStructs - 10; i++) text.insert(i % 2 === 0 ? 0 : text.length, 'ab'[i % 2]!);
		});
		out.push(judge(`${limits.maxStructs - 10} structs in one update`, doc, Y.encodeStateAsUpdate(writer, before)));
	}
	{
		const doc = board(50);
		const admitted = Math.floor(Math.sqrt(2 * limits.maxConflictSteps)) - 5;
		out.push(judge(`${admitted} inserts at one index from ${admitted} client ids`, doc, pileUp(doc, firstText, 1_000_000, admitted)));
		out.push(judge(`${admitted} more at the same index, on top of those`, doc, pileUp(doc, firstText, 2_000_000, admitted)));
		out.push(judge('4,000 inserts at one index (the attack of issue 8)', doc, pileUp(doc, firstText, 3_000_000, 4000)));
	}
	{
		const doc = board(50);
		const writer = copy(doc, 9);
		const before = Y.encodeStateVector(writer);
		const text = [...boardMaps(writer).notes.values()][0]!.get('text') as Y.Text;
		writer.transact(() => {
			for (let i = 0; i < 20_000; i++) text.insert(text.length, 'ab');
		});
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer, before));
		// Every other character deleted: one delete range each.
		const ranges = Math.min(limits.maxDeleteRanges - 10, 20_000);
		const beforeDelete = Y.encodeStateVector(writer);
		writer.transact(() => {
			for (let i = 0; i < ranges; i++) text.delete(text.length - 1 - i, 1);
		});
		out.push(judge(`${ranges} delete ranges`, doc, Y.encodeStateAsUpdate(writer, beforeDelete)));
	}
	{
		const doc = board(1);
		const writer = copy(doc, 11);
		const before = Y.encodeStateVector(writer);
		writer.transact(() => {
			let map = boardMaps(writer).notes.set('djup', new Y.Map<unknown>());
			for (let i = 0; i < 2000; i++) map = map.set('k', new Y.Map<unknown>());
		});
		out.push(judge('2,000 nested maps', doc, Y.encodeStateAsUpdate(writer, before)));
	}
	{
		// A note dragged 20,000 times keeps every old x in its key's history. A client that knew the
		// note only as it was made sets x from there: Yjs scans the whole history to place it.
		const doc = board(1);
		const stale = Y.encodeStateAsUpdate(doc);
		const note = [...boardMaps(doc).notes.values()][0]!;
		for (let i = 0; i < 20_000; i++) note.set('x', i);
		const attacker = new Y.Doc();
		attacker.clientID = 13;
		Y.applyUpdate(attacker, stale);
		const before = Y.encodeStateVector(attacker);
		[...boardMaps(attacker).notes.values()][0]!.set('x', -1);
		out.push(judge('a stale set of a key overwritten 20,000 times', doc, Y.encodeStateAsUpdate(attacker, before)));
	}
	return out;
}

function main(): void {
	const h = honest();
	const rows = worst();
	const f = (n: number, d = 1) => n.toFixed(d);
	const table = [
		'| update | bytes | verdict | decide | apply |',
		'|---|---|---|---|---|',
		`| honest keystroke on a board of 300 notes (mean of 5,000) | | admitted | admit + apply ${f(h.admitUs)} µs (p99 ${f(h.p99Us)} µs) | plain decode + apply ${f(h.plainUs)} µs |`,
		...rows.map((r) => `| ${r.name} | ${r.bytes} | ${r.verdict} | ${f(r.decideMs, 2)} ms | ${r.applyMs === null ? '—' : `${f(r.applyMs, 2)} ms`} |`)
	].join('\n');
	console.log(table);
	writeBenchSection('admission', table);
}

main();
