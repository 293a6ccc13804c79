import { redirect } from '@sveltejs/kit';
import { api, ApiError, errorMessage } from '$lib/api-client';
import { chooseLanguage, hasChosenLanguage } from '$lib/i18n/language.svelte';
import { normaliseCode } from '$lib/join-code';
import { loadParticipant } from '$lib/session';
import type { PageLoad } from './$types';

// The session lives in localStorage, so only the browser can tell whether this is a returning
// person; rendering on the server would flash the join form before the redirect to the board.
export const ssr = false;

export const load: PageLoad = async ({ params, fetch, url }) => {
	const code = normaliseCode(params.code);
	// One canonical address per workshop, whatever was typed ("/w/k7p-4qx").
	if (code !== params.code) redirect(307, `/w/${encodeURIComponent(code)}${url.search}`);

	const session = loadParticipant(code);
	// A reload is the same person: no second join. `?byt` is the way to choose to be someone else.
	if (session && !url.searchParams.has('byt')) redirect(307, `/w/${code}/board`);

	// The board sends people back here with `?orsak=inloggning-ogiltig` when the server refused
	// their token (expired, or from a data directory that was reset).
	const tokenRefused = url.searchParams.get('orsak') === 'inloggning-ogiltig';
	try {
		const workshop = await api.workshop(code, fetch);
		// Someone who has never chosen a language meets the workshop in its own (and keeps it).
		if (!hasChosenLanguage()) chooseLanguage(workshop.language);
		return { code, session, tokenRefused, workshop, loadError: null, notFound: false };
	} catch (e) {
		return {
			code,
			session,
			tokenRefused,
			workshop: null,
			loadError: errorMessage(e),
			notFound: e instanceof ApiError && e.status === 404
		};
	}
};
