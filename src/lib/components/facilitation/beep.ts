/**
 * A short, soft two-tone beep for "time is up", made with WebAudio (no sound file to load).
 * Browsers only let a page play sound after a person interacted with it, so the AudioContext is
 * created (or resumed) by `unlockBeep()` from the click on the sound toggle, and reused after.
 */

let context: AudioContext | null = null;

/** Call from a click or key handler: afterwards `beep()` may play without one. */
export function unlockBeep(): void {
	if (typeof AudioContext === 'undefined') return;
	context ??= new AudioContext();
	if (context.state === 'suspended') void context.resume();
}

export function beep(): void {
	if (!context) return; // never unlocked: the browser would refuse to play anyway
	const start = context.currentTime;
	for (const [i, frequency] of [880, 660].entries()) {
		const osc = context.createOscillator();
		const gain = context.createGain();
		osc.frequency.value = frequency;
		const t = start + i * 0.25;
		// A quick fade in and out: an abrupt start or stop clicks.
		gain.gain.setValueAtTime(0, t);
		gain.gain.linearRampToValueAtTime(0.25, t + 0.02);
		gain.gain.linearRampToValueAtTime(0, t + 0.22);
		osc.connect(gain).connect(context.destination);
		osc.start(t);
		osc.stop(t + 0.23);
	}
}
