import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { readJson, requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** POST { notes?, figures? } (ids) with the facilitator's token → 200 Restored: the items written back. */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const claims = requireToken(event, normaliseCode(event.params.code));
		const { code, group, id } = event.params;
		return json(await verkstad().history.restore(code, group, id, claims, await readJson(event)));
	});
