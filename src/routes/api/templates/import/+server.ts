import { json } from '@sveltejs/kit';
import { TEMPLATE_FILE_BYTES_MAX } from '$board';
import { readJson, respond, verkstad } from '$lib/server/api';
import { limitTemplateImport } from '$lib/server/limits';
import { said } from '$lib/said';
import type { RequestHandler } from './$types';

/** POST a template file: 201 with the new own template's summary. */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		await limitTemplateImport(event);
		const file = await readJson(event, TEMPLATE_FILE_BYTES_MAX, said('import_template_too_large', { max: TEMPLATE_FILE_BYTES_MAX / 1024 / 1024 }));
		return json(await verkstad().templates.importFile(file), { status: 201 });
	});
