import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { readJson, requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** POST { figureTitle } with the facilitator's token → { boards }: the picture on every group board's image figure of that title. */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		const shared = await verkstad().pictureSharing.toEveryGroup(code, claims, event.params.id, await readJson(event));
		return json(shared);
	});
