/**
 * The compiled summary of a workshop as it is now: every group board read through Rooms (a live
 * board as it is this moment), with the "Topp N" of the votes that counted its figures. The one
 * place the exports (server/export/service.ts) and the theme suggester (server/themes/service.ts)
 * read the groups' notes from.
 */
import { boardRoom, readFigures, readVote, readWorkshop, votedFigures, workshopRoom, type WorkshopInfo } from '../../src/lib/board';
import { compileSummary, snapshotBoard, type CompiledQuestion, type GroupBoardSnapshot } from '../../src/lib/board/compile';
import type { Rooms } from '../sync/rooms';

export interface WorkshopSummary {
	info: WorkshopInfo;
	boards: GroupBoardSnapshot[];
	/** compileSummary of the boards, before the facilitator's edits. */
	compiled: CompiledQuestion[];
}

export async function readWorkshopSummary(rooms: Rooms, code: string): Promise<WorkshopSummary> {
	const { info, vote } = await rooms.read(workshopRoom(code), (doc) => ({ info: readWorkshop(doc), vote: readVote(doc) }));
	const boards: GroupBoardSnapshot[] = [];
	for (const group of info.groups) {
		boards.push(
			await rooms.read(boardRoom(code, group.id), (doc) => {
				// The quota names the "Topp N" of the counted figures, which the notes' results lack.
				const voted = votedFigures(vote, { id: group.id, figures: readFigures(doc) });
				return snapshotBoard(group.name, doc, new Map([...voted].map(([figureId, entry]) => [figureId, entry.quota])));
			})
		);
	}
	return { info, boards, compiled: compileSummary(boards) };
}
