/**
 * "Jag är gruppledare" (issue 3 §1): a participant volunteers as the leader of their own group, or
 * steps down. The facilitator appoints leaders by writing the workshop doc directly (setLeader), so
 * a facilitator token is refused here. A volunteer takes over from a current leader: the leader may
 * have left the meeting, and the control room shows who leads, so the facilitator can set it back.
 */
import { readWorkshop, setLeader } from '../../src/lib/board/workshop';
import { workshopRoom } from '../../src/lib/board/rooms';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import type { DocStore } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';
import { claimedWorkshop, memberOf } from './member';

/** A group and its leader after the call (null: the group has none). */
export interface GroupLeader {
	groupId: string;
	participantId: string | null;
}

export class LeaderService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #log: Log;

	constructor(deps: { store: DocStore; rooms: Rooms; log: Log }) {
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#log = deps.log;
	}

	/** Makes the participant the leader of their own group. */
	volunteer(rawCode: string, claims: Claims): Promise<GroupLeader> {
		return this.#change(rawCode, claims, 'volunteer', (groupId, participantId) => participantId);
	}

	/** Removes the participant as leader; the group keeps another leader if they were not it. */
	stepDown(rawCode: string, claims: Claims): Promise<GroupLeader> {
		return this.#change(rawCode, claims, 'step-down', (_groupId, participantId, current) =>
			current === participantId ? null : current
		);
	}

	async #change(
		rawCode: string,
		claims: Claims,
		step: string,
		next: (groupId: string, participantId: string, current: string | null) => string | null
	): Promise<GroupLeader> {
		if (claims.role !== 'participant') {
			throw new UserError(400, 'error_leader_facilitator');
		}
		const code = await claimedWorkshop(this.#store, rawCode, claims);
		let result: GroupLeader = { groupId: '', participantId: null };
		await this.#rooms.update(workshopRoom(code), (doc) => {
			// The group from the doc, not the token: the doc is where membership is kept.
			const { groupId } = memberOf(doc, claims.participantId);
			const current = readWorkshop(doc).leaders[groupId] ?? null;
			const leader = next(groupId, claims.participantId, current);
			if (leader !== current) setLeader(doc, groupId, leader);
			result = { groupId, participantId: leader };
		});
		this.#log.info('group leader', { code, step, groupId: result.groupId, leader: result.participantId, by: claims.participantId });
		return result;
	}
}
