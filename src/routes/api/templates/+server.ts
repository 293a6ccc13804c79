import { json } from '@sveltejs/kit';
import { respond, verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** Every template for the picker: built-in first, then own templates. */
export const GET: RequestHandler = (event) => respond(event, async () => json(await verkstad().templates.list()));
