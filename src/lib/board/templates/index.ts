import { arshjul } from './arshjul';
import { blank } from './blank';
import { blankBoard } from './blank-board';
import { brpGruppdialog } from './brp-gruppdialog';
import { enkat } from './enkat';
import { framgangsfaktorer } from './framgangsfaktorer';
import { gruppcoachning } from './gruppcoachning';
import { incheckning } from './incheckning';
import { larlabb } from './larlabb';
import { learningLab } from './learning-lab';
import { rusProcessen } from './rus-processen';
import { successFactors } from './success-factors';
import type { BuiltInTemplate } from './template';

export type { BuiltInTemplate, Template, TimerPreset } from './template';

/** Swedish first (the seeds), then the English ones; the create form groups them by language. */
export const TEMPLATES: readonly BuiltInTemplate[] = [
	larlabb,
	brpGruppdialog,
	framgangsfaktorer,
	arshjul,
	rusProcessen,
	gruppcoachning,
	enkat,
	incheckning,
	blank,
	learningLab,
	successFactors,
	blankBoard
];

export function findTemplate(id: string): BuiltInTemplate | undefined {
	return TEMPLATES.find((t) => t.id === id);
}

/**
 * The template to start from in a workshop of `language`, when `id` is chosen: a built-in one in
 * another language gives way to its translation (Lärlabb ↔ Learning lab). Any other choice, an
 * own template or one with no translation, is kept: it was the facilitator's.
 */
export function templateInLanguage(id: string, language: BuiltInTemplate['language']): string {
	const chosen = findTemplate(id);
	if (!chosen || chosen.language === language) return id;
	const original = chosen.translationOf ?? chosen.id;
	const translation = TEMPLATES.find((t) => t.language === language && (t.id === original || t.translationOf === original));
	return translation?.id ?? id;
}
