import { arshjul } from './arshjul';
import { blank } from './blank';
import { brpGruppdialog } from './brp-gruppdialog';
import { enkat } from './enkat';
import { framgangsfaktorer } from './framgangsfaktorer';
import { gruppcoachning } from './gruppcoachning';
import { incheckning } from './incheckning';
import { larlabb } from './larlabb';
import { rusProcessen } from './rus-processen';
import type { Template } from './template';

export type { Template, TimerPreset } from './template';

export const TEMPLATES: readonly Template[] = [
	larlabb,
	brpGruppdialog,
	framgangsfaktorer,
	arshjul,
	rusProcessen,
	gruppcoachning,
	enkat,
	incheckning,
	blank
];

export function findTemplate(id: string): Template | undefined {
	return TEMPLATES.find((t) => t.id === id);
}
