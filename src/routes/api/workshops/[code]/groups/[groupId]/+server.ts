import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { readJson, requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** Renames a group. Facilitator token, body { name } → 200 { id, name }; 409 for a name another group has. */
export const PATCH: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		return json(await verkstad().groups.rename(code, claims, event.params.groupId, await readJson(event)));
	});
