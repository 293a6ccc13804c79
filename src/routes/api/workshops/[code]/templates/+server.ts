import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { readJson, requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** GET with the facilitator's token: the own templates saved from this workshop's boards. */
export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const claims = requireToken(event, normaliseCode(event.params.code));
		return json(await verkstad().templates.savedFrom(event.params.code, claims));
	});

/** POST { groupId, name, description? } with the facilitator's token: that group's board becomes an own template. */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const claims = requireToken(event, normaliseCode(event.params.code));
		const saved = await verkstad().templates.saveBoard(event.params.code, claims, await readJson(event));
		return json(saved, { status: 201 });
	});
