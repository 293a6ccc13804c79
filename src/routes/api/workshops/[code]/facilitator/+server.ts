import { json } from '@sveltejs/kit';
import { limitLookups, readJson, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		await limitLookups(event);
		const body = (await readJson(event)) as { key?: unknown } | null;
		const token = await verkstad().workshops.facilitatorToken(event.params.code, body?.key);
		return json({ token });
	});
