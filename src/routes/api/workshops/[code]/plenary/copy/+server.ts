import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { readJson, requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** POST { boardId, noteId } with the facilitator's token → 201 { id }: "Kopiera till plenum". A participant gets 403. */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		const copied = await verkstad().plenary.copy(code, claims, await readJson(event));
		return json(copied, { status: 201 });
	});
