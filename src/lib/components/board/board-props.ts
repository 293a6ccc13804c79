import type { WorkshopState } from '$lib/state/workshop.svelte';

/** The props of BoardView, the board as other pages embed it (and of BoardScreen inside it). */
export interface BoardProps {
	code: string;
	boardId: string;
	token: string;
	me: { id: string; name: string; organisation: string };
	role: 'participant' | 'facilitator';
	/** Optional: show the board read-only (the server enforces it regardless). */
	readOnly?: boolean;
	/**
	 * Optional: the page's live workshop doc (timer, broadcast, locks, leader, chat). Without one
	 * the board opens its own connection to it; passing the page's saves a websocket.
	 */
	workshop?: WorkshopState;
	/** Optional: the server refused the connection (4401 bad token, 4403, 4404). */
	onrefused?: (code: number) => void;
}
