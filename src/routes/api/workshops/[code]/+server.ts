import { json } from '@sveltejs/kit';
import { limitLookups, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		limitLookups(event);
		return json(await verkstad().workshops.summary(event.params.code));
	});
