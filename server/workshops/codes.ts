/**
 * Join codes and facilitator keys.
 * A join code is 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L), easy to read
 * aloud: 31^6 ≈ 8.9e8 codes, so guessing one needs ~10^8 tries and the API rate-limits lookups.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 6;

export function newJoinCode(): string {
	let code = '';
	for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
	return code;
}

/** Accepts what people type: lower case, spaces and dashes ("k7p 4qx", "K7P-4QX"). */
export function normaliseCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

export function newFacilitatorKey(): string {
	return randomBytes(24).toString('base64url');
}

export function hashKey(key: string): string {
	return createHash('sha256').update(key).digest('hex');
}

export function keyMatches(key: string, hash: string): boolean {
	const a = Buffer.from(hashKey(key), 'hex');
	const b = Buffer.from(hash, 'hex');
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A valid code as a whole number below 31^6 (≈ 8.9e8), one to one: it fits a PostgreSQL int4
 * advisory-lock key, so no two workshops ever share a lease (server/scale/leases.ts).
 */
export function codeNumber(code: string): number {
	let n = 0;
	for (const c of code) n = n * ALPHABET.length + ALPHABET.indexOf(c);
	return n;
}

export function isValidCodeShape(code: string): boolean {
	return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c));
}
