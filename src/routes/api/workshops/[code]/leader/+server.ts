import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** "Jag är gruppledare": a participant token → 200 { groupId, participantId } (the group's leader after the call). */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		return json(await verkstad().leaders.volunteer(code, requireToken(event, code)));
	});

/** Steps down → 200 { groupId, participantId } where participantId is the remaining leader, usually null. */
export const DELETE: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		return json(await verkstad().leaders.stepDown(code, requireToken(event, code)));
	});
