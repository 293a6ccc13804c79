/**
 * Who may open which room, and whether they may write. A pure function of verified token claims,
 * the parsed room name and the workshop record, so the whole rule table is unit-tested without a
 * server (tests/unit/access.test.ts). The server enforces the answer: a reader's document updates
 * are dropped, its awareness is still relayed (presence is not content).
 *
 *   room                         facilitator   participant
 *   <code>                       write         read (the workshop doc is written by the server)
 *   <code>/board/g1..gN          write         write on their own group's board; another group's
 *                                              board: read when the workshop's boards are open
 *                                              (meta.openBoards), else 4403. "Their own group" is
 *                                              the one the workshop doc gives them NOW (the
 *                                              facilitator moves people), not the token's; a
 *                                              person removed from the doc gets 4403 on every board
 *   <code>/board/plenary         write         read
 *   <code>/private/<pid>         4403          write when pid is their own id, else 4403
 *   <code>/facilitator           write         4403 (the summary edits quote group notes, and the
 *                                              groups may be private: summary-edits.ts)
 *
 * Before the table: a token for another workshop → 4403, an unknown workshop → 4404, a board id
 * that is neither g1..gN (N = record.groupCount) nor `plenary` → 4404.
 *
 * The settings come from the workshop document, which changes while sockets are open: the board
 * rooms' write policy (write-policy.ts) re-decides for every open socket when they change.
 */
import type { Claims } from '../auth/tokens';
import type { RoomRef } from '../../src/lib/board/rooms';
import type { WorkshopRecord } from '../store/doc-store';
import { CLOSE_FORBIDDEN, CLOSE_NOT_FOUND, type RefusalCode } from './close-codes';

export type AccessMode = 'write' | 'read';
export type AccessDecision = { mode: AccessMode } | { refuse: RefusalCode; reason: string };

export const PLENARY_BOARD = 'plenary';

const refuse = (code: RefusalCode, reason: string): AccessDecision => ({ refuse: code, reason });

/** True for the boards a workshop has: one per group (g1..gN) and the plenary board. */
export function boardExists(boardId: string, record: WorkshopRecord): boolean {
	if (boardId === PLENARY_BOARD) return true;
	const match = /^g([1-9][0-9]*)$/.exec(boardId);
	return match !== null && Number(match[1]) <= record.groupCount;
}

/** The parts of the workshop document that access depends on. */
export interface AccessSettings {
	/** "Det som sägs i gruppen stannar där" unless the facilitator opens every board for reading. */
	openBoards: boolean;
	/**
	 * The participant's group in the workshop doc: '' while they wait for a seat, null when they
	 * are not (or no longer) in the workshop. Unused for the facilitator.
	 */
	group: string | null;
}

export function decideAccess(
	claims: Claims,
	room: RoomRef,
	record: WorkshopRecord | null,
	settings: AccessSettings
): AccessDecision {
	if (claims.code !== room.code) return refuse(CLOSE_FORBIDDEN, 'token is for another workshop');
	if (!record) return refuse(CLOSE_NOT_FOUND, 'no such workshop');

	switch (room.kind) {
		case 'workshop':
			return { mode: claims.role === 'facilitator' ? 'write' : 'read' };
		case 'board': {
			if (!boardExists(room.boardId, record)) return refuse(CLOSE_NOT_FOUND, 'no such board');
			if (claims.role === 'facilitator') return { mode: 'write' };
			if (settings.group === null) return refuse(CLOSE_FORBIDDEN, 'no longer in this workshop');
			if (room.boardId === PLENARY_BOARD) return { mode: 'read' };
			if (room.boardId === settings.group) return { mode: 'write' };
			if (settings.openBoards) return { mode: 'read' };
			return refuse(CLOSE_FORBIDDEN, "another group's board");
		}
		case 'private':
			// Drafts are private until the participant reveals them, the facilitator included.
			if (claims.role === 'participant' && claims.participantId === room.participantId) return { mode: 'write' };
			return refuse(CLOSE_FORBIDDEN, "another person's private drafts");
		case 'facilitator':
			if (claims.role === 'facilitator') return { mode: 'write' };
			return refuse(CLOSE_FORBIDDEN, "the facilitator's own document");
	}
}
