/**
 * Websocket close codes sent by the sync server. A browser only ever sees a refusal as a close
 * code (an HTTP status on the upgrade is invisible to page scripts), so every refusal has a name.
 *
 * 4400–4499 mirror HTTP 4xx: a deliberate decision that reconnecting cannot fix. The stock
 * y-websocket 3.x provider stops reconnecting on any code in that range (defaultShouldReconnect).
 * The 1xxx codes are the standard ones (RFC 6455 §7.4.1); clients treat them as transient and
 * reconnect with backoff.
 */

/** No token, a token with a bad signature, a malformed token or an expired one. */
export const CLOSE_UNAUTHORIZED = 4401;
/** A valid token that may not open this room (another workshop, group or person). */
export const CLOSE_FORBIDDEN = 4403;
/** No such room: a malformed room name, an unknown workshop or a board that does not exist. */
export const CLOSE_NOT_FOUND = 4404;
/** The workshop was deleted (by its facilitator, or when it expired); nothing is left to reconnect to. */
export const CLOSE_WORKSHOP_DELETED = 4410;
/**
 * One message above SyncLimits.maxPayloadBytes, an update that would grow the doc past maxDocBytes,
 * or an awareness state above maxAwarenessStateBytes.
 */
export const CLOSE_TOO_LARGE = 4413;
/**
 * An update the server cannot accept as a Yjs update at all (admission.ts): a gap inside it, out
 * of structural bounds, or too costly to apply. An honest client never sends one.
 */
export const CLOSE_UPDATE_REFUSED = 4422;
/**
 * The server cannot save right now (a full or failing disk). Outside 4400–4499 on purpose: the
 * stock provider reconnects, and its edits, kept in the browser, are sent again once it can.
 */
export const CLOSE_STORE_UNAVAILABLE = 4507;
/**
 * This token or this client address already holds as many sockets as SyncLimits allows. A stock
 * provider stops here, which is what a flood should do; Verkstad's own client does not count it as
 * final (src/lib/sync/room-connection.ts) and retries with backoff, so a person with one tab too
 * many gets in as soon as another of their sockets closes.
 */
export const CLOSE_TOO_MANY_SOCKETS = 4429;

/** The server is shutting down (SIGTERM); the client should reconnect to the next instance. */
export const CLOSE_GOING_AWAY = 1001;
/** A frame that does not decode as our wire format, or an update Yjs cannot read. */
export const CLOSE_INVALID_MESSAGE = 1007;
/** Policy: message rate, awareness client ids held or pending messages over their bound. */
export const CLOSE_POLICY = 1008;
/**
 * An update depended on state the room lacks (admission.ts). Nothing of it was applied; a client
 * reconnects and its sync step 2 carries everything it has, dependencies included.
 */
export const CLOSE_TRY_AGAIN = 1013;
/** The server failed (e.g. the store could not load the room); retrying later may work. */
export const CLOSE_SERVER_ERROR = 1011;

export type RefusalCode = typeof CLOSE_UNAUTHORIZED | typeof CLOSE_FORBIDDEN | typeof CLOSE_NOT_FOUND;
