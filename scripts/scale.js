/**
 * `npm run scale`: Verkstad at scale on one machine, for a developer: two instances of the compiled
 * server on one PostgreSQL and one Redis, behind nginx (deploy/nginx.conf), at one address.
 *
 *   DATABASE_URL   postgres://127.0.0.1:5432/test unless set
 *   REDIS_URL      redis://127.0.0.1:6379 unless set
 *   SCALE_PORT     where nginx listens (8080); the instances take the next ports up
 *   SCALE_INSTANCES how many instances (2)
 *   NGINX          the nginx binary (nginx on the PATH; Debian: apt-get install nginx-light)
 *
 * Ctrl-C (or SIGTERM) stops nginx and drains every instance. One instance that dies is left dead,
 * so that you can watch its clients move to the other; start the script again to restore it.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_ENTRY, ensureFreshBuild } from './build-state.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg, fields) => console.log(JSON.stringify({ t: new Date().toISOString(), level: 'info', msg, service: 'scale', ...fields }));

const proxyPort = Number(process.env.SCALE_PORT ?? 8080);
const instanceCount = Number(process.env.SCALE_INSTANCES ?? 2);
const nginx = process.env.NGINX ?? 'nginx';
const env = {
	...process.env,
	DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test',
	REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
	HOST: '127.0.0.1',
	// nginx appends the client's address to X-Forwarded-For; the rightmost entry is the one it added.
	ADDRESS_HEADER: 'X-Forwarded-For',
	XFF_DEPTH: '1',
	PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${proxyPort}`
};

if (spawnSync(nginx, ['-v'], { stdio: 'ignore' }).error) {
	console.error(`nginx was not found ("${nginx}"). Install it (Debian: apt-get install nginx-light) or set NGINX to its path.`);
	process.exit(1);
}
ensureFreshBuild(root, log);

const ports = Array.from({ length: instanceCount }, (_, i) => proxyPort + 1 + i);
const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-nginx-'));
fs.mkdirSync(path.join(prefix, 'tmp'));
const template = fs.readFileSync(path.join(root, 'deploy', 'nginx.conf'), 'utf8');
fs.writeFileSync(
	path.join(prefix, 'nginx.conf'),
	template
		.replace('{{LISTEN}}', `127.0.0.1:${proxyPort}`)
		.replace('{{UPSTREAMS}}', ports.map((port) => `\t\tserver 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`).join('\n'))
);

const children = ports.map((port) => {
	const child = spawn(process.execPath, [path.join(root, SERVER_ENTRY)], { cwd: root, env: { ...env, PORT: String(port) }, stdio: 'inherit' });
	child.on('exit', (code, signal) => {
		if (!stopping) log('instance stopped', { port, code, signal });
	});
	return child;
});
await Promise.all(ports.map(waitUntilServing));
const proxy = spawn(nginx, ['-p', prefix, '-c', 'nginx.conf', '-g', 'daemon off;'], { stdio: 'inherit' });
proxy.on('exit', (code) => {
	if (!stopping) log('nginx stopped', { code });
});
log('serving at scale', { url: env.PUBLIC_URL, instances: ports.map((port) => `http://127.0.0.1:${port}`) });

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	const running = [proxy, ...children].filter((child) => child.exitCode === null && child.signalCode === null);
	await Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))));
	fs.rmSync(prefix, { recursive: true, force: true });
	process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

/** Polls the instance's liveness until it answers, for at most a minute. */
async function waitUntilServing(port) {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		const answered = await fetch(`http://127.0.0.1:${port}/healthz`).then(
			(response) => response.ok,
			() => false
		);
		if (answered) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`the instance on port ${port} did not start within a minute; its log is above`);
}
