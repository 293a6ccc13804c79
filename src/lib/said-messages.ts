/**
 * The messages a refusal from the server can name (keys error_* and import_*), loaded by
 * api-client.ts with a dynamic import when the first refusal arrives: a page that is never
 * refused never downloads them, and the board's first render stays as small as before.
 */
import { sayWith, type MessageFunction, type Said } from './said';

const modules = import.meta.glob<Record<string, MessageFunction>>(['./paraglide/messages/error_*.js', './paraglide/messages/import_*.js'], {
	eager: true
});

const messages = new Map<string, MessageFunction>();
for (const module of Object.values(modules)) for (const [key, fn] of Object.entries(module)) messages.set(key, fn);

/** The sentence of `said` in the page's current language, or null for a code this build does not know. */
export function sayHere(said: Said): string | null {
	return sayWith((code) => messages.get(code), said);
}
