/**
 * A refusal over HTTP, as src/lib/server/api.ts answers it behind Paraglide's middleware (which
 * src/hooks.server.ts runs for every request; its `sequence` needs SvelteKit's own request store,
 * so the middleware is called here as that hook calls it): `{ error, code, params }`, where
 * `error` is the sentence in the language of the request's cookie and `code` and `params` let a
 * page say it in its own.
 * The SvelteKit modules are loaded through Vite (middleware mode, as `npm run dev` loads them),
 * so that their `$lib` imports resolve; the refusals come from a real WorkshopService.
 */
import path from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { cookieName } from '../../src/lib/paraglide/runtime';
import { createWorkshop, startServer, type TestServer } from './helpers';

type Respond = (event: RequestEvent, body: () => Promise<Response>) => Promise<Response>;

let vite: ViteDevServer;
let middleware: (request: Request, resolve: (args: { request: Request }) => Promise<Response>) => Promise<Response>;
let respond: Respond;
let server: TestServer;

beforeAll(async () => {
	vite = await createServer({
		configFile: path.resolve(import.meta.dirname, '../../vite.config.ts'),
		server: { middlewareMode: true, hmr: false, watch: null },
		appType: 'custom',
		logLevel: 'silent'
	});
	({ paraglideMiddleware: middleware } = (await vite.ssrLoadModule('/src/lib/paraglide/server.js')) as { paraglideMiddleware: typeof middleware });
	({ respond } = (await vite.ssrLoadModule('/src/lib/server/api.ts')) as { respond: Respond });
	server = await startServer();
}, 60_000);

afterAll(async () => {
	await server?.close();
	await vite?.close();
});

/** The answer to a request (with the language cookie when `locale` is given) whose endpoint runs `body`. */
async function answer(locale: 'sv' | 'en' | null, body: () => Promise<unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
	const url = new URL('http://127.0.0.1/api/workshops/ZZZZZZ/participants');
	const headers = locale ? { cookie: `${cookieName}=${locale}` } : undefined;
	const response = await middleware(new Request(url, { method: 'POST', headers }), ({ request }) =>
		respond({ request, url } as unknown as RequestEvent, async () => Response.json(await body()))
	);
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('a refusal over HTTP', () => {
	it('answers the code, its inputs and the sentence in the language of the cookie', async () => {
		const lookUp = () => server.workshops.summary('ZZZZZZ');
		const english = await answer('en', lookUp);
		expect(english).toEqual({
			status: 404,
			json: {
				error: 'There is no workshop with the code "ZZZZZZ". Check the code and try again.',
				code: 'error_workshop_unknown',
				params: { code: 'ZZZZZZ' }
			}
		});
		const swedish = await answer(null, lookUp);
		expect(swedish.json).toEqual({ ...english.json, error: 'Det finns ingen workshop med koden "ZZZZZZ". Kontrollera koden och försök igen.' });
	});

	it('sends a sentence inside a sentence as a code of its own, said in the same language', async () => {
		const w = await createWorkshop(server);
		const join = () => server.workshops.join(w.code, { name: 'Anna\u202Egreb', organisation: '', groupId: 'g1' });
		const english = await answer('en', join);
		expect(english).toEqual({
			status: 400,
			json: {
				error: "The name contains hidden characters that reverse the text's direction. Type the text again without them.",
				code: 'error_text_bidi',
				params: { subject: { code: 'error_subject_name' } }
			}
		});
		expect((await answer('sv', join)).json.error).toBe('Namnet innehåller dolda tecken som vänder textens riktning. Skriv in texten igen utan dem.');
	});
});
