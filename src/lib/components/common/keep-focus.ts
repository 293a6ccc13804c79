/**
 * Focus after an action that disables or replaces the control that started it. A disabled or
 * removed button drops focus to <body>, and a keyboard or screen-reader user is then back at the
 * top of the page (WCAG 2.4.3). Once the DOM has settled: if focus is lost, give it back to the
 * control while it is still there and usable, else to the fallback (the control that replaced it,
 * or the status message saying what happened). Focus the user moved on their own is left alone.
 * The fallback is looked up only then, as it may not exist before the update.
 */
import { tick } from 'svelte';

export async function keepFocus(control: HTMLElement | null | undefined, fallback: () => HTMLElement | null | undefined): Promise<void> {
	await tick();
	const active = document.activeElement;
	if (active && active !== document.body && active !== control) return;
	if (control?.isConnected && !control.matches(':disabled')) control.focus();
	else fallback()?.focus();
}
