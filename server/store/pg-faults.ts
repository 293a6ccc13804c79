/**
 * Which errors of the PostgreSQL store are faults of the database rather than of the data: those
 * a write rejects with as a StoreWriteError (pg-store.ts), and that /healthz reports until the
 * same step succeeds again. A duplicate key, a foreign key, a syntax error: the caller's.
 */

/**
 * SQLSTATE classes: 08 connection exception, 53 insufficient resources (53100 disk full, 53200
 * out of memory, 53300 too many connections), 58 system error (58030 I/O error), XX internal
 * (data corrupted). Codes: 25006 read-only transaction (a read-only or standby database), 57P01–03
 * the server shutting down or not yet accepting connections, 57014 a statement cancelled.
 */
const STORAGE_FAULT_CLASSES = ['08', '53', '58', 'XX'];
const STORAGE_FAULT_CODES = ['25006', '57P01', '57P02', '57P03', '57014'];
/** What `pg` throws without a SQLSTATE when the connection itself fails. */
const CONNECTION_LOST = /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed/i;

/** The code to report for a fault of the database, or null for an error about the data. */
export function storageFaultCode(err: unknown): string | null {
	const code = (err as { code?: unknown } | null)?.code;
	if (typeof code === 'string') {
		if (/^[0-9A-Z]{5}$/.test(code)) {
			return STORAGE_FAULT_CLASSES.includes(code.slice(0, 2)) || STORAGE_FAULT_CODES.includes(code) ? code : null;
		}
		// A Node system error on the socket: ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND...
		if (/^E[A-Z]+$/.test(code)) return code;
	}
	return err instanceof Error && CONNECTION_LOST.test(err.message) ? 'PG_CONNECTION_LOST' : null;
}
