import { json } from '@sveltejs/kit';
import { baseUrl, limitLookups, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		limitLookups(event);
		const summary = await verkstad().workshops.summary(event.params.code);
		return json({ ...summary, participantUrl: `${baseUrl(event)}/w/${summary.code}` });
	});
