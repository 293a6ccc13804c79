/**
 * `npm run build`: the SvelteKit app (vite build, adapter-node, into build/) and then the server
 * (server/index.ts and what it imports from server/ and src/lib) compiled to plain JavaScript in
 * build/verkstad/, so that `npm start` runs it with Node alone. npm packages stay external: Node
 * loads them from node_modules as usual. ESM with code splitting keeps the lazy `import()`s
 * (docx and PDF exports, theme suggestions) in chunks of their own that load on first use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as compile } from 'esbuild';
import { build as viteBuild } from 'vite';
import { BUILD_STAMP, SERVER_ENTRY } from './build-state.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Taken before anything is read: a source saved during the build makes the next start rebuild.
const startedAt = new Date();

await viteBuild({ root });

// adapter-node has emptied build/, so no chunk of an earlier server is left beside the new ones.
await compile({
	absWorkingDir: root,
	entryPoints: { [path.basename(SERVER_ENTRY, '.js')]: 'server/index.ts' },
	outdir: path.join(root, path.dirname(SERVER_ENTRY)),
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	chunkNames: 'chunks/[name]-[hash]',
	logLevel: 'warning'
});

const stamp = path.join(root, BUILD_STAMP);
fs.writeFileSync(stamp, `${startedAt.toISOString()}\n`);
fs.utimesSync(stamp, startedAt, startedAt);
