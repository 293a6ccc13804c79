/**
 * Rate limits per client address on the calls that make something new on the server. Each counts
 * attempts, before the body is read, in a fixed window of an hour, and answers 429 with a
 * Retry-After and a sentence once the address is over. They bound how fast one address can fill
 * the disk; the free-space floor (server/store/free-space.ts) bounds how far anyone can.
 *
 * The numbers are set so that a real facilitator never meets them, even behind a shared address:
 * a region's planning day may create a dozen workshops from one office NAT, and move a few
 * between servers by export and import.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { UserError } from '$server/http/user-error';
import { RateLimiter } from './rate-limit';

const HOUR = 60 * 60 * 1000;

/** 30 an hour: a whole day's dozen fits twice in one hour. A workshop costs tens of KB. */
const workshopCreations = new RateLimiter({ limit: 30, windowMs: HOUR });
/**
 * 20 an hour: imports move or restore workshops, a few a day. One may carry 50 MB of pictures,
 * so one address adds at most 1 GB an hour, and the free-space floor stops it before the disk fills.
 */
const workshopImports = new RateLimiter({ limit: 20, windowMs: HOUR });
/** 20 an hour: a template file is small, and the server keeps at most OWN_TEMPLATES_MAX of them. */
const templateImports = new RateLimiter({ limit: 20, windowMs: HOUR });

/** The client's address, or 'unknown' where the adapter cannot tell (then everyone shares one bucket, which errs on the safe side). */
export function clientAddress(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** Counts one attempt from this client's address; throws a 429 UserError with Retry-After when it is over. */
export function limitByAddress(event: RequestEvent, limiter: RateLimiter, message: string): void {
	const address = clientAddress(event);
	if (!limiter.take(address)) throw new UserError(429, message, limiter.retryAfterSeconds(address));
}

export function limitWorkshopCreation(event: RequestEvent): void {
	limitByAddress(event, workshopCreations, 'Många workshoppar har skapats härifrån på kort tid. Vänta en stund och försök igen.');
}

export function limitWorkshopImport(event: RequestEvent): void {
	limitByAddress(event, workshopImports, 'Många workshoppar har lästs in härifrån på kort tid. Vänta en stund och försök igen.');
}

export function limitTemplateImport(event: RequestEvent): void {
	limitByAddress(event, templateImports, 'Många mallar har lästs in härifrån på kort tid. Vänta en stund och försök igen.');
}
