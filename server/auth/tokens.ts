/**
 * Signed tokens. No accounts: a token is the whole identity of a person in one workshop.
 * Wire format: base64url(JSON claims) "." base64url(HMAC-SHA256(secret, first part)).
 * The secret is generated once and kept in the store's settings (inside DATA_DIR).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const claimsSchema = z.discriminatedUnion('role', [
	z.object({ role: z.literal('facilitator'), code: z.string(), exp: z.number() }),
	z.object({
		role: z.literal('participant'),
		code: z.string(),
		participantId: z.string(),
		groupId: z.string(),
		exp: z.number()
	})
]);

export type Claims = z.infer<typeof claimsSchema>;
export type NewClaims =
	| { role: 'facilitator'; code: string }
	| { role: 'participant'; code: string; participantId: string; groupId: string };

export type VerifyResult = { ok: true; claims: Claims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export class Tokens {
	readonly #secret: Buffer;

	constructor(secret: string) {
		if (secret.length < 32) throw new Error('token secret must be at least 32 characters');
		this.#secret = Buffer.from(secret);
	}

	sign(claims: NewClaims, now = Date.now(), ttlMs = TOKEN_TTL_MS): string {
		const body = Buffer.from(JSON.stringify({ ...claims, exp: now + ttlMs })).toString('base64url');
		return `${body}.${this.#mac(body)}`;
	}

	verify(token: string, now = Date.now()): VerifyResult {
		const [body, mac, extra] = token.split('.');
		if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
		const expected = Buffer.from(this.#mac(body));
		const given = Buffer.from(mac);
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
			return { ok: false, reason: 'signature' };
		}
		let json: unknown;
		try {
			json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
		} catch {
			return { ok: false, reason: 'malformed' };
		}
		const parsed = claimsSchema.safeParse(json);
		if (!parsed.success) return { ok: false, reason: 'malformed' };
		if (parsed.data.exp <= now) return { ok: false, reason: 'expired' };
		return { ok: true, claims: parsed.data };
	}

	#mac(body: string): string {
		return createHmac('sha256', this.#secret).update(body).digest('base64url');
	}
}
