import { createdResponse } from '$lib/server/created';
import { readJson, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	respond(event, async () => createdResponse(event, await verkstad().workshops.create(await readJson(event))));
