/**
 * "Samma bild till alla grupper": every group's board is made from one template, so an image
 * figure is the same figure on each board by its title (as votes choose their figures). The facilitator
 * uploads a picture once, on one board, and the server puts its id on every group board's image
 * figure of that title, online or not.
 */
import { z } from 'zod';
import { boardRoom, readFigures, readWorkshop, updateFigure, workshopRoom } from '../../src/lib/board';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import type { DocStore } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';
import { claimedWorkshop } from '../workshops/member';
import type { PictureStore } from './store';

const shareInput = z.object({ figureTitle: z.string().trim().min(1) });

export class PictureSharing {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #pictures: PictureStore;
	readonly #log: Log;

	constructor(deps: { store: DocStore; rooms: Rooms; pictures: PictureStore; log: Log }) {
		this.#store = deps.store;
		this.#rooms = deps.rooms;
		this.#pictures = deps.pictures;
		this.#log = deps.log;
	}

	/** Sets the picture on each group board's image figures titled `figureTitle`; answers how many boards got it. */
	async toEveryGroup(rawCode: string, claims: Claims, pictureId: string, input: unknown): Promise<{ boards: number }> {
		const code = await claimedWorkshop(this.#store, rawCode, claims);
		if (claims.role !== 'facilitator') throw new UserError(403, 'error_share_facilitator_only');
		const parsed = shareInput.safeParse(input);
		if (!parsed.success) throw new UserError(400, 'error_share_figure_missing');
		if (!(await this.#pictures.has(code, pictureId))) throw new UserError(404, 'error_share_picture_unknown');
		const title = parsed.data.figureTitle;
		const groups = await this.#rooms.read(workshopRoom(code), (doc) => readWorkshop(doc).groups.map((g) => g.id));
		let boards = 0;
		for (const group of groups) {
			await this.#rooms.update(boardRoom(code, group), (doc) => {
				const targets = readFigures(doc).filter((f) => f.kind === 'image' && f.title.trim() === title);
				for (const figure of targets) updateFigure(doc, figure.id, { picture: pictureId });
				if (targets.length > 0) boards++;
			});
		}
		this.#log.info('picture shared', { code, id: pictureId, boards, step: 'picture-share' });
		return { boards };
	}
}
