import { blank } from './blank';
import { incheckning } from './incheckning';
import { larlabb } from './larlabb';
import type { Template } from './template';

export type { Template, TimerPreset } from './template';

export const TEMPLATES: readonly Template[] = [larlabb, incheckning, blank];

export function findTemplate(id: string): Template | undefined {
	return TEMPLATES.find((t) => t.id === id);
}
