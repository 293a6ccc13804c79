import { json } from '@sveltejs/kit';
import { boundedChunks } from '$server/http/body';
import { UserError } from '$server/http/user-error';
import { normaliseCode } from '$server/workshops/codes';
import { requireToken, respond, verkstad } from '$lib/server/api';
import { PICTURE_MAX_BYTES, PICTURE_MESSAGES, pictureUrl } from '$lib/pictures';
import type { RequestHandler } from './$types';

/**
 * POST the picture's bytes as the body with the facilitator's token → 201 { id, url }. 413 past
 * 10 MB, 415 for anything but PNG/JPEG/WebP. The server reads the type from the content, but a
 * Content-Type header must be there: without one SvelteKit hands the endpoint no body at all.
 */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		if (!event.request.headers.get('content-type')) {
			throw new UserError(400, 'Skicka bilden med en Content-Type, till exempel application/octet-stream.');
		}
		const body = boundedChunks(event.request, PICTURE_MAX_BYTES, PICTURE_MESSAGES.tooLarge);
		const saved = await verkstad().pictures.save(code, claims, body);
		return json({ id: saved.id, url: pictureUrl(code, saved.id) }, { status: 201 });
	});
