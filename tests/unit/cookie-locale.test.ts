import { describe, expect, it } from 'vitest';
import { cookieLocale } from '../../server/http/say';
import { cookieName } from '../../src/lib/paraglide/runtime';

describe("the language of a request the server answers before SvelteKit's middleware", () => {
	it("is the person's language cookie, among others, else Swedish", () => {
		expect(cookieLocale(`theme=dark; ${cookieName}=en; other=1`)).toBe('en');
		expect(cookieLocale(`${cookieName}=en`)).toBe('en');
		expect(cookieLocale(`${cookieName}=sv`)).toBe('sv');
		expect(cookieLocale(`${cookieName}=fr`)).toBe('sv');
		expect(cookieLocale(`not_${cookieName}=en`)).toBe('sv');
		expect(cookieLocale(undefined)).toBe('sv');
	});
});
