/**
 * The whole workshop as a workshop file (src/lib/board/workshop-file.ts), for a backup or a move
 * to another server, with the pictures its image figures show. Reads the docs through Rooms, so
 * live boards are read as they are now.
 *
 * The app caps note text, names and titles when it writes them, but a hand-made client may write
 * longer ones; they are cut here to the file's bounds, so that every export can be imported.
 * The summary edits come from the facilitator room (moved there first if a legacy workshop doc
 * still holds them: server/workshops/summary-move.ts).
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
	WORKSHOP_FILE_BYTES_MAX,
	type BoardContent,
	type SummaryEdits
} from '../../src/lib/board';
import {
	BOARD_FIGURES_MAX,
	BOARD_NOTES_MAX,
	INSTRUCTIONS_MAX,
	LABEL_MAX,
	isFileSummaryKey,
	isSummaryRank,
	SUMMARY_ITEMS_MAX,
	WORKSHOP_FILE_FORMAT,
	WORKSHOP_FILE_VERSION,
	type BoardFile,
	type EmbeddedPicture,
	type WorkshopFile
} from '../../src/lib/board/workshop-file';
import { isPictureId } from '../../src/lib/pictures';
import { UserError } from '../http/user-error';
import { embedPicture } from '../pictures/carried';
import type { PictureStore } from '../pictures/store';
import type { Rooms } from '../sync/rooms';
import { readWorkshopSummaryEdits } from '../workshops/summary-move';

/**
 * The file as the download's text. One larger than the import takes (only pictures make it so)
 * is refused rather than written, so that every export can be imported.
 */
export async function workshopFileText(rooms: Rooms, pictures: PictureStore, code: string): Promise<string> {
	const text = JSON.stringify(await buildWorkshopFile(rooms, pictures, code), null, '\t');
	const bytes = Buffer.byteLength(text);
	if (bytes > WORKSHOP_FILE_BYTES_MAX) {
		const mb = (n: number) => Math.ceil(n / 1024 / 1024);
		throw new UserError(409, 'error_workshop_file_too_large', { size: mb(bytes), max: mb(WORKSHOP_FILE_BYTES_MAX) });
	}
	return text;
}

export async function buildWorkshopFile(rooms: Rooms, pictures: PictureStore, code: string, now = new Date()): Promise<WorkshopFile> {
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
			language: info.language,
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
		})),
		pictures: await embedPictures(pictures, code, boards),
		summary: fitSummary(await readWorkshopSummaryEdits(rooms, code))
	};
}

/**
 * Each picture an image figure shows, once (a picture shared with every group is one id). An id
 * whose file is gone stays on its figure and is simply not embedded, as the board shows it now.
 */
async function embedPictures(pictures: PictureStore, code: string, boards: readonly BoardFile[]): Promise<Record<string, EmbeddedPicture>> {
	const ids = new Set(boards.flatMap((b) => b.figures.flatMap((f) => (f.kind === 'image' && f.picture && isPictureId(f.picture) ? [f.picture] : []))));
	const embedded: Record<string, EmbeddedPicture> = {};
	for (const id of ids) {
		const picture = await pictures.read(code, id);
		if (picture) embedded[id] = embedPicture(picture.mime, picture.bytes);
	}
	return embedded;
}

/** The edits as the file holds them: keys the app could have made, wording within the note cap. */
function fitSummary(edits: SummaryEdits): WorkshopFile['summary'] {
	const summary: WorkshopFile['summary'] = {};
	for (const [key, item] of [...edits].filter(([key]) => isFileSummaryKey(key)).slice(0, SUMMARY_ITEMS_MAX)) {
		summary[key] = {
			...(item.text === undefined ? {} : { text: item.text.slice(0, NOTE_TEXT_MAX) }),
			...(item.drop ? { drop: true as const } : {}),
			...(item.into !== undefined && isFileSummaryKey(item.into) ? { into: item.into } : {}),
			...(item.rank !== undefined && isSummaryRank(item.rank) ? { rank: item.rank } : {}),
			...(item.theme ? { theme: true as const } : {})
		};
	}
	return summary;
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
