/**
 * Notes written straight into a group board by the facilitator's token through a stock
 * y-websocket client, as the browser's, for tests that need many notes and are not about writing
 * them (writing by hand is covered by the board specs).
 */
import { expect } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { addNote, boardRoom, NOTE_H, NOTE_W, readFigures, type Figure } from '../../src/lib/board';

export async function facilitatorToken(baseUrl: string, code: string, key: string): Promise<string> {
	const res = await fetch(`${baseUrl}/api/workshops/${code}/facilitator`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ key })
	});
	expect(res.status).toBe(200);
	return ((await res.json()) as { token: string }).token;
}

/** Four notes a row from the figure's top left, so that reading order is writing order. */
const inRows = (figure: Figure, i: number) => ({
	x: figure.x + 20 + (i % 4) * (NOTE_W + 10),
	y: figure.y + 100 + Math.floor(i / 4) * (NOTE_H + 10)
});

/**
 * Writes `texts` into the figure titled `figureTitle` of board `boardId`, where `place` puts the
 * i-th, each by its own author; resolves when the server sent them back to a second client.
 */
export async function writeNotes(
	baseUrl: string,
	token: string,
	code: string,
	boardId: string,
	figureTitle: string,
	texts: readonly string[],
	place: (figure: Figure, i: number) => { x: number; y: number } = inRows
): Promise<void> {
	const connect = () => {
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, boardRoom(code, boardId), doc, {
			params: { token },
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		const synced = new Promise<void>((resolve) => provider.on('sync', (done: boolean) => done && resolve()));
		return { doc, provider, synced };
	};
	const writer = connect();
	await writer.synced;
	const figure = readFigures(writer.doc).find((f) => f.title === figureTitle)!;
	texts.forEach((text, i) => {
		addNote(writer.doc, { ...place(figure, i), text, figureId: figure.id }, { id: `p${i}`, name: `Person ${i + 1}`, organisation: 'Region Dalarna' });
	});
	const reader = connect();
	await expect.poll(async () => (await reader.synced, reader.doc.getMap('notes').size)).toBe(texts.length);
	for (const { provider, doc } of [writer, reader]) {
		provider.destroy();
		doc.destroy();
	}
}
