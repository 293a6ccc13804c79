import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// server/index.ts wraps the generated handler so that pages, /api and /sync share one port.
		adapter: adapter({ out: 'build' }),
		// Pages only run our own bundled scripts: SvelteKit adds a nonce for its inline bootstrap
		// script (no page is prerendered, so 'auto' means nonces). Styles: our CSS is in files, but
		// Svelte templates and app.html carry static style="" attributes, which CSP counts as
		// inline; 'unsafe-inline' is allowed for attributes only, never for <style> or <script>.
		// Dynamic style values are set through the CSSOM, which CSP does not restrict.
		// img-src 'self': uploaded pictures are served from our origin, and the QR code is inline
		// SVG; no data: or blob: image is shown (blob: URLs are only downloads, which img-src does
		// not govern). connect-src 'self' covers the websocket at ws(s)://<this host>/sync
		// (tests/e2e/security-headers.spec.ts opens a board under this policy).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		alias: {
			$board: 'src/lib/board',
			$server: 'server'
		}
	}
};

export default config;
