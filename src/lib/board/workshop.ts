/**
 * The workshop document (room `<code>`). Only the facilitator and the server write it.
 *   meta         : title, template, language ('sv' | 'en'), groupCapacity (number),
 *                  openBoards (boolean: every group board readable by everyone; default private)
 *   groups       : groupId → Y.Map { name, order }
 *   participants : participantId → Y.Map { name, organisation, groupId, joinedAt }; groupId is ''
 *                  while the person waits for a seat (every group was full when they came)
 *   leaders      : groupId → participantId (the group leader, appointed or volunteered)
 * Facilitation state lives in its own maps, each with its own module: timers (timer.ts),
 * locks (locks.ts), broadcast (broadcast.ts) and chat (chat.ts).
 */
import * as Y from 'yjs';
import { m } from '../paraglide/messages';
import { DEFAULT_GROUP_CAPACITY } from './limits';
import { readTimerPresets } from './presets';
import type { TimerPreset } from './templates/template';

export interface Group {
	id: string;
	name: string;
	order: number;
}

export interface Participant {
	id: string;
	name: string;
	organisation: string;
	groupId: string;
	joinedAt: number;
}

/** The languages a workshop can be run in; the interface languages are the same (messages/). */
export const WORKSHOP_LANGUAGES = ['sv', 'en'] as const;
export type WorkshopLanguage = (typeof WORKSHOP_LANGUAGES)[number];

export interface WorkshopInfo {
	title: string;
	template: string;
	language: WorkshopLanguage;
	groupCapacity: number;
	/** "Det som sägs i gruppen stannar där": false unless the facilitator opens the boards. */
	openBoards: boolean;
	groups: Group[];
	participants: Participant[];
	/** groupId → participantId of the group leader. */
	leaders: Record<string, string>;
	/** The template's timer presets as copied into the doc (presets.ts); null in older workshops. */
	timerPresets: TimerPreset[] | null;
}

function maps(doc: Y.Doc) {
	return {
		meta: doc.getMap('meta'),
		groups: doc.getMap('groups') as Y.Map<Y.Map<unknown>>,
		participants: doc.getMap('participants') as Y.Map<Y.Map<unknown>>,
		leaders: doc.getMap('leaders') as Y.Map<string>
	};
}

/**
 * "Grupp 3" / "Group 3": the name a group is given until the facilitator renames it. Written into
 * the workshop doc, so in the workshop's language, not in that of whoever happens to create it.
 */
export function defaultGroupName(n: number, language: WorkshopLanguage): string {
	return m.board_group_name({ n }, { locale: language });
}

/** Group ids double as board ids, so they must be valid in a room name. */
export function groupId(index: number): string {
	return `g${index + 1}`;
}

export function initWorkshop(
	doc: Y.Doc,
	init: { title: string; template: string; groups: number; groupCapacity?: number; language?: WorkshopLanguage },
	origin?: unknown
): void {
	const { meta, groups } = maps(doc);
	doc.transact(() => {
		meta.set('title', init.title);
		meta.set('template', init.template);
		meta.set('language', init.language ?? 'sv');
		meta.set('groupCapacity', init.groupCapacity ?? DEFAULT_GROUP_CAPACITY);
		for (let i = 0; i < init.groups; i++) {
			const group = new Y.Map<unknown>();
			group.set('name', defaultGroupName(i + 1, init.language ?? 'sv'));
			group.set('order', i);
			groups.set(groupId(i), group);
		}
	}, origin);
}

export function addParticipant(doc: Y.Doc, p: Participant, origin?: unknown): void {
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('name', p.name);
		map.set('organisation', p.organisation);
		map.set('groupId', p.groupId);
		map.set('joinedAt', p.joinedAt);
		maps(doc).participants.set(p.id, map);
	}, origin);
}

/** A group added during the workshop, after the others. Its board is made by the server first. */
export function addGroup(doc: Y.Doc, id: string, name: string, order: number, origin?: unknown): void {
	doc.transact(() => {
		const group = new Y.Map<unknown>();
		group.set('name', name);
		group.set('order', order);
		maps(doc).groups.set(id, group);
	}, origin);
}

/** A leader leads their own group only: moving or removing them leaves the old group without one. */
function dropLeadership(doc: Y.Doc, participantId: string): void {
	const { leaders } = maps(doc);
	for (const [groupId, leader] of [...leaders.entries()]) if (leader === participantId) leaders.delete(groupId);
}

export function moveParticipant(doc: Y.Doc, participantId: string, groupId: string, origin?: unknown): void {
	const person = maps(doc).participants.get(participantId);
	if (!(person instanceof Y.Map)) return;
	doc.transact(() => {
		dropLeadership(doc, participantId);
		person.set('groupId', groupId);
	}, origin);
}

/** The person's seat is free again; the notes they wrote stay where they are. */
export function removeParticipant(doc: Y.Doc, participantId: string, origin?: unknown): void {
	doc.transact(() => {
		dropLeadership(doc, participantId);
		maps(doc).participants.delete(participantId);
	}, origin);
}

/** The people who came when every group was full, in the order they came. */
export function waitingParticipants(info: WorkshopInfo): Participant[] {
	return info.participants.filter((p) => p.groupId === '');
}

export function renameGroup(doc: Y.Doc, id: string, name: string, origin?: unknown): void {
	const group = maps(doc).groups.get(id);
	if (group instanceof Y.Map) doc.transact(() => group.set('name', name), origin);
}

/** Appoints (or with null, removes) a group's leader. Only a member of the group can lead it. */
export function setLeader(doc: Y.Doc, groupId: string, participantId: string | null, origin?: unknown): void {
	const { leaders, participants } = maps(doc);
	if (participantId !== null && participants.get(participantId)?.get('groupId') !== groupId) return;
	doc.transact(() => (participantId === null ? leaders.delete(groupId) : leaders.set(groupId, participantId)), origin);
}

export function setOpenBoards(doc: Y.Doc, open: boolean, origin?: unknown): void {
	doc.transact(() => maps(doc).meta.set('openBoards', open), origin);
}

/** The groups in their order, and the workshop's language: what a frequent reader needs, without every participant. */
export function readGroups(doc: Y.Doc): Pick<WorkshopInfo, 'groups' | 'language'> {
	const { meta, groups } = maps(doc);
	const list: Group[] = [];
	groups.forEach((g, id) => {
		if (g instanceof Y.Map) list.push({ id, name: String(g.get('name') ?? id), order: Number(g.get('order') ?? 0) });
	});
	list.sort((a, b) => a.order - b.order);
	return { groups: list, language: meta.get('language') === 'en' ? 'en' : 'sv' };
}

/**
 * Whether a transaction changed what readWorkshop reads (meta, groups, participants, leaders), so
 * that a reader re-reads only then, not on every chat message, timer or progress mark.
 */
export function changesWorkshopInfo(transaction: Y.Transaction): boolean {
	const info = new Set<unknown>(Object.values(maps(transaction.doc)));
	for (const type of transaction.changedParentTypes.keys()) if (info.has(type)) return true;
	return false;
}

export function readWorkshop(doc: Y.Doc): WorkshopInfo {
	const { meta, participants, leaders } = maps(doc);
	const { groups: list, language } = readGroups(doc);
	const people: Participant[] = [];
	participants.forEach((p, id) => {
		if (!(p instanceof Y.Map)) return;
		people.push({
			id,
			name: String(p.get('name') ?? ''),
			organisation: String(p.get('organisation') ?? ''),
			groupId: String(p.get('groupId') ?? ''),
			joinedAt: Number(p.get('joinedAt') ?? 0)
		});
	});
	people.sort((a, b) => a.joinedAt - b.joinedAt);
	const capacity = meta.get('groupCapacity');
	return {
		title: String(meta.get('title') ?? ''),
		template: String(meta.get('template') ?? 'blank'),
		language,
		groupCapacity: typeof capacity === 'number' ? capacity : DEFAULT_GROUP_CAPACITY,
		openBoards: meta.get('openBoards') === true,
		groups: list,
		participants: people,
		leaders: Object.fromEntries([...leaders.entries()].filter(([, v]) => typeof v === 'string')),
		timerPresets: readTimerPresets(doc)
	};
}

export function groupMemberCount(info: WorkshopInfo, id: string): number {
	return info.participants.filter((p) => p.groupId === id).length;
}
