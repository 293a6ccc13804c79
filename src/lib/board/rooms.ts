/**
 * Room names. A room is one Yjs document, addressed by a path:
 *   <code>                       the workshop document
 *   <code>/board/<boardId>       a group's board (boardId = group id) or `plenary`
 *   <code>/private/<participant> one person's drafts
 *   <code>/facilitator           the facilitator's own document: what is derived from group
 *                                content while the groups are private (summary-edits.ts)
 * Clients connect to /sync/<room>?token=…; the server parses the name with parseRoom.
 */

export type RoomRef =
	| { kind: 'workshop'; code: string }
	| { kind: 'board'; code: string; boardId: string }
	| { kind: 'private'; code: string; participantId: string }
	| { kind: 'facilitator'; code: string };

const CODE = /^[0-9A-Z]{6}$/;
const ID = /^[0-9A-Za-z_-]{1,40}$/;

export function workshopRoom(code: string): string {
	return code;
}

export function boardRoom(code: string, boardId: string): string {
	return `${code}/board/${boardId}`;
}

export function privateRoom(code: string, participantId: string): string {
	return `${code}/private/${participantId}`;
}

export function facilitatorRoom(code: string): string {
	return `${code}/facilitator`;
}

/** Returns null for anything that is not a well-formed room name. */
export function parseRoom(name: string): RoomRef | null {
	const parts = name.split('/');
	const code = parts[0] ?? '';
	if (!CODE.test(code)) return null;
	if (parts.length === 1) return { kind: 'workshop', code };
	if (parts.length === 2) return parts[1] === 'facilitator' ? { kind: 'facilitator', code } : null;
	if (parts.length !== 3 || !ID.test(parts[2] ?? '')) return null;
	if (parts[1] === 'board') return { kind: 'board', code, boardId: parts[2]! };
	if (parts[1] === 'private') return { kind: 'private', code, participantId: parts[2]! };
	return null;
}

export function isWorkshopCode(code: string): boolean {
	return CODE.test(code);
}
