/**
 * `npm start`: one Node process on one port. /healthz, /readyz and /metrics are answered here
 * (server/http/operator.ts); pages and /api/* go to the SvelteKit handler built by `vite build`
 * (adapter-node), /sync/* upgrades go to the sync server. SIGTERM and SIGINT make /readyz say 503
 * at once and flush every room to the store before the process exits. `npm run build` compiles this file to
 * build/verkstad/index.js (scripts/build.js), which is what `npm start` runs.
 */
import fs from 'node:fs';
import http from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WORKSHOP_FILE_BYTES_MAX } from '../src/lib/board/limits';
import { PICTURE_MAX_BYTES } from '../src/lib/pictures';
import { said } from '../src/lib/said';
import { securityHeaders } from '../src/lib/server/security-headers';
import { createVerkstad } from './app';
import { configFromEnv } from './config';
import { serveOperator } from './http/operator';
import { cookieLocale, say } from './http/say';
import { publishVerkstad } from './published';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;

/** How long a SIGTERM waits for the rooms to flush and the store to close (a common orchestrator grace period). */
const SHUTDOWN_DEADLINE_MS = 30_000;

/** The answer while draining, said in the person's language (the request never reaches SvelteKit's middleware). */
const RESTARTING = said('error_restarting');

// Compiled, this module is build/verkstad/index.js and the handler is one folder up; run from
// source (tsx), it is server/index.ts and the handler is in build/.
const compiled = !import.meta.url.endsWith('.ts');
const handlerFile = fileURLToPath(new URL(compiled ? '../handler.js' : '../build/handler.js', import.meta.url));

async function main(): Promise<void> {
	const config = configFromEnv();
	if (!fs.existsSync(handlerFile)) {
		throw new Error(`${handlerFile} is missing: run \`npm run build\` first (npm start does this for you)`);
	}
	const app = await createVerkstad(config);
	publishVerkstad(app);
	// adapter-node assumes https unless told; this server speaks plain http itself, and a TLS proxy
	// in front says so with X-Forwarded-Proto. Read before the handler module loads.
	process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
	if (config.publicUrl) process.env.ORIGIN ??= config.publicUrl;
	// adapter-node refuses bodies over 512 KB by default; a workshop file (with its pictures) may be
	// 50 MB and a picture 10 MB. Every endpoint still counts the bytes and stops at its own limit
	// (server/http/body.ts); the headroom lets it refuse an oversize body itself, with a sentence.
	process.env.BODY_SIZE_LIMIT ??= String(Math.max(WORKSHOP_FILE_BYTES_MAX, PICTURE_MAX_BYTES) + 64 * 1024);
	const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler };
	const operator = { readiness: app.readiness, metrics: app.metrics, metricsToken: config.metricsToken };

	const server = http.createServer((req, res) => {
		req.headers['x-forwarded-proto'] ??= 'http';
		// The built assets are served by adapter-node before any SvelteKit hook runs, so the
		// headers go on here; a page's own policy (kit.csp) replaces the CSP when SvelteKit
		// writes its headers.
		for (const [name, value] of Object.entries(securityHeaders(false))) res.setHeader(name, value);
		if (serveOperator(operator, req, res)) return;
		// Draining: the rooms are closing, so the app could only fail; the proxy tries another instance.
		if (app.readiness.draining) {
			res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' });
			res.end(JSON.stringify({ error: say(RESTARTING, cookieLocale(req.headers.cookie)), code: RESTARTING.code, params: {} }));
			return;
		}
		handler(req, res);
	});
	server.on('upgrade', (req, socket, head) => {
		if (req.url?.startsWith('/sync/')) app.rooms.handleUpgrade(req, socket, head);
		else socket.destroy();
	});

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		app.log.info('stopping', { signal });
		// Every acknowledged edit is already committed, so a shutdown step that never settles must
		// not hold the port forever: past the deadline the process leaves, and says so (the log's
		// last "closing" line names the step).
		setTimeout(() => {
			app.log.error('shutdown did not finish in time; exiting', { step: 'shutdown', deadlineMs: SHUTDOWN_DEADLINE_MS });
			process.exit(1);
		}, SHUTDOWN_DEADLINE_MS).unref();
		// The port stays open while the rooms flush, so that /readyz can say 503 (draining) to the
		// proxy's probes; app.close() says so from its first line.
		await app.close();
		server.close();
		server.closeAllConnections();
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));

	server.listen(config.port, config.host, () => {
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : config.port;
		app.log.info('listening', { url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`, dataDir: config.dataDir });
	});
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
