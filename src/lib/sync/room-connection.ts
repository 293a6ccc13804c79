/**
 * One live room in the browser: a Y.Doc synced through the stock y-websocket provider to
 * /sync/<room>?token=…. The server refuses with close codes (see server/sync/close-codes.ts);
 * for refusals that retrying cannot fix, the provider stops reconnecting and the caller is told.
 * A client alone in a room with no presence of its own (a miniature) hears nothing for 30 s, and
 * y-websocket then reconnects it: harmless, and cheaper than a server-side heartbeat message.
 *
 * The status is what is true: 'connected' only once the socket is open AND the server has answered
 * a sync since. A network blip often leaves the socket open (the browser fires `offline` and
 * `online`, the socket never drops, its frames just waited), so on `online` we ask the server for a
 * fresh sync and for everyone's presence over the socket we have. The answer proves the socket
 * works; if none comes within PROBE_TIMEOUT_MS the socket is dead and we open a new one.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider, messageQueryAwareness, messageSync } from 'y-websocket';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { dropOfflineCopy, forgetOfflineCopies, keepOfflineCopy, storeWholeDocWhenIdle } from './offline-copy';
import { leaveOutOfUpdates } from './unencoded-updates';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

/**
 * Close codes after which reconnecting cannot help (4410: the workshop was deleted; 4422: the
 * server refused an update as malformed, and a reconnect would send it again). The others are
 * worth a retry: 4413 (the board is full until someone deletes), 4429 (too many sockets until one
 * closes) and 4507 (the server cannot save until its disk has room) all pass by themselves.
 */
const FINAL_CLOSE_CODES = new Set([4401, 4403, 4404, 4410, 4422]);

/** Long enough for a sync round trip on poor Wi-Fi; short enough that nobody reloads first. */
const PROBE_TIMEOUT_MS = 5000;

/**
 * After the server closed us for a passing reason (4413, 4429, 4507), a new socket syncs and is
 * closed again for the same reason as soon as our unsaved edits reach it. The reason stands until
 * a connection has held this long, so the badge does not flicker "Ansluten" between attempts.
 */
const SETTLE_MS = 3000;

export interface RoomOptions {
	/** Keep this room's doc in the browser for this person (offline-copy.ts); for rooms they write. */
	offlineCopyFor?: string;
}

export interface RoomConnection {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** True once the first sync with the server finished: the doc holds the stored board. */
	readonly synced: boolean;
	readonly status: ConnectionStatus;
	readonly refusal: number | null;
	/** Why the server last closed us, while we try again (null once a connection has held). */
	readonly lastClose: number | null;
	destroy(): void;
}

/** A room name starts with the workshop's code: `<code>`, `<code>/board/<id>`, `<code>/private/<id>`. */
function workshopOf(room: string): string {
	return room.split('/')[0]!;
}

export function syncUrl(): string {
	const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
	return `${proto}//${location.host}/sync`;
}

export function connectRoom(
	room: string,
	token: string,
	onChange: (c: RoomConnection) => void = () => {},
	options: RoomOptions = {}
): RoomConnection {
	const doc = new Y.Doc();
	let offlineCopy: IndexeddbPersistence | null = null;
	let destroyed = false;
	const provider = new WebsocketProvider(syncUrl(), room, doc, {
		params: { token },
		maxBackoffTime: 5000,
		// y-websocket gives up on every 44xx code; 4413 (one message too large) is worth a retry.
		shouldReconnect: (event: CloseEvent) => !FINAL_CLOSE_CODES.has(event.code)
	});
	/** The server's answers before the sync is done (the whole board, the first time) are stored whole after it. */
	let syncAnswersUnstored = false;
	leaveOutOfUpdates(
		doc,
		(transaction) => transaction.origin === provider && !provider.synced,
		// A copy destroyed meanwhile (the room refused) must not be put back on the doc.
		() => [provider._updateHandler, ...(offlineCopy && !offlineCopy._destroyed ? [offlineCopy._storeUpdate] : [])],
		() => (syncAnswersUnstored = true)
	);
	let synced = false;
	let status: ConnectionStatus = 'connecting';
	let refusal: number | null = null;
	let lastClose: number | null = null;
	let everConnected = false;
	let probeTimer: ReturnType<typeof setTimeout> | null = null;
	let settleTimer: ReturnType<typeof setTimeout> | null = null;

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
			destroyed = true;
			window.removeEventListener('online', onOnline);
			window.removeEventListener('offline', onOffline);
			stopProbe();
			stopSettling();
			provider.destroy();
			void offlineCopy?.destroy();
			doc.destroy();
		}
	};

	const set = (next: ConnectionStatus) => {
		if (status === 'refused') return;
		status = next;
		onChange(connection);
	};
	const stopProbe = () => {
		if (probeTimer) clearTimeout(probeTimer);
		probeTimer = null;
	};
	const stopSettling = () => {
		if (settleTimer) clearTimeout(settleTimer);
		settleTimer = null;
	};
	/** Synced again after a close: forget its reason once this connection has held. */
	const settle = () => {
		if (lastClose === null || settleTimer) return;
		settleTimer = setTimeout(() => {
			settleTimer = null;
			lastClose = null;
			onChange(connection);
		}, SETTLE_MS);
	};
	// Connected means synced on this socket: y-websocket resets `provider.synced` on every new socket.
	provider.on('status', ({ status: s }: { status: string }) => {
		if (s === 'connected') {
			everConnected = true;
			if (provider.synced) set('connected');
		} else if (s === 'disconnected' || s === 'connecting') {
			stopProbe();
			stopSettling();
			set(navigator.onLine ? (everConnected ? 'reconnecting' : 'connecting') : 'offline');
		}
	});
	provider.on('sync', (isSynced: boolean) => {
		synced = synced || isSynced;
		if (isSynced && syncAnswersUnstored) {
			syncAnswersUnstored = false;
			// A copy that opens later stores the whole doc as it opens.
			if (offlineCopy) storeWholeDocWhenIdle(offlineCopy);
		}
		if (isSynced && provider.wsconnected) {
			stopProbe();
			settle();
			set(navigator.onLine ? 'connected' : 'offline');
		} else {
			onChange(connection);
		}
	});
	provider.on('connection-close', (event: CloseEvent | null) => {
		if (!event || event.code < 4000) return;
		stopSettling();
		lastClose = event.code;
		onChange(connection);
	});
	// Emitted once the provider has stopped for good (shouldReconnect said no).
	provider.on('closed', (event: { code: number }) => {
		stopProbe();
		refusal = event.code;
		status = 'refused';
		// The room is gone or no longer ours: its copy in this browser must not outlive that, and a
		// deleted workshop (4410) takes every copy of it in this browser, whoever's it was.
		if (offlineCopy) void offlineCopy.clearData();
		else if (options.offlineCopyFor) dropOfflineCopy(room, options.offlineCopyFor);
		if (event.code === 4410) void forgetOfflineCopies(workshopOf(room));
		onChange(connection);
	});

	/**
	 * Asks the server, over the socket we have, for a sync and for everyone's presence, and sends
	 * our own presence again (the others dropped it after 30 s of silence). y-websocket marks the
	 * provider synced again when the server's answer (sync step 2) arrives.
	 */
	const probe = () => {
		const ws = provider.ws;
		if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return;
		stopProbe();
		provider.synced = false;
		const sync = encoding.createEncoder();
		encoding.writeVarUint(sync, messageSync);
		syncProtocol.writeSyncStep1(sync, doc);
		ws.send(encoding.toUint8Array(sync));
		const query = encoding.createEncoder();
		encoding.writeVarUint(query, messageQueryAwareness);
		ws.send(encoding.toUint8Array(query));
		const mine = provider.awareness.getLocalState();
		if (mine !== null) provider.awareness.setLocalState(mine);
		probeTimer = setTimeout(() => {
			probeTimer = null;
			if (provider.synced || status === 'refused') return;
			// No answer: the socket only looks open. A fresh one syncs everything again.
			provider.disconnect();
			provider.connect();
		}, PROBE_TIMEOUT_MS);
	};
	const onOffline = () => {
		stopProbe();
		set('offline');
	};
	const onOnline = () => {
		set(everConnected ? 'reconnecting' : 'connecting');
		probe();
	};
	window.addEventListener('online', onOnline);
	window.addEventListener('offline', onOffline);
	if (options.offlineCopyFor) {
		void keepOfflineCopy(room, options.offlineCopyFor, doc, () => !destroyed && status !== 'refused').then((copy) => {
			offlineCopy = copy;
		});
	}
	return connection;
}
