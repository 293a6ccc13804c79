import { normaliseCode } from '$server/workshops/codes';
import { respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/**
 * The picture's bytes. No token: an <img> cannot send one, so the unguessable id is the
 * capability (docs/decisions.md). A picture never changes under its id, hence the long cache;
 * `private` keeps it out of shared caches, and nosniff stops a browser from reading it as anything else.
 */
export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const picture = await verkstad().pictures.open(normaliseCode(event.params.code), event.params.id);
		return new Response(picture.body, {
			headers: {
				'content-type': picture.mime,
				'content-length': String(picture.size),
				'cache-control': 'private, max-age=31536000, immutable',
				'x-content-type-options': 'nosniff'
			}
		});
	});
