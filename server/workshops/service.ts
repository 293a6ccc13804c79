/**
 * Workshops: create, look up, join, and the facilitator's sign-in. The HTTP endpoints in
 * src/routes/api are thin wrappers around this class; its errors are UserErrors in Swedish.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type * as Y from 'yjs';
import {
	addParticipant,
	appendChat,
	boardRoom,
	facilitatorRoom,
	groupId,
	groupMemberCount,
	GROUPS_MAX,
	GROUPS_MIN,
	initBoard,
	initWorkshop,
	readWorkshop,
	renameGroup,
	setOpenBoards,
	setPhases,
	setTimerPresets,
	workshopRoom,
	writeBoardContent,
	WORKSHOP_LANGUAGES,
	writeSummaryEdits,
	type Phase,
	type TimerPreset,
	type WorkshopLanguage
} from '../../src/lib/board';
import {
	NAME_FIELD,
	normaliseText,
	ORGANISATION_FIELD,
	WORKSHOP_TITLE_FIELD,
	type TextField
} from '../../src/lib/board/names';
import { LABEL_MAX, parseWorkshopFile } from '../../src/lib/board/workshop-file';
import { said } from '../../src/lib/said';
import type { WorkshopSummary } from '../../src/lib/api-types';
import type { Tokens } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import { checkCarriedPictures } from '../pictures/carried';
import type { CarriedPicture, PictureStore } from '../pictures/store';
import type { DocStore } from '../store/doc-store';
import type { FreeSpaceFloor } from '../store/free-space';
import { CLOSE_WORKSHOP_DELETED } from '../sync/close-codes';
import type { Rooms } from '../sync/rooms';
import { soleSeatLock, type SeatLock } from '../scale/seat-lock';
import { resolveTemplate } from '../templates/service';
import { hashKey, isValidCodeShape, keyMatches, newFacilitatorKey, newJoinCode, normaliseCode } from './codes';
import { seatView, storedSeats } from './seats';

export const createWorkshopInput = z.object({
	title: z.string(),
	template: z.string().optional(),
	groups: z.number().optional(),
	language: z.enum(WORKSHOP_LANGUAGES).optional()
});

export const joinInput = z.object({
	name: z.string(),
	organisation: z.string().optional(),
	groupId: z.string().optional(),
	/** Every group is full: register anyway, without a group, for the facilitator to place. */
	wait: z.literal(true).optional()
});

/** Group names come only from a workshop file (the control room renames them in the doc). */
const GROUP_NAME_FIELD: TextField = {
	subject: said('import_what_group_name'),
	max: LABEL_MAX,
	required: true,
	multiline: false,
	empty: said('import_group_name_missing'),
	tooLong: said('import_too_long', { what: said('import_what_group_name'), max: LABEL_MAX })
};

/** What a new workshop is made of: from a template (create) or from a file (importFile). */
interface WorkshopPlan {
	title: string;
	template: string;
	groups: number;
	groupCapacity?: number;
	/** Swedish unless chosen: the language participants meet when they join. */
	language?: WorkshopLanguage;
	runSheet: readonly Phase[];
	timerPresets: readonly TimerPreset[];
	/** Fills group `index`'s empty board doc. */
	fillBoard(doc: Y.Doc, index: number): void;
	/** What else the workshop doc starts with, after its groups exist. */
	fillWorkshop?(doc: Y.Doc): void;
	/** What the facilitator's own doc starts with (the summary edits of a file); empty if absent. */
	fillFacilitator?(doc: Y.Doc): void;
	/** Pictures the workshop starts with, under their ids (from a file). */
	pictures?: readonly CarriedPicture[];
}

export class WorkshopService {
	readonly #store: DocStore;
	readonly #tokens: Tokens;
	readonly #rooms: Rooms;
	readonly #pictures: PictureStore;
	readonly #freeSpace: FreeSpaceFloor;
	readonly #log: Log;
	readonly #seats: SeatLock;

	constructor(deps: { store: DocStore; tokens: Tokens; rooms: Rooms; pictures: PictureStore; freeSpace: FreeSpaceFloor; log: Log; seats?: SeatLock }) {
		this.#seats = deps.seats ?? soleSeatLock;
		this.#store = deps.store;
		this.#tokens = deps.tokens;
		this.#rooms = deps.rooms;
		this.#pictures = deps.pictures;
		this.#freeSpace = deps.freeSpace;
		this.#log = deps.log;
	}

	async create(input: unknown): Promise<{ code: string; facilitatorKey: string }> {
		const parsed = createWorkshopInput.safeParse(input);
		if (!parsed.success) throw new UserError(400, 'error_create_fields');
		const title = given(parsed.data.title, WORKSHOP_TITLE_FIELD);
		const template = await resolveTemplate(this.#store, parsed.data.template ?? 'larlabb');
		if (!template) throw new UserError(400, 'error_create_template_unknown', { template: parsed.data.template ?? 'larlabb' });
		const groups = parsed.data.groups ?? 1;
		if (!Number.isInteger(groups) || groups < GROUPS_MIN || groups > GROUPS_MAX) {
			throw new UserError(400, 'error_create_groups_range', { min: GROUPS_MIN, max: GROUPS_MAX });
		}
		await this.#freeSpace.require('error_disk_what_workshop');
		return this.#make({
			title,
			template: template.id,
			groups,
			language: parsed.data.language,
			runSheet: template.runSheet,
			timerPresets: template.timerPresets,
			fillBoard: (doc) => initBoard(doc, template.board)
		});
	}

	/**
	 * POST /api/workshops/import: a new workshop from a workshop file (an export), with the same
	 * groups, boards, notes, chat and pictures. The file is checked whole, pictures by their
	 * content, before anything is written.
	 */
	async importFile(input: unknown): Promise<{ code: string; facilitatorKey: string }> {
		const parsed = parseWorkshopFile(input);
		if (!parsed.ok) throw new UserError(400, parsed.error);
		const { workshop, boards, chat, summary } = parsed.file;
		// The title and group names become what every joiner sees, so they meet the rule a typed one does.
		const title = given(workshop.title, WORKSHOP_TITLE_FIELD);
		const groupNames = workshop.groups.map((g) => given(g.name, GROUP_NAME_FIELD));
		const pictures = checkCarriedPictures(parsed.file.pictures);
		await this.#freeSpace.require('error_disk_what_import');
		// Groups get this server's ids by their order in the file; a board follows its group.
		const contents = workshop.groups.map((g) => boards.find((b) => b.groupId === g.id)!);
		return this.#make({
			title,
			template: workshop.template,
			language: workshop.language,
			groups: workshop.groups.length,
			groupCapacity: workshop.groupCapacity,
			runSheet: workshop.runSheet,
			timerPresets: workshop.timerPresets,
			fillWorkshop: (doc) => {
				groupNames.forEach((name, i) => renameGroup(doc, groupId(i), name));
				if (workshop.openBoards) setOpenBoards(doc, true);
				for (const message of chat) appendChat(doc, message);
			},
			fillBoard: (doc, i) => writeBoardContent(doc, contents[i]!),
			fillFacilitator: (doc) => writeSummaryEdits(doc, new Map(Object.entries(summary))),
			pictures
		});
	}

	/** The one way a workshop comes to exist; every input is checked before this runs. */
	async #make(plan: WorkshopPlan): Promise<{ code: string; facilitatorKey: string }> {
		const code = await this.#unusedCode();
		const facilitatorKey = newFacilitatorKey();
		await this.#store.createWorkshop({
			code,
			title: plan.title,
			template: plan.template,
			groupCount: plan.groups,
			facilitatorKeyHash: hashKey(facilitatorKey),
			createdAt: Date.now()
		});
		if (plan.pictures?.length) {
			try {
				await this.#pictures.addCarried(code, plan.pictures);
			} catch (e) {
				// addCarried has removed what it wrote; without the row no half workshop is left.
				await this.#store.deleteWorkshop(code);
				throw e;
			}
		}
		try {
			await this.#rooms.update(workshopRoom(code), (doc) => {
				initWorkshop(doc, {
					title: plan.title,
					template: plan.template,
					groups: plan.groups,
					groupCapacity: plan.groupCapacity,
					language: plan.language
				});
				setPhases(doc, plan.runSheet);
				setTimerPresets(doc, plan.timerPresets);
				plan.fillWorkshop?.(doc);
			});
			for (let i = 0; i < plan.groups; i++) {
				await this.#rooms.update(boardRoom(code, groupId(i)), (doc) => plan.fillBoard(doc, i));
			}
			if (plan.fillFacilitator) await this.#rooms.update(facilitatorRoom(code), plan.fillFacilitator);
		} catch (e) {
			await this.#discardHalfMade(code);
			throw e;
		}
		this.#log.info('workshop created', { code, template: plan.template, groups: plan.groups });
		return { code, facilitatorKey };
	}

	/**
	 * A workshop whose documents could not all be saved (a full disk) is removed again, so that no
	 * code is handed out for it: its rooms leave memory unsaved, then the row and the pictures go.
	 */
	async #discardHalfMade(code: string): Promise<void> {
		try {
			// The store's deletion takes the pictures along.
			await this.#rooms.removeWorkshop(code, { closeCode: CLOSE_WORKSHOP_DELETED, reason: 'workshop could not be saved' }, () =>
				this.#store.deleteWorkshop(code)
			);
		} catch (err) {
			this.#log.error('could not remove a half-made workshop', { code, step: 'create', error: String(err) });
		}
	}

	/** The public facts a join page needs. */
	async summary(rawCode: string): Promise<WorkshopSummary> {
		const code = normaliseCode(rawCode);
		if (!isValidCodeShape(code) || !(await this.#store.getWorkshop(code))) throw unknownWorkshop(rawCode);
		const info = await this.#rooms.read(workshopRoom(code), readWorkshop);
		return {
			code,
			title: info.title,
			template: info.template,
			language: info.language,
			groups: info.groups.map((g) => ({
				id: g.id,
				name: g.name,
				members: groupMemberCount(info, g.id),
				capacity: info.groupCapacity
			}))
		};
	}

	async join(rawCode: string, input: unknown): Promise<{ participantId: string; token: string; groupId: string }> {
		const code = normaliseCode(rawCode);
		if (!isValidCodeShape(code) || !(await this.#store.getWorkshop(code))) throw unknownWorkshop(rawCode);
		const parsed = joinInput.safeParse(input);
		if (!parsed.success) throw new UserError(400, 'error_join_fields');
		const name = given(parsed.data.name, NAME_FIELD);
		const organisation = given(parsed.data.organisation ?? '', ORGANISATION_FIELD);

		const participantId = 'p' + randomBytes(9).toString('base64url').replace(/[^0-9A-Za-z]/g, 'x');
		let chosen = '';
		await this.#seats.run(code, async () => {
			const stored = await storedSeats(this.#seats, this.#store, code);
			await this.#rooms.update(workshopRoom(code), (doc) => {
				// Checked inside the update so that two people racing for the last seat cannot both get it.
				const info = seatView(doc, stored);
				if (parsed.data.wait) {
					const open = info.groups.find((g) => groupMemberCount(info, g.id) < info.groupCapacity);
					if (open) throw new UserError(409, 'error_join_room_in', { group: open.name });
					addParticipant(doc, { id: participantId, name, organisation, groupId: '', joinedAt: Date.now() });
					return;
				}
				const wanted = parsed.data.groupId ?? emptiestGroup(info);
				const group = info.groups.find((g) => g.id === wanted);
				if (!group) throw new UserError(404, 'error_group_gone_choose_other');
				if (groupMemberCount(info, group.id) >= info.groupCapacity) {
					const anyOpen = info.groups.some((g) => groupMemberCount(info, g.id) < info.groupCapacity);
					throw anyOpen
						? new UserError(409, 'error_join_group_full', { group: group.name, capacity: info.groupCapacity })
						: new UserError(409, 'error_join_all_full');
				}
				chosen = group.id;
				addParticipant(doc, { id: participantId, name, organisation, groupId: group.id, joinedAt: Date.now() });
			});
		});
		const token = this.#tokens.sign({ role: 'participant', code, participantId, groupId: chosen });
		this.#log.info('participant joined', { code, participantId, groupId: chosen });
		return { participantId, token, groupId: chosen };
	}

	async facilitatorToken(rawCode: string, key: unknown): Promise<string> {
		const code = normaliseCode(rawCode);
		const record = isValidCodeShape(code) ? await this.#store.getWorkshop(code) : null;
		if (!record) throw unknownWorkshop(rawCode);
		if (typeof key !== 'string' || !keyMatches(key, record.facilitatorKeyHash)) {
			throw new UserError(403, 'error_facilitator_key_wrong');
		}
		return this.#tokens.sign({ role: 'facilitator', code });
	}

	async #unusedCode(): Promise<string> {
		for (let attempt = 0; attempt < 20; attempt++) {
			const code = newJoinCode();
			if (!(await this.#store.getWorkshop(code))) return code;
		}
		throw new Error('could not find an unused join code in 20 attempts');
	}
}

function emptiestGroup(info: ReturnType<typeof readWorkshop>): string | undefined {
	return [...info.groups].sort((a, b) => groupMemberCount(info, a.id) - groupMemberCount(info, b.id))[0]?.id;
}

/** The text as the workshop keeps it (src/lib/board/names.ts), or a 400 that says what to change. */
export function given(raw: string, field: TextField): string {
	const result = normaliseText(raw, field);
	if (!result.ok) throw new UserError(400, result.message);
	return result.text;
}

function unknownWorkshop(code: string): UserError {
	return new UserError(404, 'error_workshop_unknown', { code: code.slice(0, 20) });
}
