/**
 * A refusal from the server is said in the language the page shows when a person reads it, not
 * in the one it arrived in: ApiError carries the server's code and inputs, and its message is
 * said from them each time it is read (the messages for the codes load on the first refusal).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, apiJson, errorMessage } from '../../src/lib/api-client';
import { m } from '../../src/lib/paraglide/messages';
import { getLocale, overwriteGetLocale } from '../../src/lib/paraglide/runtime';

const pageDefault = getLocale;
let pageLocale: 'sv' | 'en' = 'sv';

/** A fetch that answers every request with `status` and the JSON `body`. */
function answering(status: number, body: unknown): typeof fetch {
	return async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function refusalOf(status: number, body: unknown): Promise<ApiError> {
	const caught: unknown = await apiJson('/api/workshops/ABC', { fetch: answering(status, body) }).then(
		() => null,
		(e: unknown) => e
	);
	if (!(caught instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(caught)}`);
	return caught;
}

describe('an ApiError', () => {
	afterEach(() => {
		pageLocale = 'sv';
		overwriteGetLocale(pageDefault);
	});

	it("says the server's code in the page's current language, and again after a switch", async () => {
		overwriteGetLocale(() => pageLocale);
		const refused = await refusalOf(404, {
			error: 'Det finns ingen workshop med koden "ABC". Kontrollera koden och försök igen.',
			code: 'error_workshop_unknown',
			params: { code: 'ABC' }
		});
		expect(refused).toMatchObject({ status: 404, code: 'error_workshop_unknown', params: { code: 'ABC' } });
		expect(errorMessage(refused)).toBe('Det finns ingen workshop med koden "ABC". Kontrollera koden och försök igen.');
		pageLocale = 'en';
		expect(errorMessage(refused)).toBe('There is no workshop with the code "ABC". Check the code and try again.');
	});

	it('says a sentence inside a sentence in the same language, as a file check inside "the file cannot be read"', async () => {
		overwriteGetLocale(() => pageLocale);
		const problem = { code: 'import_too_long', params: { what: { code: 'import_what_note' }, max: 500 } };
		// The server answered in Swedish; the page shows English.
		pageLocale = 'en';
		const refused = await refusalOf(400, {
			error: 'Filen kan inte läsas in: En lapp får vara högst 500 tecken (i boards[0].notes[0].text).',
			code: 'import_unreadable_at',
			params: { problem, path: 'boards[0].notes[0].text' }
		});
		expect(refused.message).toBe('The file cannot be read: A note may be at most 500 characters (in boards[0].notes[0].text).');
		pageLocale = 'sv';
		expect(refused.message).toBe('Filen kan inte läsas in: En lapp får vara högst 500 tecken (i boards[0].notes[0].text).');
	});

	it("keeps the server's sentence for a code this page does not know (a newer server), and a status sentence without one", async () => {
		overwriteGetLocale(() => pageLocale);
		const newer = await refusalOf(409, { error: 'Något nytt gick fel.', code: 'error_from_a_newer_server', params: {} });
		pageLocale = 'en';
		expect(newer.message).toBe('Något nytt gick fel.');
		const bare = await refusalOf(502, 'Bad Gateway');
		expect(bare.message).toBe(m.api_server_failed({}, { locale: 'en' }));
		pageLocale = 'sv';
		expect(bare.message).toBe(m.api_server_failed({}, { locale: 'sv' }));
		expect(m.api_server_failed({}, { locale: 'sv' })).not.toBe(m.api_server_failed({}, { locale: 'en' }));
	});
});
