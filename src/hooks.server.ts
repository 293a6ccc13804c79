/**
 * Every response SvelteKit makes, pages, endpoints and error pages alike, in production and under
 * `npm run dev`, passes two steps in order:
 * - the language: Paraglide reads the person's language cookie (else Swedish) and keeps it for the
 *   request, so the page renders in it, and `<html lang>` (app.html's `%lang%`) says it. The
 *   answer then depends on the cookie, so it says `Vary: Cookie`: a shared cache must not hand one
 *   person's language to the next;
 * - the security headers (src/lib/server/security-headers.ts). A page already carries the
 *   Content-Security-Policy of `kit.csp`; everything else gets the policy for responses that are
 *   not pages.
 */
import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { securityHeaders } from '$lib/server/security-headers';

const language: Handle = async ({ event, resolve }) => {
	const response = await paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
	});
	response.headers.append('vary', 'Cookie');
	return response;
};

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = securityHeaders(response.headers.has('content-security-policy'));
	for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
	return response;
};

export const handle = sequence(language, headers);
