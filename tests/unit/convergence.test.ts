/**
 * Seeded-random convergence: three peers apply random board operations while a simulated network
 * delivers, delays, drops (disconnect) and later resends updates. After a final full exchange every
 * peer must hold the same board.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addFigure,
	addNote,
	deleteFigure,
	deleteNote,
	moveNote,
	readFigures,
	readNotes,
	setNoteColor,
	setNoteText,
	updateFigure,
	NOTE_COLORS
} from '../../src/lib/board';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function rng(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Peer {
	doc: Y.Doc;
	inbox: Uint8Array[];
	online: boolean;
}

function simulate(seed: number, steps: number) {
	const random = rng(seed);
	const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
	const peers: Peer[] = [0, 1, 2].map(() => ({ doc: new Y.Doc(), inbox: [], online: true }));
	for (const p of peers) {
		p.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === 'network') return;
			for (const q of peers) if (q !== p) q.inbox.push(update);
		});
	}
	const author = { id: 'p', name: 'Test', organisation: 'Region Gotland' };

	for (let step = 0; step < steps; step++) {
		const peer = pick(peers)!;
		const doc = peer.doc;
		const notes = readNotes(doc);
		const figures = readFigures(doc);
		const r = random();
		if (r < 0.1) addFigure(doc, { kind: 'question', title: `F${step}`, x: random() * 2000, y: random() * 1000, w: 600, h: 400 });
		else if (r < 0.35) addNote(doc, { x: random() * 2000, y: random() * 1000, text: `lapp ${step}` }, author);
		else if (r < 0.55 && notes.length) setNoteText(doc, pick(notes)!.id, `ändrad ${step} ${random().toFixed(3)}`);
		else if (r < 0.7 && notes.length) moveNote(doc, pick(notes)!.id, random() * 2000, random() * 1000);
		else if (r < 0.78 && notes.length) setNoteColor(doc, pick(notes)!.id, pick(NOTE_COLORS)!);
		else if (r < 0.85 && notes.length) deleteNote(doc, pick(notes)!.id);
		else if (r < 0.9 && figures.length) updateFigure(doc, pick(figures)!.id, { x: random() * 2000, title: `G${step}` });
		else if (r < 0.92 && figures.length) deleteFigure(doc, pick(figures)!.id);
		else if (r < 0.96) peer.online = !peer.online; // disconnect or reconnect

		// Deliver a random part of each online peer's inbox, in order; offline peers keep theirs.
		for (const p of peers) {
			if (!p.online) continue;
			const n = Math.floor(random() * (p.inbox.length + 1));
			for (const update of p.inbox.splice(0, n)) Y.applyUpdate(p.doc, update, 'network');
		}
	}
	// Reconnect: a full state exchange, as sync step 1/2 does.
	for (const p of peers) {
		for (const q of peers) if (p !== q) Y.applyUpdate(q.doc, Y.encodeStateAsUpdate(p.doc, Y.encodeStateVector(q.doc)), 'network');
	}
	return peers;
}

describe('convergence', () => {
	for (const seed of [1, 2, 3, 42, 1337, 2024]) {
		it(`three peers converge on the same board (seed ${seed})`, () => {
			const [a, b, c] = simulate(seed, 400);
			const view = (p: Peer) => ({ figures: readFigures(p.doc), notes: readNotes(p.doc) });
			expect(view(b!)).toEqual(view(a!));
			expect(view(c!)).toEqual(view(a!));
			expect(readNotes(a!.doc).length + readFigures(a!.doc).length).toBeGreaterThan(0);
		});
	}
});
