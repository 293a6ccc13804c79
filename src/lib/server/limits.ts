/**
 * Rate limits per client address on the calls that make something new on the server, and on the
 * lookups of join codes. Each counts attempts, before the body is read, and answers 429 with a
 * Retry-After and a sentence (by code) once the address is over. The limits and their numbers are in
 * server/http/rate-limits.ts, shared between instances through Redis when it is configured. They
 * bound how fast one address can fill the disk; the free-space floor (server/store/free-space.ts)
 * bounds how far anyone can.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { clientAddress as addressOf } from '$server/http/client-address';
import type { LimitName } from '$server/http/rate-limits';
import { UserError } from '$server/http/user-error';
import type { MessageKey } from '$lib/said';
import { publishedVerkstad } from '$server/published';

/** The client's address: the configured proxy header's, else the TCP peer (server/http/client-address.ts). */
function clientAddress(event: RequestEvent): string {
	const { config } = publishedVerkstad();
	const header = config.addressHeader === null ? null : event.request.headers.get(config.addressHeader);
	return addressOf(config, header, () => {
		try {
			return event.getClientAddress();
		} catch {
			return undefined;
		}
	});
}

/** Counts one attempt from this client's address; throws a 429 UserError with Retry-After when it is over. */
/** The sentence of a limit: one that takes no inputs. */
type LimitMessage = Extract<MessageKey, `error_limit_${string}`>;

export async function limitByAddress(event: RequestEvent, limit: LimitName, message: LimitMessage): Promise<void> {
	const taken = await publishedVerkstad().rateLimits.take(limit, clientAddress(event));
	if (taken.ok) return;
	const refused = new UserError(429, message);
	refused.retryAfterSeconds = taken.retryAfterSeconds;
	throw refused;
}

export function limitWorkshopCreation(event: RequestEvent): Promise<void> {
	return limitByAddress(event, 'workshopCreation', 'error_limit_workshop_creation');
}

export function limitWorkshopImport(event: RequestEvent): Promise<void> {
	return limitByAddress(event, 'workshopImport', 'error_limit_workshop_import');
}

export function limitTemplateImport(event: RequestEvent): Promise<void> {
	return limitByAddress(event, 'templateImport', 'error_limit_template_import');
}
