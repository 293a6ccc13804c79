/**
 * Group management during the workshop (issue 10 §3), facilitator only: move a participant to
 * another group (or place one who waits for a seat), remove one who left, add a group, rename a
 * group. The server does it, in one update of the workshop doc each, so that the capacity check and
 * the write cannot be raced, and so that a participant's token can never do it.
 *
 * What follows from the doc, elsewhere: board access (server/sync/access.ts reads the group from
 * the doc, and write-policy.ts closes a moved or removed person's open sockets), the reveal (a
 * person's drafts go to the group the doc gives them at reveal time), the participant's page (it
 * follows its own entry), the miniatures, the exports and the join page (info.groups). The plenum's
 * mirror of a group's summary carries the group's name, so a rename refreshes it (plenary.ts).
 */
import { z } from 'zod';
import type * as Y from 'yjs';
import { readBoardContent, writeBoardContent } from '../../src/lib/board/board-file';
import { GROUPS_MAX } from '../../src/lib/board/limits';
import type { TextField } from '../../src/lib/board/names';
import { said } from '../../src/lib/said';
import { LABEL_MAX } from '../../src/lib/board/workshop-file';
import { boardRoom, workshopRoom } from '../../src/lib/board/rooms';
import {
	addGroup,
	defaultGroupName,
	groupId as groupIdAt,
	groupMemberCount,
	moveParticipant,
	readWorkshop,
	removeParticipant,
	renameGroup,
	type WorkshopInfo
} from '../../src/lib/board/workshop';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import type { DocStore } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';
import { soleSeatLock, type SeatLock } from '../scale/seat-lock';
import { claimedWorkshop } from './member';
import type { PlenaryService } from './plenary';
import { seatView, storedSeats } from './seats';
import { given } from './service';

export const GROUP_NAME_FIELD: TextField = {
	subject: said('error_subject_group_name'),
	max: LABEL_MAX,
	required: true,
	multiline: false,
	empty: said('error_group_name_missing'),
	tooLong: said('error_group_name_too_long', { max: LABEL_MAX })
};

export const moveInput = z.object({ groupId: z.string().max(64) }).strict();
export const addGroupInput = z.object({ name: z.string().optional() }).strict();
export const renameGroupInput = z.object({ name: z.string() }).strict();

export class GroupService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #log: Log;
	readonly #plenary: Pick<PlenaryService, 'groupRenamed'> | null;
	readonly #seats: SeatLock;

	constructor(deps: { store: DocStore; rooms: Rooms; log: Log; plenary?: Pick<PlenaryService, 'groupRenamed'>; seats?: SeatLock }) {
		this.#seats = deps.seats ?? soleSeatLock;
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#log = deps.log;
		this.#plenary = deps.plenary ?? null;
	}

	/** Moves a participant into `groupId` (also how a waiting person gets a seat); 409 when it is full. */
	async move(rawCode: string, claims: Claims, participantId: string, input: unknown): Promise<{ participantId: string; groupId: string }> {
		const code = await this.#facilitator(rawCode, claims);
		const parsed = moveInput.safeParse(input);
		if (!parsed.success) throw new UserError(400, 'error_move_group_missing');
		const { groupId } = parsed.data;
		let from = '';
		await this.#seats.run(code, async () => {
			const stored = await storedSeats(this.#seats, this.#store, code);
			await this.#rooms.update(workshopRoom(code), (doc) => {
				const info = seatView(doc, stored);
				const person = personIn(info, participantId);
				const group = info.groups.find((g) => g.id === groupId);
				if (!group) throw new UserError(404, 'error_group_unknown_choose_other');
				from = person.groupId;
				if (from === groupId) return;
				if (groupMemberCount(info, groupId) >= info.groupCapacity) {
					throw new UserError(409, 'error_group_full_move', { group: group.name, capacity: info.groupCapacity });
				}
				moveParticipant(doc, participantId, groupId);
			});
		});
		this.#log.info('participant moved', { code, step: 'move', participantId, from, to: groupId });
		return { participantId, groupId };
	}

	/** Removes someone who left: their seat is free again; what they wrote stays on the board. */
	async remove(rawCode: string, claims: Claims, participantId: string): Promise<{ participantId: string }> {
		const code = await this.#facilitator(rawCode, claims);
		await this.#rooms.update(workshopRoom(code), (doc) => {
			personIn(readWorkshop(doc), participantId);
			removeParticipant(doc, participantId);
		});
		this.#log.info('participant removed', { code, step: 'remove', participantId });
		return { participantId };
	}

	/**
	 * A new group with its own board, laid out like the first group's (the same exercise, no notes).
	 * The board is written before the group appears in the doc, so nobody is ever sent to an empty one.
	 */
	async addGroup(rawCode: string, claims: Claims, input: unknown): Promise<{ id: string; name: string }> {
		const code = await this.#facilitator(rawCode, claims);
		const parsed = addGroupInput.safeParse(input ?? {});
		if (!parsed.success) throw new UserError(400, 'error_group_add_name');
		const info = await this.#rooms.read(workshopRoom(code), readWorkshop);
		if (info.groups.length >= GROUPS_MAX) throw new UserError(409, 'error_groups_max', { max: GROUPS_MAX });
		const id = groupIdAt(info.groups.length);
		const name = parsed.data.name === undefined ? defaultName(info) : given(parsed.data.name, GROUP_NAME_FIELD);
		uniqueName(info, name, id);
		const first = info.groups[0];
		const layout = first ? await this.#rooms.read(boardRoom(code, first.id), readBoardContent) : null;
		// The count first: the board room's policy reads it when the room loads, and keeps it while it is loaded.
		await this.#store.setGroupCount(code, info.groups.length + 1);
		await this.#rooms.update(boardRoom(code, id), (doc: Y.Doc) => {
			if (layout && doc.getMap('figures').size === 0) writeBoardContent(doc, { ...layout, notes: [] });
		});
		let added = { id, name };
		await this.#rooms.update(workshopRoom(code), (doc) => {
			// Another add may have run meanwhile: the id follows the doc, not what was read above.
			const now = readWorkshop(doc);
			if (now.groups.some((g) => g.id === id)) throw new UserError(409, 'error_group_added_concurrently');
			uniqueName(now, name, id);
			addGroup(doc, id, name, now.groups.length);
			added = { id, name };
		});
		this.#log.info('group added', { code, step: 'add-group', groupId: id });
		return added;
	}

	async rename(rawCode: string, claims: Claims, groupId: string, input: unknown): Promise<{ id: string; name: string }> {
		const code = await this.#facilitator(rawCode, claims);
		const parsed = renameGroupInput.safeParse(input);
		if (!parsed.success) throw new UserError(400, 'error_group_rename_missing');
		const name = given(parsed.data.name, GROUP_NAME_FIELD);
		await this.#rooms.update(workshopRoom(code), (doc) => {
			const info = readWorkshop(doc);
			if (!info.groups.some((g) => g.id === groupId)) throw new UserError(404, 'error_group_gone');
			uniqueName(info, name, groupId);
			renameGroup(doc, groupId, name);
		});
		this.#log.info('group renamed', { code, step: 'rename-group', groupId });
		try {
			await this.#plenary?.groupRenamed(code, groupId);
		} catch (err) {
			// The rename stands; the plenary takes the name at the group's next edit.
			this.#log.warn('plenary not renamed', { code, step: 'rename-group', groupId, error: String(err) });
		}
		return { id: groupId, name };
	}

	async #facilitator(rawCode: string, claims: Claims): Promise<string> {
		const code = await claimedWorkshop(this.#store, rawCode, claims);
		if (claims.role !== 'facilitator') throw new UserError(403, 'error_groups_facilitator_only');
		return code;
	}
}

function personIn(info: WorkshopInfo, participantId: string) {
	const person = info.participants.find((p) => p.id === participantId);
	if (!person) throw new UserError(404, 'error_participant_gone');
	return person;
}

/**
 * "Grupp 5" for a fifth group, or the next number no group is called (one may have been renamed
 * "Grupp 5"); "Group 5" in an English workshop, as its first groups.
 */
function defaultName(info: WorkshopInfo): string {
	const taken = new Set(info.groups.map((g) => g.name.toLocaleLowerCase('sv')));
	const name = (n: number) => defaultGroupName(n, info.language);
	let n = info.groups.length + 1;
	while (taken.has(name(n).toLocaleLowerCase('sv'))) n++;
	return name(n);
}

/** Two groups of one name would be told apart by nobody: on the join page, the projector or an export. */
function uniqueName(info: WorkshopInfo, name: string, ownId: string): void {
	const key = name.toLocaleLowerCase('sv');
	if (info.groups.some((g) => g.id !== ownId && g.name.toLocaleLowerCase('sv') === key)) {
		throw new UserError(409, 'error_group_name_taken', { name });
	}
}
