import { redirect } from '@sveltejs/kit';
import { normaliseCode } from '$lib/join-code';
import type { PageLoad } from './$types';

/**
 * The join-with-code form also works as a plain GET form (`/?kod=k7p+4qx`): before the page has
 * hydrated, or without JavaScript, a submit lands here and still reaches the workshop.
 */
export const load: PageLoad = ({ url }) => {
	const typed = url.searchParams.get('kod');
	if (typed !== null && normaliseCode(typed)) redirect(303, `/w/${encodeURIComponent(normaliseCode(typed))}`);
};
