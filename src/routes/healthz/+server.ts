import { json } from '@sveltejs/kit';
import { verkstad } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** 200 when the process can serve and its store answers; 503 otherwise. */
export const GET: RequestHandler = async () => {
	const ok = await verkstad().store.ping().catch(() => false);
	return json({ ok }, { status: ok ? 200 : 503 });
};
