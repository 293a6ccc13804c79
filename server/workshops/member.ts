/**
 * Checks shared by the calls a person makes with their token (chat, "Jag är gruppledare"): the
 * token is for this workshop, the workshop exists, and a participant is still in it. The token is
 * verified by the endpoint (requireToken); these checks hold again here so that the services are
 * safe whoever calls them.
 */
import { readWorkshop, type Participant } from '../../src/lib/board/workshop';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { DocStore } from '../store/doc-store';
import { isValidCodeShape, normaliseCode } from './codes';
import type * as Y from 'yjs';

/** The normalised code of the workshop `claims` may act in; 403 for another workshop, 404 for none. */
export async function claimedWorkshop(store: DocStore, rawCode: string, claims: Claims): Promise<string> {
	const code = normaliseCode(rawCode);
	if (claims.code !== code) throw new UserError(403, 'error_token_other_workshop');
	if (!isValidCodeShape(code) || !(await store.getWorkshop(code))) {
		throw new UserError(404, 'error_workshop_gone_check_link');
	}
	return code;
}

/** The participant as the workshop doc knows them; 403 when they are not (or no longer) in it. */
export function memberOf(workshopDoc: Y.Doc, participantId: string): Participant {
	const person = readWorkshop(workshopDoc).participants.find((p) => p.id === participantId);
	if (!person) throw new UserError(403, 'error_not_member');
	return person;
}
