/** What an operator reads in the log (server/log.ts): stacks kept, secrets never written. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLog, type Level } from '../../server/log';

/** A pino destination that keeps every line, parsed. */
function captured(level: Level = 'debug') {
	const lines: Record<string, unknown>[] = [];
	const destination = new Writable({
		write(chunk: Buffer, _encoding, done) {
			for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
			done();
		}
	});
	return { lines, log: createLog(level, destination) };
}

describe('the log', () => {
	it('writes one JSON line with the level name, the message under msg and the fields', () => {
		const { lines, log } = captured();
		log.info('closing', { step: 'shutdown', service: 'rooms' });
		expect(lines).toEqual([expect.objectContaining({ level: 'info', msg: 'closing', step: 'shutdown', service: 'rooms', time: expect.any(String) })]);
	});

	it('keeps the stack of an Error passed under any field name', () => {
		const { lines, log } = captured();
		const failure = new Error('disk on fire');
		log.error('store write failed', { room: 'ABCDEF', error: failure });
		const written = lines[0]!.error as Record<string, unknown>;
		expect(written).toMatchObject({ type: 'Error', message: 'disk on fire' });
		expect(written.stack).toEqual(expect.stringContaining('log.test.ts'));
	});

	it('censors tokens and keys under their field names, in headers, and in URLs', () => {
		const { lines, log } = captured();
		log.warn('refused', {
			token: 'tok-SECRET-1',
			facilitatorKey: 'key-SECRET-2',
			headers: { authorization: 'Bearer tok-SECRET-3', host: 'verkstad.example' },
			url: '/sync/ABCDEF?token=tok-SECRET-4&x=1',
			// The facilitator link carries the key in its fragment.
			link: 'https://verkstad.example/w/ABCDEF/facilitate#key=key-SECRET-6'
		});
		log.error('upgrade failed', { error: new Error('bad request /sync/ABCDEF?token=tok-SECRET-5') });
		const text = JSON.stringify(lines);
		expect(text).not.toMatch(/SECRET/);
		expect(lines[0]).toMatchObject({ headers: { authorization: '[redacted]', host: 'verkstad.example' }, url: '/sync/ABCDEF?token=[redacted]&x=1' });
	});

	it('writes nothing below LOG_LEVEL', () => {
		const { lines, log } = captured('warn');
		log.info('listening');
		log.debug('connection joined');
		log.warn('redis unavailable');
		expect(lines.map((l) => l.msg)).toEqual(['redis unavailable']);
	});
});
