import { normaliseCode } from '$lib/join-code';
import type { PageLoad } from './$types';

// The facilitator's session lives in localStorage and the boards on websockets: nothing to render on the server.
export const ssr = false;

export const load: PageLoad = ({ params }) => ({ code: normaliseCode(params.code) });
