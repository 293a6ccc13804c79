import { json } from '@sveltejs/kit';
import { health } from '$server/http/health';
import { verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** 200 when the process can serve and its store answers and writes; 503 with the reason otherwise. */
export const GET: RequestHandler = async () => {
	const answer = await health(verkstad().store);
	return json(answer.body, { status: answer.status });
};
