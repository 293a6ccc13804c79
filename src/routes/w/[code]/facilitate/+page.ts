import { normaliseCode } from '$lib/join-code';
import type { PageLoad } from './$types';

// The key arrives in the URL fragment and the session in localStorage: both exist only in the
// browser, so there is nothing useful to render on the server.
export const ssr = false;

export const load: PageLoad = ({ params }) => ({ code: normaliseCode(params.code) });
