/**
 * The one running Verkstad instance, published on globalThis so that SvelteKit endpoints (which
 * Vite bundles separately) reach the same store and rooms as the websocket server.
 */
import type { Verkstad } from './app';

const KEY = Symbol.for('verkstad.app');

export function publishVerkstad(app: Verkstad | undefined): void {
	(globalThis as Record<symbol, unknown>)[KEY] = app;
}

export function publishedVerkstad(): Verkstad {
	const app = (globalThis as Record<symbol, unknown>)[KEY] as Verkstad | undefined;
	if (!app) throw new Error('Verkstad is not running: start it with `npm start` or `npm run dev`');
	return app;
}
