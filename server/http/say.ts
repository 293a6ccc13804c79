/**
 * Says a code (src/lib/said.ts) on the server, where every message is at hand: in the request's
 * language (Paraglide's middleware keeps it per request) unless a locale is given.
 */
import { m } from '../../src/lib/paraglide/messages';
import { sayWith, type MessageFunction, type Said } from '../../src/lib/said';

const messages = m as unknown as Record<string, MessageFunction | undefined>;

export function say(said: Said, locale?: 'sv' | 'en'): string {
	// Every code is type-checked against the messages, so this only falls back on a stale build.
	return sayWith((code) => messages[code], said, locale) ?? said.code;
}
