import { json, type RequestEvent } from '@sveltejs/kit';
import type { CreatedWorkshop } from '$lib/api-types';
import { baseUrl } from './api';

/** The 201 answer to a new workshop, made or imported: its code, key and the two links. */
export function createdResponse(event: RequestEvent, made: { code: string; facilitatorKey: string }): Response {
	const base = baseUrl(event);
	const body: CreatedWorkshop = {
		code: made.code,
		facilitatorKey: made.facilitatorKey,
		participantUrl: `${base}/w/${made.code}`,
		// The key rides in the fragment so that it never reaches a server log or a Referer.
		facilitatorUrl: `${base}/w/${made.code}/facilitate#key=${made.facilitatorKey}`
	};
	return json(body, { status: 201 });
}
