import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// server/index.ts wraps the generated handler so that pages, /api and /sync share one port.
		adapter: adapter({ out: 'build' }),
		alias: {
			$board: 'src/lib/board',
			$server: 'server'
		}
	}
};

export default config;
