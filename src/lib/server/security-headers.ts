/**
 * Headers every response carries, whoever serves it: SvelteKit's pages and endpoints
 * (src/hooks.server.ts, in production and under `npm run dev`) and the built assets adapter-node
 * serves before any hook runs (server/index.ts). Vite's own modules under `npm run dev` go
 * without them: a development server only.
 *
 * Pages get their Content-Security-Policy from `kit.csp` in svelte.config.js, where SvelteKit adds
 * the nonce of its own bootstrap script. Everything else (JSON, exports, pictures, scripts,
 * styles) gets NON_PAGE_CSP: such a response never needs to run or load anything, so if one is
 * ever opened as a document (an SVG, a mistyped file) nothing in it may.
 *
 * Referrer-Policy `same-origin`: join codes are in paths (/w/K7P4QX/board), and a Referer to
 * another site would hand it a way into the workshop; the facilitator key is in the fragment,
 * which no Referer carries. `no-referrer` would also make browsers send `Origin: null` on our own
 * POSTs, which SvelteKit's CSRF check refuses for form uploads; `same-origin` keeps the full
 * Referer and Origin for our own requests and sends nothing elsewhere.
 */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	// frame-ancestors in the CSP is the rule; this is for browsers older than CSP level 2.
	'x-frame-options': 'DENY'
};

export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The base headers and, unless the response has a policy of its own (a page), NON_PAGE_CSP. */
export function securityHeaders(hasOwnPolicy: boolean): Record<string, string> {
	return hasOwnPolicy ? { ...BASE_SECURITY_HEADERS } : { ...BASE_SECURITY_HEADERS, 'content-security-policy': NON_PAGE_CSP };
}
