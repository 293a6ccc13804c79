import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/**
 * "Teman": themes across groups the server suggests for the summary, per question. Facilitator
 * token → 200 { questions: [{ question, themes: [{ key, title, members }] }] } (src/lib/board/themes.ts);
 * a participant's token is a 403, since the suggestions quote every group's notes.
 */
export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		return json(await verkstad().themes.suggest(code, claims), { headers: { 'cache-control': 'no-store' } });
	});
