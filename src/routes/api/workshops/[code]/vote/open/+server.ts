import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { readJson, requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** Opens a vote: facilitator token, body { figures: [{ title, label, quota }], allowStacking } → 200 Vote. */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		return json(await verkstad().votes.open(code, claims, await readJson(event)));
	});
