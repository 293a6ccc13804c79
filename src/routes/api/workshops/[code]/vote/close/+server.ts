import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** Closes the open vote and writes the counts into every group board: facilitator token → 200 { vote, dots }. */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		return json(await verkstad().votes.close(code, requireToken(event, code)));
	});
