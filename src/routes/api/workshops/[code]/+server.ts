import { json } from '@sveltejs/kit';
import { normaliseCode } from '$server/workshops/codes';
import { baseUrl, limitLookups, requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		await limitLookups(event);
		const summary = await verkstad().workshops.summary(event.params.code);
		return json({ ...summary, participantUrl: `${baseUrl(event)}/w/${summary.code}` });
	});

/** DELETE with the facilitator's token → 200 { deleted }: the workshop and all its data are gone now. */
export const DELETE: RequestHandler = (event) =>
	respond(event, async () => {
		const claims = requireToken(event, normaliseCode(event.params.code));
		await verkstad().retention.deleteNow(event.params.code, claims);
		return json({ deleted: claims.code });
	});
