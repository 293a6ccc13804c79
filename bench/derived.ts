/**
 * `npx tsx bench/derived.ts`: micro-benchmarks of the server's derived work per change and of a
 * cold load, in one process, on boards of the sizes issue 11 names (300 and 500 notes).
 *
 *   plenary   the cost a note edit outside the summary used to cause (readSummarySource: every
 *             note of the board) against what the SummaryWatch does for it (a map lookup), and
 *             for an edit inside the summary (one note re-read)
 *   mirror    one edited summary note, then its group's mirror synced into a plenary of 25 groups
 *             × 100 summary notes: compared with the whole plenary (a full sync, as every refresh
 *             did before), and as the delta the watch reports; and a row of the grid that grows,
 *             which moves every figure below it with its notes
 *   load      rebuilding a 500-note board from 500 small stored updates one by one, merged first
 *             (slower: so the room does not), and from one snapshot (what an unloaded room leaves since it compacts on unload)
 *   answer    a fresh joiner's sync step 2: encoding the doc against reusing the encoded bytes
 */
import * as Y from 'yjs';
import { addFigure, addNote, readSummarySource, setNoteText, syncGroupMirror } from '../src/lib/board';
import { SummaryWatch } from '../server/workshops/summary-watch';

const author = { id: 'bench', name: 'Bänk', organisation: 'Region Bench' };
const group = { id: 'g1', name: 'Grupp 1', order: 0 };

/** Median microseconds of `runs` calls of fn. */
function median(runs: number, fn: () => void): number {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		fn();
		times.push((performance.now() - t0) * 1000);
	}
	return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

function board(notes: number, updates?: Uint8Array[]) {
	const doc = new Y.Doc();
	if (updates) doc.on('update', (u: Uint8Array) => updates.push(u));
	const summary = addFigure(doc, { kind: 'summary', title: 'Att tänka på', x: 0, y: 600, w: 1000, h: 400 });
	const ids: string[] = [];
	for (let i = 0; i < notes; i++) {
		const inSummary = i < 12;
		const at = inSummary ? { x: 20 + (i % 4) * 200, y: 700, figureId: summary } : { x: 2000 + (i % 25) * 200, y: Math.floor(i / 25) * 140 };
		ids.push(addNote(doc, { ...at, text: `Lapp ${i}: ${'text '.repeat(8)}` }, author));
	}
	return { doc, outside: ids.at(-1)!, inside: ids[0]! };
}

const rows: [string, number][] = [];
{
	const { doc, outside, inside } = board(300);
	let i = 0;
	rows.push(['plenary, before: readSummarySource per change (300 notes)', median(200, () => void readSummarySource(doc, group))]);
	rows.push(['an edit outside the summary, no watch (the edit alone)', median(200, () => void setNoteText(doc, outside, `ut ${i++}`))]);
	const watch = new SummaryWatch(doc, () => {});
	rows.push(['plenary, after: an edit outside the summary, watched', median(200, () => void setNoteText(doc, outside, `ut ${i++}`))]);
	rows.push(['plenary, after: an edit inside the summary, then its source', median(200, () => {
		setNoteText(doc, inside, `in ${i++}`);
		watch.source(group);
	})]);
}
{
	const plenary = new Y.Doc();
	const groups = Array.from({ length: 25 }, (_, g) => {
		const doc = new Y.Doc();
		const summary = addFigure(doc, { kind: 'summary', title: 'Att tänka på', x: 0, y: 600, w: 1000, h: 400 });
		const ids = Array.from({ length: 100 }, (_, i) => addNote(doc, { x: 20, y: 700, figureId: summary, text: `Lapp ${i}: ${'text '.repeat(20)}` }, author));
		const ref = { id: `g${g}`, name: `Grupp ${g + 1}`, order: g };
		const watch = new SummaryWatch(doc, () => {});
		syncGroupMirror(plenary, watch.source(ref), 'sv');
		return { doc, summary, ids, ref, watch };
	});
	let i = 0;
	const editAndSync = (full: boolean) => () => {
		const { doc, ids, ref, watch } = groups[i % groups.length]!;
		setNoteText(doc, ids[i % ids.length]!, `ändrad ${i++}`);
		syncGroupMirror(plenary, full ? readSummarySource(doc, ref) : watch.source(ref), 'sv');
	};
	rows.push(['mirror, before: an edit, then its group compared in full (25 × 100)', median(200, editAndSync(true))]);
	for (const { watch } of groups) watch.resync(); // the full syncs above were not the watches'
	for (const { watch, ref } of groups) syncGroupMirror(plenary, watch.source(ref), 'sv');
	rows.push(['mirror, after: an edit, then its group synced as a delta', median(200, editAndSync(false))]);
	// Four notes more in the first group: its figure needs another row of notes, and every figure
	// below it on the grid moves, with its notes (22 figures, 2,200 notes).
	const first = groups[0]!;
	rows.push(['mirror: a row of the grid grows, the figures below move', median(20, () => {
		for (let n = 0; n < 4; n++) addNote(first.doc, { x: 20, y: 700, figureId: first.summary, text: 'Ny' }, author);
		syncGroupMirror(plenary, first.watch.source(first.ref), 'sv');
	})]);
}
{
	const updates: Uint8Array[] = [];
	const { doc } = board(500, updates);
	const snapshot = Y.encodeStateAsUpdate(doc);
	rows.push(['load, before: 500 stored updates one by one', median(20, () => {
		const d = new Y.Doc();
		d.transact(() => updates.forEach((u) => Y.applyUpdate(d, u)));
	})]);
	rows.push(['load: 500 stored updates merged', median(20, () => Y.applyUpdate(new Y.Doc(), Y.mergeUpdates(updates)))]);
	rows.push(['load, after: one snapshot', median(20, () => Y.applyUpdate(new Y.Doc(), snapshot))]);
	rows.push(['answer, before: encode a fresh joiner\'s step 2 (500 notes)', median(50, () => void Y.encodeStateAsUpdate(doc))]);
}
for (const [name, us] of rows) console.log(`${name.padEnd(64)} ${us.toFixed(0).padStart(7)} µs`);
