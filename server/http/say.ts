/**
 * Says a code (src/lib/said.ts) on the server, where every message is at hand: in the request's
 * language (Paraglide's middleware keeps it per request) unless a locale is given.
 */
import { m } from '../../src/lib/paraglide/messages';
import { cookieName } from '../../src/lib/paraglide/runtime';
import { sayWith, type MessageFunction, type Said } from '../../src/lib/said';

const messages = m as unknown as Record<string, MessageFunction | undefined>;

export function say(said: Said, locale?: 'sv' | 'en'): string {
	// Every code is type-checked against the messages, so this only falls back on a stale build.
	return sayWith((code) => messages[code], said, locale) ?? said.code;
}

const LANGUAGE_COOKIE = new RegExp(`(?:^|;)\\s*${cookieName}=(sv|en)\\s*(?:;|$)`);

/**
 * The language of a request that never reaches SvelteKit (server/index.ts answers it itself):
 * the person's language cookie, else Swedish, as Paraglide's middleware decides.
 */
export function cookieLocale(cookie: string | undefined): 'sv' | 'en' {
	return (LANGUAGE_COOKIE.exec(cookie ?? '')?.[1] as 'sv' | 'en' | undefined) ?? 'sv';
}
