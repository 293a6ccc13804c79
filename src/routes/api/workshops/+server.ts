import { json } from '@sveltejs/kit';
import { baseUrl, readJson, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const { code, facilitatorKey } = await verkstad().workshops.create(await readJson(event));
		const base = baseUrl(event);
		return json(
			{
				code,
				facilitatorKey,
				participantUrl: `${base}/w/${code}`,
				// The key rides in the fragment so that it never reaches a server log or a Referer.
				facilitatorUrl: `${base}/w/${code}/facilitate#key=${facilitatorKey}`
			},
			{ status: 201 }
		);
	});
