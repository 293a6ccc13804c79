/**
 * `npm start`: builds the app when build/ is missing or older than the sources, and otherwise
 * leaves it alone (one log line says which), then runs the compiled server in this process, so
 * that a SIGTERM to this process reaches the server directly (npm itself does not pass it on).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVER_ENTRY, buildState } from './build-state.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const state = buildState(root);
const log = (msg, fields) => console.log(JSON.stringify({ t: new Date().toISOString(), level: 'info', msg, ...fields }));

if (state.fresh) {
	log('serving the existing build', { build: 'fresh' });
} else {
	log('building first', { build: 'stale', reason: state.reason });
	const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], { cwd: root, stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}
await import(pathToFileURL(path.join(root, SERVER_ENTRY)).href);
