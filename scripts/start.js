/**
 * `npm start`: builds the app when build/ is missing or older than the sources, and otherwise
 * leaves it alone (one log line says which), then runs the compiled server in this process, so
 * that a SIGTERM to this process reaches the server directly (npm itself does not pass it on).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVER_ENTRY, ensureFreshBuild } from './build-state.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg, fields) => console.log(JSON.stringify({ t: new Date().toISOString(), level: 'info', msg, ...fields }));

ensureFreshBuild(root, log);
await import(pathToFileURL(path.join(root, SERVER_ENTRY)).href);
