import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';
import type * as App from './server/app';
import type * as Config from './server/config';
import type * as Operator from './server/http/operator';
import type * as Published from './server/published';

/**
 * `npm run dev`: the same single port as production. The sync server and the store attach to
 * Vite's own HTTP server, and are published for the SvelteKit endpoints. The server modules are
 * loaded through Vite's SSR loader (not imported here) so that the config file stays small and
 * the server code is transformed like the rest of the app.
 */
function verkstadDevServer(): Plugin {
	return {
		name: 'verkstad-dev-server',
		apply: 'serve',
		configureServer(server) {
			const httpServer = server.httpServer;
			if (!httpServer) return; // middleware mode (e.g. under Vitest): nothing to attach to
			const started = (async () => {
				const { createVerkstad } = (await server.ssrLoadModule('/server/app.ts')) as typeof App;
				const { configFromEnv } = (await server.ssrLoadModule('/server/config.ts')) as typeof Config;
				const { publishVerkstad } = (await server.ssrLoadModule('/server/published.ts')) as typeof Published;
				const { serveOperator } = (await server.ssrLoadModule('/server/http/operator.ts')) as typeof Operator;
				const config = configFromEnv();
				const app = await createVerkstad(config);
				publishVerkstad(app);
				httpServer.on('close', () => void app.close());
				const operator = { readiness: app.readiness, metrics: app.metrics, metricsToken: config.metricsToken };
				return { app, serveOperator: serveOperator.bind(null, operator) };
			})();
			started.catch((e: unknown) => server.config.logger.error(`Verkstad did not start: ${String(e)}`));
			httpServer.on('upgrade', (req, socket, head) => {
				// Vite's HMR websocket shares this server; only /sync/* is ours.
				if (!req.url?.startsWith('/sync/')) return;
				void started.then(({ app }) => app.rooms.handleUpgrade(req, socket, head), () => socket.destroy());
			});
			// /healthz, /readyz and /metrics as in production (server/index.ts), before SvelteKit's pages.
			server.middlewares.use((req, res, next) => {
				started.then(({ serveOperator }) => serveOperator(req, res) || next(), next);
			});
		}
	};
}

export default defineConfig({
	plugins: [
		// The messages (messages/*.json) compiled to src/lib/paraglide; `npm run messages` does the
		// same for svelte-check and the tests. The plugin module is read from node_modules
		// (project.inlang/settings.json), so compiling needs no network.
		paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide', emitTsDeclarations: true }),
		sveltekit(),
		verkstadDevServer()
	],
	build: {
		rollupOptions: {
			// src/lib/board is pure (DESIGN.md): importing one of its modules does nothing but define
			// things. Told so, the bundler leaves out of a page what the page does not use, through the
			// `$board` barrel too: the templates, the summary and export code stay off the board page.
			treeshake: { moduleSideEffects: (id: string) => !id.includes('/src/lib/board/') }
		}
	}
});
