/**
 * A sentence said by code: a message key (messages/*.json) and its inputs, so that it can cross
 * the wire (`{ error, code, params }` from the API) and be said in whichever language the reader
 * has, now or after they switch. An input may itself be a Said (a field's name inside a sentence
 * about it, a file check inside "the file cannot be read: …"); it is said first, in the same
 * language, without its closing full stop, since the sentence around it ends itself.
 *
 * This module holds no message text: the server says a code with every message at hand
 * (server/http/say.ts), the browser with the ones it loads when a refusal first arrives
 * (said-messages.ts), so the pages' first JavaScript never carries the errors.
 */
import type { m } from './paraglide/messages';
import type { RefusalKey } from './said-messages';

type Messages = typeof m;
/** A key a sentence said by code may name: one of the messages a page can load for it (said-messages.ts). */
export type MessageKey = RefusalKey;
/** What a message takes, as Paraglide compiled it: a typo in a key or an input name fails the check. */
export type InputsOf<K extends MessageKey> = Exclude<Parameters<Messages[K]>[0], undefined>;

export type SaidInput = string | number | Said;

export interface Said {
	code: MessageKey;
	params?: Record<string, SaidInput>;
}

/** `params` is required exactly when the message takes inputs. */
export type SaidArgs<K extends MessageKey> = object extends InputsOf<K> ? [params?: InputsOf<K>] : [params: InputsOf<K>];

export function said<K extends MessageKey>(code: K, ...[params]: SaidArgs<K>): Said {
	return params === undefined ? { code } : { code, params: params as Record<string, SaidInput> };
}

/** A message function as every compiled message is one; `locale` absent means the current language. */
export type MessageFunction = (inputs: Record<string, unknown>, options: { locale?: 'sv' | 'en' }) => string;

/** Whether a value that came over the wire is a Said (its code still has to be known to be said). */
export function isSaid(value: unknown): value is Said {
	if (typeof value !== 'object' || value === null) return false;
	const { code, params } = value as { code?: unknown; params?: unknown };
	return typeof code === 'string' && (params === undefined || (typeof params === 'object' && params !== null && !Array.isArray(params)));
}

/**
 * The sentence of `said` in `locale` (else the current language), with `lookup` finding each
 * message; null when a code, its own or a nested one, is not among them.
 */
export function sayWith(lookup: (code: string) => MessageFunction | undefined, said: Said, locale?: 'sv' | 'en'): string | null {
	const message = lookup(said.code);
	if (!message) return null;
	const inputs: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(said.params ?? {})) {
		if (isSaid(value)) {
			const inner = sayWith(lookup, value, locale);
			if (inner === null) return null;
			inputs[name] = inner.replace(/\.$/, '');
		} else inputs[name] = value;
	}
	return message(inputs, locale === undefined ? {} : { locale });
}
