/**
 * The pieces of `npm run scale` (scripts/scale.js) that the scaled test harness and the scale bench
 * (tests/e2e/scaled-server.ts) use too: nginx in front of the instances, from deploy/nginx.conf,
 * and waiting until a server answers. Plain JavaScript so that scale.js runs with nothing but Node.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The nginx binary: $NGINX, else nginx on the PATH, else Debian's /usr/sbin/nginx (not on a user's PATH). */
export function findNginx(env = process.env) {
	const candidates = env.NGINX ? [env.NGINX] : ['nginx', '/usr/sbin/nginx'];
	return candidates.find((binary) => !spawnSync(binary, ['-v'], { stdio: 'ignore' }).error) ?? null;
}

/**
 * Starts nginx on `listen` (host:port) in front of the instances on `ports` of 127.0.0.1, in a temp
 * prefix of its own. `stdio` as for spawn: 'inherit' for a developer, pipes for a test. Resolves
 * once a request through nginx reaches an instance; rejects if nginx exits first (a port in use, a
 * bad file: it says why on its stderr).
 */
export async function startProxy({ root, nginx, listen, ports, stdio = 'inherit' }) {
	const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-nginx-'));
	fs.mkdirSync(path.join(prefix, 'tmp'));
	const template = fs.readFileSync(path.join(root, 'deploy', 'nginx.conf'), 'utf8');
	fs.writeFileSync(
		path.join(prefix, 'nginx.conf'),
		template
			.replace('{{LISTEN}}', listen)
			.replace('{{UPSTREAMS}}', ports.map((port) => `\t\tserver 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`).join('\n'))
	);
	const child = spawn(nginx, ['-p', prefix, '-c', 'nginx.conf', '-g', 'daemon off;'], { stdio });
	let failed = null;
	child.once('error', (error) => (failed = error));
	child.once('exit', (code, signal) => {
		fs.rmSync(prefix, { recursive: true, force: true });
		failed ??= new Error(`nginx exited (${signal ?? code}) before it served`);
	});
	await waitUntilAnswering(`http://${listen}/healthz`, { giveUp: () => failed });
	return child;
}

/**
 * Polls `url` (a /healthz or /readyz) until it answers 200, for at most `timeoutMs`; throws what
 * `giveUp` returns as soon as it returns an error (the process that should answer has died).
 */
export async function waitUntilAnswering(url, { timeoutMs = 60_000, giveUp = () => null } = {}) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const reason = giveUp();
		if (reason) throw reason;
		const answered = await fetch(url).then(
			(response) => response.ok,
			() => false
		);
		if (answered) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}
