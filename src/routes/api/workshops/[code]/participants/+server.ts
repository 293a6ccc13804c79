import { json } from '@sveltejs/kit';
import { limitLookups, readJson, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		await limitLookups(event);
		const joined = await verkstad().workshops.join(event.params.code, await readJson(event));
		return json(joined, { status: 201 });
	});
