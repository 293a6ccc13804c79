import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The server's clock, for timers that must agree across skewed clients (src/lib/sync/server-clock.ts). */
export const GET: RequestHandler = () => json({ now: Date.now() }, { headers: { 'cache-control': 'no-store' } });
