import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { readJson, requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** Adds a group with its own board. Facilitator token, body { name? } → 201 { id, name }. */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		return json(await verkstad().groups.addGroup(code, claims, await readJson(event)), { status: 201 });
	});
