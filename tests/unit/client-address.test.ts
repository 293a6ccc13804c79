/** Which address a request counts under, with and without a trusted proxy (server/http/client-address.ts). */
import { describe, expect, it } from 'vitest';
import { clientAddress, UNKNOWN_ADDRESS } from '../../server/http/client-address';

const direct = { addressHeader: null, xffDepth: 1 };
const behindOneProxy = { addressHeader: 'x-forwarded-for', xffDepth: 1 };
const behindTwoProxies = { addressHeader: 'x-forwarded-for', xffDepth: 2 };
const peer = () => '10.0.0.5';

describe('the client address', () => {
	it('is the TCP peer when no header is configured, whatever the client sends', () => {
		expect(clientAddress(direct, '203.0.113.9', peer)).toBe('10.0.0.5');
		expect(clientAddress(direct, undefined, () => undefined)).toBe(UNKNOWN_ADDRESS);
	});

	it('is the entry our proxy appended, not a spoofed one further left', () => {
		// The client sent "X-Forwarded-For: 6.6.6.6"; our proxy appended the address it saw.
		expect(clientAddress(behindOneProxy, '6.6.6.6, 198.51.100.7', peer)).toBe('198.51.100.7');
		expect(clientAddress(behindOneProxy, '198.51.100.7', peer)).toBe('198.51.100.7');
	});

	it('skips XFF_DEPTH - 1 trusted proxies from the right', () => {
		expect(clientAddress(behindTwoProxies, '6.6.6.6, 198.51.100.7, 10.0.0.2', peer)).toBe('198.51.100.7');
	});

	it('puts a request that did not come through the proxy into one shared bucket, never at its peer or its word', () => {
		expect(clientAddress(behindOneProxy, null, peer)).toBe(UNKNOWN_ADDRESS);
		expect(clientAddress(behindTwoProxies, '198.51.100.7', peer)).toBe(UNKNOWN_ADDRESS);
		expect(clientAddress(behindOneProxy, ' ', peer)).toBe(UNKNOWN_ADDRESS);
	});

	it('takes a single-address header (X-Real-IP) as it is', () => {
		expect(clientAddress({ addressHeader: 'x-real-ip', xffDepth: 1 }, ' 198.51.100.7 ', peer)).toBe('198.51.100.7');
	});
});
