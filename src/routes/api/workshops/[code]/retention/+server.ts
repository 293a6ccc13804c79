import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** GET with the facilitator's token → 200 RetentionInfo: when the workshop deletes itself. */
export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const claims = requireToken(event, normaliseCode(event.params.code));
		return json(await verkstad().retention.info(event.params.code, claims));
	});
