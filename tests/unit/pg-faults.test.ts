/**
 * Which PostgreSQL errors the store reports as storage faults. A full disk (53100) or a failing
 * one cannot be made on a shared test server, so the classification is checked on the errors'
 * shapes as `pg` gives them; read-only (25006) and a refused connection are also met for real in
 * tests/integration/pg-store.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { storageFaultCode } from '../../server/store/pg-faults';

/** An error as `pg` throws it for a server answer (a DatabaseError carries the SQLSTATE in `code`). */
function serverError(code: string, message = 'server error'): Error {
	return Object.assign(new Error(message), { code });
}

describe('PostgreSQL storage faults', () => {
	it('names the database refusing writes for itself: disk full, read-only, out of resources, shutting down, broken', () => {
		for (const code of ['53100', '53200', '53300', '25006', '57P01', '57P03', '58030', 'XX001', '08006']) {
			expect(storageFaultCode(serverError(code))).toBe(code);
		}
	});

	it('names a connection that fails, with or without a system error code', () => {
		expect(storageFaultCode(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
		expect(storageFaultCode(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
		expect(storageFaultCode(new Error('Connection terminated unexpectedly'))).toBe('PG_CONNECTION_LOST');
		expect(storageFaultCode(new Error('timeout exceeded when trying to connect'))).toBe('PG_CONNECTION_LOST');
	});

	it('leaves an error about the data, or a bug, to the caller', () => {
		for (const code of ['23505', '23503', '42P01', '22P02']) expect(storageFaultCode(serverError(code))).toBeNull();
		expect(storageFaultCode(new TypeError('x is undefined'))).toBeNull();
		expect(storageFaultCode('not an error')).toBeNull();
	});
});
