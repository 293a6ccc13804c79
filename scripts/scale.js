/**
 * `npm run scale`: Verkstad at scale on one machine, for a developer: two instances of the compiled
 * server on one PostgreSQL and one Redis, behind nginx (deploy/nginx.conf), at one address.
 *
 *   DATABASE_URL   postgres://postgres@127.0.0.1:5432/test?schema=verkstad_scale unless set
 *   REDIS_URL      redis://127.0.0.1:6379 unless set
 *   SCALE_PORT     where nginx listens (8080); the instances take the next ports up
 *   SCALE_INSTANCES how many instances (2)
 *   REDIS_PREFIX   the instances' Redis key prefix (verkstad:)
 *   NGINX          the nginx binary (nginx on the PATH, else /usr/sbin/nginx; Debian: apt-get install nginx-light)
 *
 * Ctrl-C (or SIGTERM) stops nginx and drains every instance. One instance that dies is left dead,
 * so that you can watch its clients move to the other; start the script again to restore it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_ENTRY, ensureFreshBuild } from './build-state.js';
import { findNginx, startProxy, waitUntilAnswering } from './scale-proxy.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg, fields) => console.log(JSON.stringify({ t: new Date().toISOString(), level: 'info', msg, service: 'scale', ...fields }));

const proxyPort = Number(process.env.SCALE_PORT ?? 8080);
const instanceCount = Number(process.env.SCALE_INSTANCES ?? 2);
const nginx = findNginx();
const env = {
	...process.env,
	// A user named, not left to $USER (unset under many process managers); a schema of its own in `test`.
	DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test?schema=verkstad_scale',
	REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
	HOST: '127.0.0.1',
	// nginx appends the client's address to X-Forwarded-For; the rightmost entry is the one it added.
	ADDRESS_HEADER: 'X-Forwarded-For',
	XFF_DEPTH: '1',
	PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${proxyPort}`
};

if (!nginx) {
	console.error(`nginx was not found${process.env.NGINX ? ` ("${process.env.NGINX}")` : ''}. Install it (Debian: apt-get install nginx-light) or set NGINX to its path.`);
	process.exit(1);
}
ensureFreshBuild(root, log);

/** Set once Ctrl-C or SIGTERM asked to stop, so that the exits that follow are not reported as deaths. */
let stopping = false;
const ports = Array.from({ length: instanceCount }, (_, i) => proxyPort + 1 + i);
const children = ports.map((port) => {
	const child = spawn(process.execPath, [path.join(root, SERVER_ENTRY)], { cwd: root, env: { ...env, PORT: String(port) }, stdio: 'inherit' });
	child.on('exit', (code, signal) => {
		if (!stopping) log('instance stopped', { port, code, signal });
	});
	return child;
});
await Promise.all(ports.map((port) => waitUntilAnswering(`http://127.0.0.1:${port}/healthz`)));
const proxy = await startProxy({ root, nginx, listen: `127.0.0.1:${proxyPort}`, ports });
proxy.on('exit', (code) => {
	if (!stopping) log('nginx stopped', { code });
});
log('serving at scale', { url: env.PUBLIC_URL, instances: ports.map((port) => `http://127.0.0.1:${port}`) });

async function stop() {
	if (stopping) return;
	stopping = true;
	const running = [proxy, ...children].filter((child) => child.exitCode === null && child.signalCode === null);
	await Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))));
	process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
