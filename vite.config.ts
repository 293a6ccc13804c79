import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * `npm run dev`: the same single port as production. The sync server and the store attach to
 * Vite's own HTTP server, and are published for the SvelteKit endpoints.
 */
function verkstadDevServer(): Plugin {
	return {
		name: 'verkstad-dev-server',
		apply: 'serve',
		async configureServer(server) {
			const httpServer = server.httpServer;
			if (!httpServer) return; // middleware mode (e.g. under Vitest): nothing to attach to
			const { createVerkstad } = await import('./server/app');
			const { configFromEnv } = await import('./server/config');
			const { publishVerkstad } = await import('./server/published');
			const app = await createVerkstad(configFromEnv());
			publishVerkstad(app);
			httpServer.on('upgrade', (req, socket, head) => {
				// Vite's HMR websocket shares this server; only /sync/* is ours.
				if (req.url?.startsWith('/sync/')) app.rooms.handleUpgrade(req, socket, head);
			});
			httpServer.on('close', () => void app.close());
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), verkstadDevServer()]
});
