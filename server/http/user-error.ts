/**
 * An error meant for a person: a message key and its inputs (src/lib/said.ts), so that the API
 * can answer `{ error, code, params }` and a page can say it in the language it shows. `message`
 * is the Swedish sentence, for logs and tests. Recognised by a brand rather than instanceof,
 * because the SvelteKit bundle and the server process each load their own copy of this class.
 */
import type { MessageKey, Said, SaidArgs } from '../../src/lib/said';
import { say } from './say';

const BRAND = Symbol.for('verkstad.user-error');

export type UserErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 507;

export class UserError<K extends MessageKey = MessageKey> extends Error {
	readonly [BRAND] = true;
	readonly said: Said;
	/** For a 429: when trying again can succeed, sent as Retry-After. */
	retryAfterSeconds?: number;

	/** `code` a message key with its inputs, or a sentence already said by code (the name and file checks give those). */
	constructor(
		readonly status: UserErrorStatus,
		code: K | Said,
		...[params]: SaidArgs<K>
	) {
		const said: Said = typeof code !== 'string' ? code : params === undefined ? { code } : { code, params: params as Said['params'] };
		super(say(said, 'sv'));
		this.said = said;
		this.name = 'UserError';
	}

	get code(): MessageKey {
		return this.said.code;
	}
}

export function isUserError(e: unknown): e is UserError {
	return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
