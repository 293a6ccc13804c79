/**
 * An error meant for a person: `message` is a Swedish sentence that says what to do.
 * Recognised by a brand rather than instanceof, because the SvelteKit bundle and the server
 * process each load their own copy of this class.
 */
const BRAND = Symbol.for('verkstad.user-error');

export class UserError extends Error {
	readonly [BRAND] = true;

	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 507,
		message: string,
		/** For a 429: when trying again can succeed, sent as Retry-After. */
		readonly retryAfterSeconds?: number
	) {
		super(message);
		this.name = 'UserError';
	}
}

export function isUserError(e: unknown): e is UserError {
	return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
