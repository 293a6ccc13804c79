/**
 * Shared plumbing for the JSON endpoints: body parsing, the `{ error, code, params }` shape, rate
 * limits and links. The domain logic lives in server/workshops; endpoints only translate HTTP.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import type { Claims } from '$server/auth/tokens';
import { readBoundedText } from '$server/http/body';
import { say } from '$server/http/say';
import { isUserError, UserError } from '$server/http/user-error';
import { publishedVerkstad } from '$server/published';
import { isStoreWriteError } from '$server/store/doc-store';
import { said, type Said } from '$lib/said';
import { limitByAddress } from './limits';

export { publishedVerkstad as verkstad };

/**
 * Reads a JSON body of at most `maxBytes` (64 KiB unless an endpoint takes files), counting bytes
 * as they arrive; anything else is a person-readable 400, or 413 with `tooLarge`.
 */
export async function readJson(event: RequestEvent, maxBytes = 64 * 1024, tooLarge: Said = said('error_request_too_large')): Promise<unknown> {
	const text = await readBoundedText(event.request, maxBytes, tooLarge);
	try {
		return JSON.parse(text);
	} catch {
		throw new UserError(400, 'error_request_not_json');
	}
}

/**
 * The answer to a refused request: `error` is the sentence in the request's language (the
 * language middleware in hooks.server.ts keeps it), for API users and anything that only reads
 * a sentence; `code` and `params` let a page say it in whatever language it shows (said.ts).
 */
function refusal(said: Said, status: number, headers?: Record<string, string>): Response {
	return json({ error: say(said), code: said.code, params: said.params ?? {} }, { status, headers });
}

/**
 * Runs an endpoint body; UserErrors become a refusal with their status (and Retry-After when
 * they say when), a store that cannot write a 507 (full) or 503, anything else a 500.
 */
export async function respond(event: RequestEvent, body: () => Promise<Response>): Promise<Response> {
	try {
		return await body();
	} catch (e) {
		if (isUserError(e)) {
			const headers = e.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(e.retryAfterSeconds) };
			return refusal(e.said, e.status, headers);
		}
		if (isStoreWriteError(e)) {
			publishedVerkstad().log.error('api request not saved', { method: event.request.method, path: event.url.pathname, code: e.code, step: e.step });
			const full = e.code.startsWith('SQLITE_FULL');
			return full ? refusal(said('error_store_full'), 507) : refusal(said('error_store_unavailable'), 503);
		}
		publishedVerkstad().log.error('api request failed', {
			method: event.request.method,
			path: event.url.pathname,
			// An Error is logged with its stack (server/log.ts).
			error: e
		});
		return refusal(said('error_unexpected'), 500);
	}
}

/** Looking up codes is what a brute-force attack would do, so it is limited per client address (LIMITS.lookup). */
export function limitLookups(event: RequestEvent): Promise<void> {
	return limitByAddress(event, 'lookup', 'error_limit_lookup');
}

/**
 * The verified claims of the `Authorization: Bearer <token>` header, for a token of this
 * workshop; a missing, bad or expired token is a 401 and another workshop's a 403.
 */
export function requireToken(event: RequestEvent, code: string): Claims {
	const claims = requireAnyToken(event);
	if (claims.code !== code) throw new UserError(403, 'error_token_other_workshop');
	return claims;
}

/** The verified claims of the Bearer token, of whichever workshop; for calls whose URL names none. */
export function requireAnyToken(event: RequestEvent): Claims {
	const header = event.request.headers.get('authorization') ?? '';
	const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
	if (!token) throw new UserError(401, 'error_token_missing');
	const result = publishedVerkstad().tokens.verify(token);
	if (!result.ok) throw new UserError(401, 'error_token_expired');
	return result.claims;
}

export function baseUrl(event: RequestEvent): string {
	return publishedVerkstad().config.publicUrl ?? event.url.origin;
}
