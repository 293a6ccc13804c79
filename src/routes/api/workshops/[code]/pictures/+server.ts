import { json } from '@sveltejs/kit';
import { boundedChunks } from '$server/http/body';
import { normaliseCode } from '$server/workshops/codes';
import { requireToken, respond, verkstad } from '$lib/server/api';
import { PICTURE_MAX_BYTES, pictureUrl } from '$lib/pictures';
import { said } from '$lib/said';
import type { RequestHandler } from './$types';

/**
 * POST the picture's bytes as the body (any Content-Type; the server reads the content) with
 * the facilitator's token → 201 { id, url }. 413 past 10 MB, 415 for anything but PNG/JPEG/WebP.
 */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		const code = normaliseCode(event.params.code);
		const claims = requireToken(event, code);
		const body = boundedChunks(event.request, PICTURE_MAX_BYTES, said('error_picture_too_large', { max: PICTURE_MAX_BYTES / 1024 / 1024 }));
		const saved = await verkstad().pictures.save(code, claims, body);
		return json({ id: saved.id, url: pictureUrl(code, saved.id) }, { status: 201 });
	});
