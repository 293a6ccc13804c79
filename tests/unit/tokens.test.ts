import { describe, expect, it } from 'vitest';
import { Tokens } from '../../server/auth/tokens';

const secret = 'a'.repeat(48);

describe('tokens', () => {
	it('round-trip the claims of a participant', () => {
		const tokens = new Tokens(secret);
		const result = tokens.verify(tokens.sign({ role: 'participant', code: 'K7P4QX', participantId: 'p1', groupId: 'g2' }));
		expect(result).toMatchObject({ ok: true, claims: { role: 'participant', code: 'K7P4QX', participantId: 'p1', groupId: 'g2' } });
	});

	it('refuse a token signed with another secret', () => {
		const forged = new Tokens('b'.repeat(48)).sign({ role: 'facilitator', code: 'K7P4QX' });
		expect(new Tokens(secret).verify(forged)).toEqual({ ok: false, reason: 'signature' });
	});

	it('refuse a token whose claims were edited after signing', () => {
		const tokens = new Tokens(secret);
		const [body, mac] = tokens.sign({ role: 'participant', code: 'K7P4QX', participantId: 'p1', groupId: 'g1' }).split('.');
		const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
		const edited = Buffer.from(JSON.stringify({ ...claims, role: 'facilitator' })).toString('base64url');
		expect(tokens.verify(`${edited}.${mac}`)).toEqual({ ok: false, reason: 'signature' });
	});

	it('refuse an expired token', () => {
		const tokens = new Tokens(secret);
		const token = tokens.sign({ role: 'facilitator', code: 'K7P4QX' }, 1_000, 60_000);
		expect(tokens.verify(token, 61_001)).toEqual({ ok: false, reason: 'expired' });
		expect(tokens.verify(token, 60_999).ok).toBe(true);
	});

	it('refuse garbage', () => {
		const tokens = new Tokens(secret);
		for (const bad of ['', 'x', 'a.b.c', '....', 'eyJ9.abc']) expect(tokens.verify(bad).ok).toBe(false);
	});
});
