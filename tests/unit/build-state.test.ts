/** `npm start`'s decision (scripts/build-state.js): serve the build as it is, or build first. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_STAMP, SERVER_ENTRY, buildState } from '../../scripts/build-state.js';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const SOURCES_AT = new Date('2026-01-01T10:00:00Z');
const BUILT_AT = new Date('2026-01-01T11:00:00Z');
const LATER = new Date('2026-01-01T12:00:00Z');

function write(root: string, file: string, at: Date): void {
	const full = path.join(root, file);
	fs.mkdirSync(path.dirname(full), { recursive: true });
	fs.writeFileSync(full, file);
	fs.utimesSync(full, at, at);
}

/** A project whose sources were last saved an hour before its build started. */
function builtProject(): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-build-state-'));
	dirs.push(root);
	for (const source of ['src/lib/board/note.ts', 'src/routes/+page.svelte', 'server/index.ts', 'static/favicon.svg', 'svelte.config.js', 'package-lock.json']) {
		write(root, source, SOURCES_AT);
	}
	for (const output of [SERVER_ENTRY, 'build/handler.js', BUILD_STAMP]) write(root, output, BUILT_AT);
	return root;
}

describe('buildState', () => {
	it('calls a build fresh when no source changed after it started', () => {
		expect(buildState(builtProject())).toEqual({ fresh: true });
	});

	it('calls it stale when a source file, however deep, changed after the build started', () => {
		const root = builtProject();
		write(root, 'src/lib/board/note.ts', LATER);
		expect(buildState(root)).toEqual({ fresh: false, reason: 'src/lib/board/note.ts changed after the last build' });
	});

	it('calls it stale when a new file appeared in a source folder, or a config or the lock file changed', () => {
		for (const changed of ['server/sync/new-module.ts', 'static/robots.txt', 'svelte.config.js', 'package-lock.json']) {
			const root = builtProject();
			write(root, changed, LATER);
			expect(buildState(root)).toEqual({ fresh: false, reason: `${changed} changed after the last build` });
		}
	});

	it('judges by when the build started, not by the outputs it wrote later', () => {
		const root = builtProject();
		// Saved while the build ran: the server was compiled later, but perhaps from the old text.
		write(root, 'server/index.ts', new Date(BUILT_AT.getTime() + 1000));
		write(root, SERVER_ENTRY, LATER);
		expect(buildState(root).fresh).toBe(false);
	});

	it('calls it stale when the compiled server, the SvelteKit handler or the stamp is missing', () => {
		for (const output of [SERVER_ENTRY, 'build/handler.js', BUILD_STAMP]) {
			const root = builtProject();
			fs.rmSync(path.join(root, output));
			expect(buildState(root)).toEqual({ fresh: false, reason: `${output} is missing` });
		}
	});

	it('calls a project that was never built stale', () => {
		const root = builtProject();
		fs.rmSync(path.join(root, 'build'), { recursive: true });
		expect(buildState(root).fresh).toBe(false);
	});
});
