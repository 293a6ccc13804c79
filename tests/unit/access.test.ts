/** The access rule table (server/sync/access.ts), one test per rule. */
import { describe, expect, it } from 'vitest';
import type { Claims } from '../../server/auth/tokens';
import type { WorkshopRecord } from '../../server/store/doc-store';
import { decideAccess, type AccessSettings } from '../../server/sync/access';
import { CLOSE_FORBIDDEN, CLOSE_NOT_FOUND } from '../../server/sync/close-codes';
import { parseRoom } from '../../src/lib/board/rooms';

const CODE = 'ABC234';
const record: WorkshopRecord = {
	code: CODE,
	title: 'Lärlabb',
	template: 'larlabb',
	groupCount: 3,
	facilitatorKeyHash: '00',
	createdAt: 0
};
const exp = Date.now() + 60_000;
const facilitator: Claims = { role: 'facilitator', code: CODE, exp };
const anna: Claims = { role: 'participant', code: CODE, participantId: 'pAnna', groupId: 'g2', exp };

// Anna is in g2 in the workshop doc, as her token says, unless a test moves her.
const PRIVATE: AccessSettings = { openBoards: false, group: 'g2' };
const OPEN: AccessSettings = { openBoards: true, group: 'g2' };

function decide(claims: Claims, room: string, rec: WorkshopRecord | null = record, settings = PRIVATE) {
	const ref = parseRoom(room);
	if (!ref) throw new Error(`test room ${room} does not parse`);
	return decideAccess(claims, ref, rec, settings);
}
const refusal = (d: ReturnType<typeof decide>) => ('refuse' in d ? d.refuse : d.mode);

describe('every room', () => {
	it('refuses a token for another workshop with 4403', () => {
		expect(refusal(decide({ ...facilitator, code: 'XYZ789' }, CODE))).toBe(CLOSE_FORBIDDEN);
		expect(refusal(decide({ ...anna, code: 'XYZ789' }, `${CODE}/board/g2`))).toBe(CLOSE_FORBIDDEN);
	});

	it('refuses an unknown workshop with 4404', () => {
		expect(refusal(decide(facilitator, CODE, null))).toBe(CLOSE_NOT_FOUND);
		expect(refusal(decide(anna, `${CODE}/private/pAnna`, null))).toBe(CLOSE_NOT_FOUND);
	});
});

describe('the workshop room <code>', () => {
	it('lets the facilitator write', () => {
		expect(decide(facilitator, CODE)).toEqual({ mode: 'write' });
	});
	it('lets a participant read only', () => {
		expect(decide(anna, CODE)).toEqual({ mode: 'read' });
	});
});

describe('board rooms <code>/board/<boardId>', () => {
	it('lets the facilitator write on every group board and on plenary', () => {
		for (const board of ['g1', 'g2', 'g3', 'plenary']) expect(decide(facilitator, `${CODE}/board/${board}`)).toEqual({ mode: 'write' });
	});
	it("lets a participant write on their own group's board", () => {
		expect(decide(anna, `${CODE}/board/g2`)).toEqual({ mode: 'write' });
	});
	it('lets a participant read plenary but not write it', () => {
		expect(decide(anna, `${CODE}/board/plenary`)).toEqual({ mode: 'read' });
	});
	it("refuses a participant on another group's board with 4403", () => {
		expect(refusal(decide(anna, `${CODE}/board/g1`))).toBe(CLOSE_FORBIDDEN);
		expect(refusal(decide(anna, `${CODE}/board/g3`))).toBe(CLOSE_FORBIDDEN);
	});
	it("lets a participant read, not write, another group's board while the boards are open", () => {
		expect(decide(anna, `${CODE}/board/g1`, record, OPEN)).toEqual({ mode: 'read' });
		expect(decide(anna, `${CODE}/board/g3`, record, OPEN)).toEqual({ mode: 'read' });
	});
	it('keeps their own board writable and plenary read-only while the boards are open', () => {
		expect(decide(anna, `${CODE}/board/g2`, record, OPEN)).toEqual({ mode: 'write' });
		expect(decide(anna, `${CODE}/board/plenary`, record, OPEN)).toEqual({ mode: 'read' });
	});
	it('opens no private drafts, no missing board and no other workshop when the boards are open', () => {
		expect(refusal(decide(anna, `${CODE}/private/pBo`, record, OPEN))).toBe(CLOSE_FORBIDDEN);
		expect(refusal(decide(anna, `${CODE}/board/g4`, record, OPEN))).toBe(CLOSE_NOT_FOUND);
		expect(refusal(decide({ ...anna, code: 'XYZ789' }, `${CODE}/board/g1`, record, OPEN))).toBe(CLOSE_FORBIDDEN);
	});
	it('follows the group the workshop doc gives, not the one in the token (a moved participant)', () => {
		const moved = { openBoards: false, group: 'g1' };
		expect(decide(anna, `${CODE}/board/g1`, record, moved)).toEqual({ mode: 'write' });
		expect(refusal(decide(anna, `${CODE}/board/g2`, record, moved))).toBe(CLOSE_FORBIDDEN);
		expect(decide(anna, `${CODE}/board/g2`, record, { ...moved, openBoards: true })).toEqual({ mode: 'read' });
	});
	it('refuses every board to a participant removed from the workshop, and lets one waiting for a seat write none', () => {
		const removed = { openBoards: true, group: null };
		for (const board of ['g1', 'g2', 'plenary']) expect(refusal(decide(anna, `${CODE}/board/${board}`, record, removed))).toBe(CLOSE_FORBIDDEN);
		const waiting = { openBoards: false, group: '' };
		expect(refusal(decide(anna, `${CODE}/board/g2`, record, waiting))).toBe(CLOSE_FORBIDDEN);
		expect(decide(anna, `${CODE}/board/plenary`, record, waiting)).toEqual({ mode: 'read' });
	});
	it('refuses a board the workshop does not have with 4404, for everyone', () => {
		for (const board of ['g4', 'g99', 'g0', 'g01', 'G1', 'x', 'plenary2']) {
			expect(refusal(decide(facilitator, `${CODE}/board/${board}`)), board).toBe(CLOSE_NOT_FOUND);
			expect(refusal(decide(anna, `${CODE}/board/${board}`)), board).toBe(CLOSE_NOT_FOUND);
		}
	});
});

describe('private rooms <code>/private/<participantId>', () => {
	it('lets the participant write their own drafts', () => {
		expect(decide(anna, `${CODE}/private/pAnna`)).toEqual({ mode: 'write' });
	});
	it("refuses another participant's drafts with 4403", () => {
		expect(refusal(decide(anna, `${CODE}/private/pBo`))).toBe(CLOSE_FORBIDDEN);
	});
	it('refuses the facilitator too: drafts are private until revealed', () => {
		expect(refusal(decide(facilitator, `${CODE}/private/pAnna`))).toBe(CLOSE_FORBIDDEN);
	});
});

describe('the facilitator room <code>/facilitator', () => {
	it('lets the facilitator write the summary edits', () => {
		expect(decide(facilitator, `${CODE}/facilitator`)).toEqual({ mode: 'write' });
	});
	it('refuses every participant with 4403, even with the boards open: it quotes every group', () => {
		expect(refusal(decide(anna, `${CODE}/facilitator`))).toBe(CLOSE_FORBIDDEN);
		expect(refusal(decide(anna, `${CODE}/facilitator`, record, OPEN))).toBe(CLOSE_FORBIDDEN);
	});
	it('is the only two-part room name', () => {
		expect(parseRoom(`${CODE}/facilitator`)).toEqual({ kind: 'facilitator', code: CODE });
		expect(parseRoom(`${CODE}/board`)).toBeNull();
		expect(parseRoom(`${CODE}/facilitator/x`)).toBeNull();
	});
});
