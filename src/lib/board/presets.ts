/**
 * The workshop's timer presets ("Hela övningen 40 min"), kept in the workshop document's `meta`
 * under `timerPresets` as one plain array. They are copied from the template when the workshop is
 * made, so that a workshop made from an own template or from an imported file has its presets
 * without the browser knowing that template. Workshops made before this key existed have none in
 * the doc; readers then fall back to the built-in template of the same id.
 */
import type * as Y from 'yjs';
import type { TimerPreset } from './templates/template';

/** A handful are shown as buttons; more would not fit the timer card. */
export const TIMER_PRESETS_MAX = 12;
export const TIMER_PRESET_LABEL_MAX = 60;

export function setTimerPresets(doc: Y.Doc, presets: readonly TimerPreset[], origin?: unknown): void {
	const clean = presets
		.slice(0, TIMER_PRESETS_MAX)
		.map((p) => ({ label: p.label.slice(0, TIMER_PRESET_LABEL_MAX), minutes: p.minutes }));
	doc.transact(() => doc.getMap('meta').set('timerPresets', clean), origin);
}

/** The presets in the doc, or null when the doc has none (made before presets were stored). */
export function readTimerPresets(doc: Y.Doc): TimerPreset[] | null {
	const value = doc.getMap('meta').get('timerPresets');
	if (!Array.isArray(value)) return null;
	return value.flatMap((p): TimerPreset[] => {
		if (typeof p !== 'object' || p === null) return [];
		const { label, minutes } = p as Record<string, unknown>;
		return typeof label === 'string' && typeof minutes === 'number' && minutes > 0 ? [{ label, minutes }] : [];
	});
}
