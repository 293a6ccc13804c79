/**
 * The whole workshop as a workshop file (src/lib/board/workshop-file.ts), for a backup or a move
 * to another server. Reads the docs through Rooms, so live boards are read as they are now.
 *
 * The app caps note text, names and titles when it writes them, but a hand-made client may write
 * longer ones; they are cut here to the file's bounds, so that every export can be imported.
 */
import {
	boardRoom,
	findTemplate,
	FIGURE_TITLE_MAX,
	HEADING_MAX,
	NAME_MAX,
	NOTE_TEXT_MAX,
	ORGANISATION_MAX,
	readBoardContent,
	readChat,
	readRunSheet,
	readWorkshop,
	workshopRoom,
	type BoardContent
} from '../../src/lib/board';
import {
	BOARD_FIGURES_MAX,
	BOARD_NOTES_MAX,
	INSTRUCTIONS_MAX,
	LABEL_MAX,
	WORKSHOP_FILE_FORMAT,
	WORKSHOP_FILE_VERSION,
	type BoardFile,
	type WorkshopFile
} from '../../src/lib/board/workshop-file';
import type { Rooms } from '../sync/rooms';

export async function buildWorkshopFile(rooms: Rooms, code: string, now = new Date()): Promise<WorkshopFile> {
	const { info, runSheet, chat } = await rooms.read(workshopRoom(code), (doc) => ({
		info: readWorkshop(doc),
		runSheet: readRunSheet(doc).phases,
		chat: readChat(doc)
	}));
	const boards: BoardFile[] = [];
	for (const group of info.groups) {
		const content = await rooms.read(boardRoom(code, group.id), readBoardContent);
		boards.push({ groupId: group.id, ...fitBoard(content) });
	}
	return {
		format: WORKSHOP_FILE_FORMAT,
		version: WORKSHOP_FILE_VERSION,
		exportedAt: now.toISOString(),
		workshop: {
			title: info.title,
			template: info.template,
			groupCapacity: info.groupCapacity,
			openBoards: info.openBoards,
			groups: info.groups.map((g) => ({ id: g.id, name: g.name.slice(0, LABEL_MAX) })),
			runSheet,
			timerPresets: info.timerPresets ?? findTemplate(info.template)?.timerPresets ?? []
		},
		boards,
		chat: chat.map((m) => ({
			id: m.id,
			authorId: m.authorId,
			name: m.name.slice(0, NAME_MAX),
			organisation: m.organisation.slice(0, ORGANISATION_MAX),
			role: m.role === 'facilitator' ? 'facilitator' : 'participant',
			text: m.text,
			at: m.at
		}))
	};
}

function fitBoard(board: BoardContent): Omit<BoardFile, 'groupId'> {
	const figures = board.figures.slice(0, BOARD_FIGURES_MAX);
	const kept = new Set(figures.map((f) => f.id));
	return {
		title: board.title.slice(0, FIGURE_TITLE_MAX),
		instructions: board.instructions.slice(0, INSTRUCTIONS_MAX),
		figures: figures.map((f) => ({
			...f,
			title: f.title.slice(0, FIGURE_TITLE_MAX),
			columns: f.columns.map((h) => h.slice(0, HEADING_MAX)),
			rows: f.rows.map((h) => h.slice(0, HEADING_MAX))
		})),
		notes: board.notes.slice(0, BOARD_NOTES_MAX).map((n) => ({
			...n,
			text: n.text.slice(0, NOTE_TEXT_MAX),
			figureId: n.figureId !== null && kept.has(n.figureId) ? n.figureId : null,
			authorName: n.authorName.slice(0, NAME_MAX),
			organisation: n.organisation.slice(0, ORGANISATION_MAX),
			createdAt: Math.max(0, Math.round(n.createdAt)),
			...(n.votes === undefined ? {} : { votes: Math.max(0, Math.round(n.votes)) })
		}))
	};
}
