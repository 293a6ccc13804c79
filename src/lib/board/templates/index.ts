import { blank } from './blank';
import { larlabb } from './larlabb';
import type { Template } from './template';

export type { Template, TimerPreset } from './template';

export const TEMPLATES: readonly Template[] = [larlabb, blank];

export function findTemplate(id: string): Template | undefined {
	return TEMPLATES.find((t) => t.id === id);
}
