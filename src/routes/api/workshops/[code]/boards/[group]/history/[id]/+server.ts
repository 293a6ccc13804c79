import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** GET with the facilitator's token → 200 BoardHistoryDiff: what the snapshot had that the board has lost. */
export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const claims = requireToken(event, normaliseCode(event.params.code));
		const { code, group, id } = event.params;
		return json(await verkstad().history.diff(code, group, id, claims), { headers: { 'cache-control': 'no-store' } });
	});
