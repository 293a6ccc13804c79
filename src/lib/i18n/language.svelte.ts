/**
 * A person's interface language in the browser. The server decides it for the first render (the
 * language cookie, else Swedish: hooks.server.ts) and writes it into `<html lang>`; the browser
 * starts from that attribute, so server and client always agree. A choice is kept in the same
 * cookie (a year), so that the next page the server renders is in it too.
 *
 * Paraglide's messages ask `getLocale()` for the language; in the browser it is pointed at a rune
 * here, so every message on screen follows a switch at once, without a reload. The person's other
 * tabs follow too (a BroadcastChannel): the projector, which has no switch of its own on the big
 * screen, speaks whatever the facilitator picks in the control room.
 */
import { m } from '$lib/paraglide/messages';
import { cookieName, cookieMaxAge, isLocale, locales, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';

export type Language = Locale;

/** Every interface language (project.inlang/settings.json), Swedish (the source) first. */
export const LANGUAGES: readonly Language[] = locales;

const NAMES: Record<Language, () => string> = { sv: m.language_name_sv, en: m.language_name_en };

/** A language named in itself ("Svenska", "English"), as every choice between them shows it. */
export function languageName(code: Language): string {
	return NAMES[code]();
}

let current = $state<Language>('sv');
let otherTabs: BroadcastChannel | null = null;

/** Called once when the app starts in the browser (hooks.client.ts), before any page loads. */
export function startLanguage(): void {
	const rendered = document.documentElement.lang;
	current = isLocale(rendered) ? rendered : 'sv';
	overwriteGetLocale(() => current);
	otherTabs = new BroadcastChannel('verkstad-language');
	otherTabs.onmessage = (event: MessageEvent<unknown>) => {
		if (isLocale(event.data)) show(event.data);
	};
}

export function language(): Language {
	return current;
}

/** Whether this person has ever chosen a language (else a workshop may choose for them). */
export function hasChosenLanguage(): boolean {
	return document.cookie.split(';').some((part) => part.trim().startsWith(`${cookieName}=`));
}

/** Switches the interface, `<html lang>`, the person's other tabs and every later page the server renders. */
export function chooseLanguage(next: Language): void {
	document.cookie = `${cookieName}=${next}; path=/; max-age=${cookieMaxAge}; samesite=lax`;
	show(next);
	otherTabs?.postMessage(next);
}

function show(next: Language): void {
	document.documentElement.lang = next;
	current = next;
}
