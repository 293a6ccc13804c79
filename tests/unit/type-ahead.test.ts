import { describe, expect, it } from 'vitest';
import { TypeAhead } from '../../src/lib/state/type-ahead';

/** A keydown as the browser sends it, on a plain EventTarget (the unit tests have no DOM). */
function press(target: EventTarget, key: string, mods: { ctrlKey?: boolean } = {}): Event {
	const event = Object.assign(new Event('keydown', { cancelable: true }), { key, ctrlKey: false, metaKey: false, altKey: false, isComposing: false, ...mods });
	target.dispatchEvent(event);
	return event;
}

describe('TypeAhead', () => {
	it('holds what is typed until the field takes it, spaces and line breaks too, and keeps the keys from anything else', () => {
		const window = new EventTarget();
		const typeAhead = new TypeAhead();
		typeAhead.start(window);
		const reachedButton: string[] = [];
		window.addEventListener('keydown', (e) => reachedButton.push((e as KeyboardEvent).key));
		for (const key of ['E', 'n', 'End', ' ', 'a', 'r', 'e', 'x', 'Backspace', 'n', 'a', 'Enter', '!']) press(window, key);
		expect(typeAhead.take()).toEqual({ text: 'En arena\n!', escape: false });
		expect(reachedButton).toEqual([]);
		// Taken once: the field has the keys from now on.
		press(window, 'x');
		expect(reachedButton).toEqual(['x']);
		expect(typeAhead.take()).toEqual({ text: '', escape: false });
	});

	it('keeps Escape for after the text, and lets a key that moves on, or a shortcut, through', () => {
		const window = new EventTarget();
		const typeAhead = new TypeAhead();
		typeAhead.start(window);
		press(window, 'a');
		expect(press(window, 'z', { ctrlKey: true }).defaultPrevented).toBe(false);
		press(window, 'Escape');
		expect(typeAhead.take()).toEqual({ text: 'a', escape: true });

		typeAhead.start(window);
		press(window, 'b');
		expect(press(window, 'Tab').defaultPrevented).toBe(false);
		expect(press(window, 'c').defaultPrevented).toBe(false);
		expect(typeAhead.take()).toEqual({ text: '', escape: false });
	});
});
