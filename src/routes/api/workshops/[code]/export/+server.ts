import { normaliseCode } from '$server/workshops/codes';
import { requireToken, respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/**
 * GET with the facilitator's token: a download. `format` is md, csv, docx, pdf, chat or svg;
 * `table=organisations` picks the table per organisation for md, csv, docx and pdf; `group=<id>`
 * picks the board for svg; `language=sv|en` the language of the file's own words, the workshop's
 * unless given (server/export/service.ts).
 */
export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const claims = requireToken(event, normaliseCode(event.params.code));
		const query = event.url.searchParams;
		const file = await verkstad().exports.file(event.params.code, claims, {
			format: query.get('format') ?? 'md',
			table: query.get('table'),
			group: query.get('group'),
			language: query.get('language')
		});
		return new Response(file.body, {
			headers: {
				'content-type': file.contentType,
				'content-disposition': `attachment; filename="${file.filename}"`,
				'cache-control': 'no-store'
			}
		});
	});
