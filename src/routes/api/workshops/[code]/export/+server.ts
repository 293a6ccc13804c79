import { normaliseCode } from '$server/workshops/codes';
import { requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** GET ?format=md|csv with the facilitator's token: the compiled summary as a download. */
export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const claims = requireToken(event, normaliseCode(event.params.code));
		const format = event.url.searchParams.get('format') ?? 'md';
		const file = await verkstad().exports.summary(event.params.code, claims, format);
		return new Response(file.body, {
			headers: {
				'content-type': file.contentType,
				'content-disposition': `attachment; filename="${file.filename}"`,
				'cache-control': 'no-store'
			}
		});
	});
