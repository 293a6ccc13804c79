/**
 * `tsx bench/durability.ts` (part of `npm run bench`): what "durable before visible" costs.
 *
 * One process holds the real sync server (Rooms over SqliteStore in a temp dir, on port 0) and
 * BOARDS × PER_BOARD stock y-websocket clients, each adding a note every 1–2 s. A note's text
 * carries its send time (CLOCK_MONOTONIC). Two latencies per note:
 *   edit → durable   from the sender's transaction to the moment the store's append holding it
 *                    resolved in the server (the store is wrapped to observe that, nothing else);
 *   fan-out          from the sender's transaction to each other client's observer.
 * Everything shares one event loop, so these are for comparing code, not for a fleet; the
 * cross-process figures are in run.ts. Written to docs/benchmarks.md between its markers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { addNote, boardRoom, groupId, type Author } from '../src/lib/board';
import { SqliteStore } from '../server/store/sqlite-store';
import { connectClient, createWorkshop, startServer } from '../tests/integration/helpers';
import { monotonicMs, percentile } from './clients';
import { writeBenchSection } from './doc-section';

const BOARDS = 4;
const PER_BOARD = 8;
const DURATION_MS = Number(process.env.BENCH_DURABILITY_SECONDS ?? 15) * 1000;
const WARMUP_MS = 3000;
const MARK = 'probe:';

/** The real SQLite store; it only notes when each append resolved. */
class TimedStore extends SqliteStore {
	readonly durable: number[] = [];
	measureFrom = Infinity;

	override appendUpdate(room: string, update: Uint8Array): Promise<void> {
		const done = super.appendUpdate(room, update);
		void done.then(() => {
			const now = monotonicMs();
			for (const sentAt of sendTimes(update)) if (sentAt >= this.measureFrom) this.durable.push(now - sentAt);
		});
		return done;
	}
}

/** The send times carried by the notes an update adds. */
function sendTimes(update: Uint8Array): number[] {
	const times: number[] = [];
	for (const struct of Y.decodeUpdate(update).structs) {
		if (struct instanceof Y.Item && struct.content instanceof Y.ContentString && struct.content.str.startsWith(MARK)) {
			times.push(Number(struct.content.str.split(':')[2]));
		}
	}
	return times;
}

async function main(): Promise<void> {
	let store: TimedStore | null = null;
	const server = await startServer({ store: (file) => (store = new TimedStore(file)), limits: { unloadDelayMs: 2000 } });
	try {
		const workshop = await createWorkshop(server, BOARDS);
		process.setMaxListeners(10 + BOARDS * PER_BOARD);
		const clients = [];
		for (let b = 0; b < BOARDS; b++) {
			for (let i = 0; i < PER_BOARD; i++) {
				const person = await workshop.participant(groupId(b), `Deltagare ${b}.${i}`);
				clients.push({ client: connectClient(server, boardRoom(workshop.code, groupId(b)), person.token), author: person.author });
			}
		}
		await Promise.all(clients.map(({ client }) => client.synced));

		const fanOut: number[] = [];
		const measureFrom = monotonicMs() + WARMUP_MS;
		const end = measureFrom + DURATION_MS;
		store!.measureFrom = measureFrom;
		const timers: NodeJS.Timeout[] = [];
		for (const { client, author } of clients) {
			const notes = client.doc.getMap('notes') as Y.Map<Y.Map<unknown>>;
			notes.observe((event, transaction) => {
				if (transaction.local) return;
				const now = monotonicMs();
				for (const [id, change] of event.changes.keys) {
					if (change.action !== 'add') continue;
					const sentAt = Number(String(notes.get(id)?.get('text') ?? '').split(':')[2]);
					if (sentAt >= measureFrom && sentAt <= end) fanOut.push(now - sentAt);
				}
			});
			const tick = (who: Author) => {
				const now = monotonicMs();
				if (now > end) return;
				addNote(client.doc, { x: Math.random() * 1800, y: Math.random() * 900, text: `${MARK}${who.id}:${now.toFixed(3)}` }, who);
				timers.push(setTimeout(() => tick(who), 1000 + Math.random() * 1000));
			};
			timers.push(setTimeout(() => tick(author), Math.random() * 1000));
		}
		// A benchmark window is a fixed time by definition; this sleep is its clock (plus a drain).
		await sleep(WARMUP_MS + DURATION_MS + 1000);
		timers.forEach(clearTimeout);

		const durable = store!.durable.sort((a, b) => a - b);
		fanOut.sort((a, b) => a - b);
		const f = (n: number) => n.toFixed(2);
		const table = [
			'| measure (one process, ' + `${BOARDS} boards × ${PER_BOARD} clients, ${DURATION_MS / 1000} s) | result |`,
			'|---|---|',
			`| edit → durable p50 / p95 / max | ${f(percentile(durable, 50))} / ${f(percentile(durable, 95))} / ${f(durable.at(-1) ?? NaN)} ms |`,
			`| fan-out p50 / p99 / max | ${f(percentile(fanOut, 50))} / ${f(percentile(fanOut, 99))} / ${f(fanOut.at(-1) ?? NaN)} ms |`,
			`| notes made durable / deliveries | ${durable.length} / ${fanOut.length} |`
		].join('\n');
		console.log(table);
		writeBenchSection('durability', table);
	} finally {
		await server.close();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
