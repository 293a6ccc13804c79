import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { readJson, requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** POST { text } with a participant or facilitator token → 201 { id }; the message reaches everyone through the workshop doc. */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		const posted = await verkstad().chat.post(code, claims, await readJson(event));
		return json(posted, { status: 201 });
	});
