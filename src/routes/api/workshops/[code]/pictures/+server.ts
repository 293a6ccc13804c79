import { json } from '@sveltejs/kit';
import { boundedChunks } from '$server/http/body';
import { normaliseCode } from '$server/workshops/codes';
import { requireToken, respond, verkstad } from '$lib/server/api';
import { PICTURE_MAX_BYTES, PICTURE_MESSAGES, pictureUrl } from '$lib/pictures';
import type { RequestHandler } from './$types';

/**
 * POST the picture's bytes as the body (any Content-Type; the server reads the content) with
 * the facilitator's token → 201 { id, url }. 413 past 10 MB, 415 for anything but PNG/JPEG/WebP.
 */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		const body = boundedChunks(event.request, PICTURE_MAX_BYTES, PICTURE_MESSAGES.tooLarge);
		const saved = await verkstad().pictures.save(code, claims, body);
		return json({ id: saved.id, url: pictureUrl(code, saved.id) }, { status: 201 });
	});
