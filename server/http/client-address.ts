/**
 * The client's address, for rate limits and socket caps: the one rule both the sync sockets
 * (rooms.ts) and the pages and API (src/lib/server/limits.ts) follow.
 *
 * Without ADDRESS_HEADER: the TCP peer. No header is believed, since a client can write any.
 * With ADDRESS_HEADER (behind a reverse proxy, which must be the only way in): the address the
 * proxy wrote into that header. For X-Forwarded-For, each proxy appends the address it saw, so
 * only the rightmost XFF_DEPTH entries were written by proxies we trust; the entry XFF_DEPTH from
 * the right is the client's, and whatever a client put further left is ignored. The same rule as
 * adapter-node's getClientAddress, with the same variables.
 *
 * A request without the configured header (or with fewer entries than XFF_DEPTH) did not come
 * through the proxy as configured: it gets UNKNOWN_ADDRESS, one bucket for all such requests,
 * which errs on the safe side.
 */
export const UNKNOWN_ADDRESS = 'unknown';

export interface ProxyAddressConfig {
	/** Lower-case header name, or null to use the TCP peer. */
	addressHeader: string | null;
	xffDepth: number;
}

/**
 * `headerValue` is the value of the configured header (ignored when none is configured);
 * `peer` gives the TCP peer's address, asked for only when no header is configured.
 */
export function clientAddress(config: ProxyAddressConfig, headerValue: string | null | undefined, peer: () => string | undefined): string {
	if (config.addressHeader === null) return peer() || UNKNOWN_ADDRESS;
	return addressFromHeader(config.addressHeader, headerValue, config.xffDepth) ?? UNKNOWN_ADDRESS;
}

function addressFromHeader(header: string, value: string | null | undefined, depth: number): string | null {
	if (!value) return null;
	if (header !== 'x-forwarded-for') return value.trim() || null;
	const entries = value.split(',');
	if (depth > entries.length) return null;
	return entries[entries.length - depth]!.trim() || null;
}
