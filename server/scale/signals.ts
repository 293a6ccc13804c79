/**
 * Words between instances that are not document changes (fanout.ts carries them through Redis
 * pub/sub): fire and forget, never stored. A service that needs one takes `Signals | null`, null
 * being a single instance with nobody to tell.
 */
export interface Signals {
	signal(topic: string, body: string): void;
	/** Hears the other instances' signals of a topic (never this instance's own); answers the way to stop. */
	onSignal(topic: string, listener: (body: string) => void): () => void;
}
