import { api } from '$lib/api-client';
import { normaliseCode } from '$lib/join-code';
import type { PageLoad } from './$types';

// The key arrives in the URL fragment and the session in localStorage: both exist only in the
// browser, so there is nothing useful to render on the server.
export const ssr = false;

export const load: PageLoad = async ({ params, fetch }) => {
	const code = normaliseCode(params.code);
	// The server knows the public address (PUBLIC_URL) behind a proxy; this page's own origin is
	// the fallback when the lookup fails, in which case signing in reports the real problem.
	const participantUrl = await api
		.workshop(code, fetch)
		.then((w) => w.participantUrl)
		.catch(() => `${location.origin}/w/${code}`);
	return { code, participantUrl };
};
