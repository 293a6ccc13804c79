/**
 * Join codes as people see and type them. The server's alphabet (server/workshops/codes.ts) is
 * 6 characters without look-alikes; it lives in server code with node:crypto, so the browser keeps
 * its own copy of the shape rules here. The server stays the judge of whether a code exists.
 */

const CODE_LENGTH = 6;
const ALPHABET = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]+$/;

/** What people type: "k7p 4qx", "K7P-4QX", " k7p4qx " all become "K7P4QX". */
export function normaliseCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isCodeShape(code: string): boolean {
	return code.length === CODE_LENGTH && ALPHABET.test(code);
}

/** Read aloud and off a projector in two halves: "K7P 4QX". */
export function formatCode(code: string): string {
	return code.length === CODE_LENGTH ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
