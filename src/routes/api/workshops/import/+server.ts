import { WORKSHOP_FILE_BYTES_MAX } from '$board';
import { createdResponse } from '$lib/server/created';
import { readJson, respond, verkstad } from '$lib/server/api';
import { limitWorkshopImport } from '$lib/server/limits';
import { said } from '$lib/said';
import type { RequestHandler } from './$types';

/** POST a workshop file (an export): 201 with a new workshop, as for create. */
export const POST: RequestHandler = (event) =>
	respond(event, async () => {
		await limitWorkshopImport(event);
		const file = await readJson(event, WORKSHOP_FILE_BYTES_MAX, said('import_workshop_too_large', { max: WORKSHOP_FILE_BYTES_MAX / 1024 / 1024 }));
		return createdResponse(event, await verkstad().workshops.importFile(file));
	});
