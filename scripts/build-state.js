/**
 * Whether `build/` still matches the sources, for `npm start` (scripts/start.js). Plain
 * JavaScript so that it runs before anything is built, with nothing but Node.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What `npm run build` reads: a change to any of these makes the build stale. */
export const BUILD_INPUTS = [
	'src',
	'server',
	'static',
	'scripts/build.js',
	'scripts/build-state.js',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json'
];

/** What `npm start` runs; the stamp's mtime is when the build that made them started. */
export const SERVER_ENTRY = 'build/verkstad/index.js';
export const BUILD_STAMP = 'build/verkstad/built-at';
const BUILD_OUTPUTS = [SERVER_ENTRY, 'build/handler.js', BUILD_STAMP];

/** The newest file under `target` (a file or a folder), or null when there is none. */
function newestFile(target) {
	let stat;
	try {
		stat = fs.statSync(target);
	} catch {
		return null;
	}
	if (!stat.isDirectory()) return { file: target, mtimeMs: stat.mtimeMs };
	let newest = null;
	for (const entry of fs.readdirSync(target)) {
		const found = newestFile(path.join(target, entry));
		if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
	}
	return newest;
}

/**
 * `{ fresh: true }` when every output exists and no input changed since the build started;
 * otherwise `{ fresh: false, reason }`, the reason naming the missing output or the changed input.
 */
export function buildState(root) {
	const missing = BUILD_OUTPUTS.find((file) => !fs.existsSync(path.join(root, file)));
	if (missing) return { fresh: false, reason: `${missing} is missing` };
	const builtAtMs = fs.statSync(path.join(root, BUILD_STAMP)).mtimeMs;
	for (const input of BUILD_INPUTS) {
		const newest = newestFile(path.join(root, input));
		if (newest && newest.mtimeMs > builtAtMs) {
			return { fresh: false, reason: `${path.relative(root, newest.file)} changed after the last build` };
		}
	}
	return { fresh: true };
}

/**
 * Builds when build/ is missing or stale (`npm start`, `npm run scale`), logging which; exits
 * the process when the build fails.
 */
export function ensureFreshBuild(root, log) {
	const state = buildState(root);
	if (state.fresh) {
		log('serving the existing build', { build: 'fresh' });
		return;
	}
	log('building first', { build: 'stale', reason: state.reason });
	const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], { cwd: root, stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}
