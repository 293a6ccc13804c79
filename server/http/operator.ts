/**
 * The operator's endpoints, answered by the Node server itself before SvelteKit (server/index.ts,
 * and the dev server in vite.config.ts), so that they stay up while the app drains and never
 * depend on a page's code:
 *   GET /healthz  liveness: 200 while the process and its event loop answer;
 *   GET /readyz   readiness (readiness.ts): 200, or 503 with the reason, draining included;
 *   GET /metrics  Prometheus text (metrics.ts); with METRICS_TOKEN set, only for
 *                 `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise).
 * Each answer is JSON or text with no cache, and nothing else under these paths is handled.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '../metrics';
import type { Readiness } from './readiness';

export interface OperatorDeps {
	readiness: Readiness;
	metrics: Metrics;
	metricsToken: string | null;
}

/** Answers the request if it is one of the operator's endpoints; false leaves it to the app. */
export function serveOperator(deps: OperatorDeps, req: IncomingMessage, res: ServerResponse): boolean {
	const path = (req.url ?? '/').split('?', 1)[0];
	const endpoint = path === '/healthz' ? liveness : path === '/readyz' ? readiness : path === '/metrics' ? metrics : null;
	if (!endpoint) return false;
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		send(res, 405, 'application/json', JSON.stringify({ error: 'Endast GET.' }), { allow: 'GET, HEAD' });
		return true;
	}
	endpoint(deps, req, res).catch((err: unknown) => {
		if (!res.headersSent) send(res, 500, 'application/json', JSON.stringify({ error: String(err) }));
		else res.destroy();
	});
	return true;
}

type Endpoint = (deps: OperatorDeps, req: IncomingMessage, res: ServerResponse) => Promise<void>;

const liveness: Endpoint = async (_deps, _req, res) => send(res, 200, 'application/json', JSON.stringify({ ok: true }));

const readiness: Endpoint = async ({ readiness }, _req, res) => {
	const answer = await readiness.answer();
	send(res, answer.status, 'application/json', JSON.stringify(answer.body));
};

const metrics: Endpoint = async ({ metrics, metricsToken }, req, res) => {
	if (metricsToken !== null && !bearerIs(req.headers.authorization, metricsToken)) {
		return send(res, 401, 'application/json', JSON.stringify({ error: 'Ange METRICS_TOKEN som Bearer-token.' }), {
			'www-authenticate': 'Bearer'
		});
	}
	const { contentType, body } = await metrics.scrape();
	send(res, 200, contentType, body);
};

function bearerIs(header: string | undefined, token: string): boolean {
	const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '');
	const expected = Buffer.from(token);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
	res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', ...headers });
	res.end(res.req.method === 'HEAD' ? undefined : body);
}
