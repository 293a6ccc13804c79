import { api } from '$lib/api-client';
import { normaliseCode } from '$lib/join-code';
import type { PageLoad } from './$types';

// The session lives in localStorage and the boards on websockets: nothing to render on the server.
export const ssr = false;

export const load: PageLoad = async ({ params, fetch }) => {
	const code = normaliseCode(params.code);
	// As on the control room: the server knows the public address behind a proxy.
	const participantUrl = await api
		.workshop(code, fetch)
		.then((w) => w.participantUrl)
		.catch(() => `${location.origin}/w/${code}`);
	return { code, participantUrl };
};
