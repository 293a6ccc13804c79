import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { readJson, requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/**
 * "Visa alla" / "Visa": moves the participants' private drafts into their group boards. Facilitator
 * token, body { figureTitle? } (one figure, else everything, which ends the phase) → 200 { moved, ended }.
 */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		return json(await verkstad().reveal.reveal(code, claims, await readJson(event)));
	});
