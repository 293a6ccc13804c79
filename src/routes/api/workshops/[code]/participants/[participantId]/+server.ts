import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { readJson, requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/**
 * Moves a participant to another group, or places one who waits for a seat. Facilitator token,
 * body { groupId } → 200 { participantId, groupId }; 409 when the group is full.
 */
export const PATCH: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		return json(await verkstad().groups.move(code, claims, event.params.participantId, await readJson(event)));
	});

/** Removes a participant who left, freeing the seat (their notes stay). Facilitator token → 200 { participantId }. */
export const DELETE: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		return json(await verkstad().groups.remove(code, requireToken(event, code), event.params.participantId));
	});
