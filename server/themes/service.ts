/**
 * GET /api/workshops/<code>/themes: the themes the server suggests for the facilitator's summary
 * editor. Reads the compiled summary as the facilitator edited it (merged items count as one point
 * that says all its notes; dropped items and accepted themes are not suggested again) and the pairs
 * set apart, and runs the suggester in this process. The suggestions quote every group's notes,
 * so only the facilitator may ask.
 */
import { applySummaryEdits, facilitatorRoom, readApartPairs, type SummaryQuestion, type ThemesAnswer } from '../../src/lib/board';
import type { Claims } from '../auth/tokens';
import { UserError } from '../http/user-error';
import type { DocStore } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';
import { normaliseCode } from '../workshops/codes';
import { readWorkshopSummary } from '../workshops/compiled-summary';
import { readWorkshopSummaryEdits } from '../workshops/summary-move';
import type { ThemeQuestionInput } from './suggest';

export class ThemeService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;

	constructor(deps: { store: DocStore; rooms: Rooms }) {
		this.#store = deps.store;
		this.#rooms = deps.rooms;
	}

	async suggest(rawCode: string, claims: Claims): Promise<ThemesAnswer> {
		const code = normaliseCode(rawCode);
		if (claims.role !== 'facilitator' || claims.code !== code) {
			throw new UserError(403, 'error_themes_facilitator_only');
		}
		if (!(await this.#store.getWorkshop(code))) throw new UserError(404, 'error_workshop_gone');
		const { compiled } = await readWorkshopSummary(this.#rooms, code);
		const questions = applySummaryEdits(compiled, await readWorkshopSummaryEdits(this.#rooms, code));
		const apart = await this.#rooms.read(facilitatorRoom(code), readApartPairs);
		// The stemmer and its word lists load on the first suggestion, not with the server.
		const { suggestThemes } = await import('./suggest');
		return { questions: suggestThemes(questions.map(themeInput), apart) };
	}
}

/** A question's points for the suggester: its kept items that are not themes already. */
export function themeInput(question: SummaryQuestion): ThemeQuestionInput {
	return {
		title: question.title,
		points: question.items
			.filter((item) => !item.theme)
			.map((item) => ({
				key: item.key,
				text: item.text,
				groups: item.groups,
				says: [item.original, ...item.merged.map((m) => m.text), ...(item.edited ? [item.text] : [])].join('\n')
			}))
	};
}
