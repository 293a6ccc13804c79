/**
 * One live room in the browser: a Y.Doc synced through the stock y-websocket provider to
 * /sync/<room>?token=…. The server refuses with close codes (see server/sync/close-codes.ts);
 * for refusals that retrying cannot fix, the provider stops reconnecting and the caller is told.
 * A client alone in a room with no presence of its own (a miniature) hears nothing for 30 s, and
 * y-websocket then reconnects it: harmless, and cheaper than a server-side heartbeat message.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

/**
 * Close codes after which reconnecting cannot help (4410: the workshop was deleted; 4422: the
 * server refused an update as malformed, and a reconnect would send it again). The others are
 * worth a retry: 4413 (the board is full until someone deletes), 4429 (too many sockets until one
 * closes) and 4507 (the server cannot save until its disk has room) all pass by themselves.
 */
const FINAL_CLOSE_CODES = new Set([4401, 4403, 4404, 4410, 4422]);

export interface RoomConnection {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** True once the first sync with the server finished: the doc holds the stored board. */
	readonly synced: boolean;
	readonly status: ConnectionStatus;
	readonly refusal: number | null;
	/** Why the server last closed us, while we try again (null once connected). */
	readonly lastClose: number | null;
	destroy(): void;
}

export function syncUrl(): string {
	const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
	return `${proto}//${location.host}/sync`;
}

export function connectRoom(
	room: string,
	token: string,
	onChange: (c: RoomConnection) => void = () => {}
): RoomConnection {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(syncUrl(), room, doc, {
		params: { token },
		maxBackoffTime: 5000,
		// y-websocket gives up on every 44xx code; 4413 (one message too large) is worth a retry.
		shouldReconnect: (event: CloseEvent) => !FINAL_CLOSE_CODES.has(event.code)
	});
	let synced = false;
	let status: ConnectionStatus = 'connecting';
	let refusal: number | null = null;
	let lastClose: number | null = null;
	let everConnected = false;

	const connection: RoomConnection = {
		doc,
		provider,
		get synced() {
			return synced;
		},
		get status() {
			return status;
		},
		get refusal() {
			return refusal;
		},
		get lastClose() {
			return lastClose;
		},
		destroy() {
			window.removeEventListener('online', onOnline);
			window.removeEventListener('offline', onOffline);
			provider.destroy();
			doc.destroy();
		}
	};

	const set = (next: ConnectionStatus) => {
		if (status === 'refused') return;
		status = next;
		onChange(connection);
	};
	provider.on('status', ({ status: s }: { status: string }) => {
		if (s === 'connected') {
			everConnected = true;
			lastClose = null;
			set('connected');
		} else if (s === 'disconnected' || s === 'connecting') {
			set(navigator.onLine ? (everConnected ? 'reconnecting' : 'connecting') : 'offline');
		}
	});
	provider.on('sync', (isSynced: boolean) => {
		synced = synced || isSynced;
		onChange(connection);
	});
	provider.on('connection-close', (event: CloseEvent | null) => {
		if (!event || event.code < 4000) return;
		lastClose = event.code;
		onChange(connection);
	});
	// Emitted once the provider has stopped for good (shouldReconnect said no).
	provider.on('closed', (event: { code: number }) => {
		refusal = event.code;
		status = 'refused';
		onChange(connection);
	});
	const onOffline = () => set('offline');
	const onOnline = () => set(everConnected ? 'reconnecting' : 'connecting');
	window.addEventListener('online', onOnline);
	window.addEventListener('offline', onOffline);
	return connection;
}
