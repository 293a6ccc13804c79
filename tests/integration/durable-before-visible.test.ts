/**
 * Durable before visible: another person sees an edit only once the store has committed it, so a
 * crash can never take back something somebody already saw. The store is the real SQLite store
 * with a gate in front of its appends, which the test opens when it chooses.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, boardRoom, readNotes } from '../../src/lib/board';
import { SqliteStore } from '../../server/store/sqlite-store';
import { connectClient, createWorkshop, startServer, waitFor, type TestServer } from './helpers';

class GatedStore extends SqliteStore {
	#gate: Promise<void> = Promise.resolve();
	#open: () => void = () => {};

	closeGate(): void {
		this.#gate = new Promise((resolve) => (this.#open = resolve));
	}

	openGate(): void {
		this.#open();
	}

	override async appendUpdate(room: string, update: Uint8Array): Promise<void> {
		await this.#gate;
		return super.appendUpdate(room, update);
	}
}

let server: TestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

describe('an edit reaches the others', () => {
	it('only after the store has committed it', async () => {
		let store: GatedStore | undefined;
		server = await startServer({ store: (file) => (store = new GatedStore(file)) });
		const w = await createWorkshop(server, 1);
		const room = boardRoom(w.code, 'g1');
		const anna = await w.participant('g1', 'Anna');
		const writer = connectClient(server, room, anna.token);
		const other = connectClient(server, room, w.facilitatorToken);
		await Promise.all([writer.synced, other.synced]);

		store!.closeGate();
		addNote(writer.doc, { x: 0, y: 0, text: 'inte sparad än' }, anna.author);
		// Presence is not content and is relayed at once; it left the writer after the note did,
		// on the same socket, so once the other client has it the server has handled the note too.
		writer.provider.awareness.setLocalStateField('canary', 1);
		await waitFor(() => [...other.provider.awareness.getStates().values()].some((s) => s.canary === 1), {
			message: "the writer's presence at the other client"
		});
		expect(readNotes(other.doc).some((n) => n.text === 'inte sparad än')).toBe(false);

		store!.openGate();
		await waitFor(() => readNotes(other.doc).some((n) => n.text === 'inte sparad än'), { message: 'the note once committed' });
	});
});
