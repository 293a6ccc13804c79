import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** GET with the facilitator's token → 200 HistoryItem[]: the board's snapshots, newest first. */
export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const claims = requireToken(event, normaliseCode(event.params.code));
		return json(await verkstad().history.list(event.params.code, event.params.group, claims), { headers: { 'cache-control': 'no-store' } });
	});
