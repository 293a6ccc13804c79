/**
 * One bench client process, forked by run.ts and peer.ts: it hosts a share of the stock
 * y-websocket clients, has each of them add a note every 2–4 s (and, if asked, one cursor a board
 * move at `cursorHz`), measures fan-out latency for the notes they receive from the other
 * processes' clients (and from its own), and counts the cursor moves they receive. Real
 * participants each have a browser of their own; spreading the clients over a few processes keeps
 * one process's garbage collection or backlog from being charged to the server as latency.
 *
 * A note's text is `board:index:seq:sentAt`, sentAt in monotonicMs(), so the receiver computes the
 * latency from the note alone.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as Y from 'yjs';
import { addNote, type Author } from '../src/lib/board';
import { close, connectTo, monotonicMs, synced, type BenchClient, type FromWorker, type ToWorker } from './clients';
/** Notes sent just before the end of the window get this long to arrive before we report. */
const DRAIN_MS = 2000;

let clients: { client: BenchClient; board: number; index: number; author: Author }[] = [];
const send = (message: FromWorker, then?: () => void) => process.send!(message, undefined, undefined, then);

process.on('message', (message: ToWorker) => {
	if (message.kind === 'connect') void connectAll(message);
	else void edit(message);
});

async function connectAll({ syncUrl, clients: mine }: Extract<ToWorker, { kind: 'connect' }>): Promise<void> {
	// Every WebsocketProvider adds a process 'exit' listener (it closes its socket there); dozens
	// of providers in one process are this bench's design, not a leak, so raise Node's warning limit.
	process.setMaxListeners(10 + mine.length);
	clients = mine.map(({ board, index, room, token, author }) => ({ client: connectTo(syncUrl, room, token), board, index, author }));
	await Promise.all(clients.map(({ client }) => synced(client)));
	send({ kind: 'synced' });
}

async function edit({ measureFrom, end, cursorHz }: Extract<ToWorker, { kind: 'edit' }>): Promise<void> {
	const latencies: number[] = [];
	let awarenessDeliveries = 0;
	for (const { client, board, index } of clients) {
		const { awareness } = client.provider;
		// Cursor moves that the server relays here, counted like notes: those sent inside the window.
		awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
			if (origin === 'local') return;
			for (const id of added.concat(updated)) {
				const sentAt = (awareness.getStates().get(id) as { cursor?: { sentAt?: number } } | undefined)?.cursor?.sentAt;
				if (id !== awareness.clientID && sentAt !== undefined && sentAt >= measureFrom && sentAt <= end) awarenessDeliveries++;
			}
		});
		const own = `${board}:${index}:`;
		const notes = client.doc.getMap('notes') as Y.Map<Y.Map<unknown>>;
		notes.observe((event) => {
			const now = monotonicMs();
			for (const [id, change] of event.changes.keys) {
				if (change.action !== 'add') continue;
				const text = String(notes.get(id)?.get('text') ?? '');
				if (text.startsWith(own)) continue;
				const sentAt = Number(text.split(':')[3]);
				if (sentAt >= measureFrom && sentAt <= end) latencies.push(now - sentAt);
			}
		});
	}

	let edits = 0;
	let seq = 0;
	const timers: NodeJS.Timeout[] = [];
	for (const { client, board, index, author } of clients) {
		const tick = () => {
			const now = monotonicMs();
			if (now > end) return;
			if (now >= measureFrom) edits++;
			const text = `${board}:${index}:${seq++}:${now.toFixed(3)}`;
			addNote(client.doc, { x: Math.random() * 1800, y: Math.random() * 900, text }, author);
			timers.push(setTimeout(tick, 2000 + Math.random() * 2000));
		};
		timers.push(setTimeout(tick, Math.random() * 3000));
	}
	let cursorMoves = 0;
	if (cursorHz) {
		for (const { client } of clients.filter((c) => c.index === 0)) {
			const mover = setInterval(() => {
				const now = monotonicMs();
				if (now > end) return clearInterval(mover);
				if (now >= measureFrom) cursorMoves++;
				const cursor = { x: Math.random() * 1800, y: Math.random() * 900, sentAt: now };
				client.provider.awareness.setLocalStateField('cursor', cursor);
			}, 1000 / cursorHz);
		}
	}

	// A benchmark window is a fixed time by definition; these sleeps are its clock.
	const delay = monitorEventLoopDelay({ resolution: 1 });
	await sleep(Math.max(0, measureFrom - monotonicMs()));
	delay.enable();
	const cpuAtStart = process.cpuUsage();
	await sleep(Math.max(0, end - monotonicMs()));
	delay.disable();
	const cpu = process.cpuUsage(cpuAtStart);
	await sleep(DRAIN_MS);
	timers.forEach(clearTimeout);
	for (const { client } of clients) close(client);
	send({ kind: 'done', latencies, awarenessDeliveries, edits, cursorMoves, delayP99: delay.percentile(99) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 }, () =>
		process.exit(0)
	);
}
