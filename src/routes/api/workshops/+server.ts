import { createdResponse } from '$lib/server/created';
import { readJson, respond, verkstad } from '$lib/server/api';
import { limitWorkshopCreation } from '$lib/server/limits';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		await limitWorkshopCreation(event);
		return createdResponse(event, await verkstad().workshops.create(await readJson(event)));
	});
