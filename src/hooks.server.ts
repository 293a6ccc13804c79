/**
 * One job: the security headers (src/lib/server/security-headers.ts) on every response SvelteKit
 * makes, pages, endpoints and error pages alike, in production and under `npm run dev`. A page
 * already carries the Content-Security-Policy of `kit.csp`; everything else gets the policy for
 * responses that are not pages.
 */
import type { Handle } from '@sveltejs/kit';
import { securityHeaders } from '$lib/server/security-headers';

export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = securityHeaders(response.headers.has('content-security-policy'));
	for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
	return response;
};
