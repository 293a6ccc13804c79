import { json } from '@sveltejs/kit';
import { requireAnyToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** One template as a template file, offered as a download (`mall-<id>.json`). */
export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const file = await verkstad().templates.file(event.params.id);
		const filename = `mall-${event.params.id.replace(/[^0-9A-Za-z_-]/g, '')}.json`;
		return json(file, { headers: { 'content-disposition': `attachment; filename="${filename}"` } });
	});

/** DELETE with the facilitator's token of the workshop it was saved from → 200 { deleted }. */
export const DELETE: RequestHandler = (event) =>
	respond(event, async () => {
		const claims = requireAnyToken(event);
		await verkstad().templates.delete(event.params.id, claims);
		return json({ deleted: event.params.id });
	});
