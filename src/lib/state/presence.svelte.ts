/**
 * PresenceState: who is on this board, and where their pointers are. Lives in awareness only,
 * never in the document (DESIGN.md). Awareness state of this client:
 *   { user: { id, name, organisation, colour, role }, cursor: { x, y } | null, selected: id | null,
 *     editing: id | null }
 * `editing` is the note whose text field is open: others see "Bo skriver…" on it.
 * Remote states come from other browsers and are validated field by field before use.
 */
import type { Awareness } from 'y-protocols/awareness';
import { NAME_MAX, ORGANISATION_MAX } from '$board';
import { m } from '../paraglide/messages';
import type { BoardState } from './board.svelte';
import { noteMarks, type NoteMark } from './note-marks';

export interface PresenceUser {
	id: string;
	name: string;
	organisation: string;
	colour: string;
	role: 'participant' | 'facilitator';
}

export interface RemotePeer {
	clientId: number;
	user: PresenceUser;
	cursor: { x: number; y: number } | null;
	selected: string | null;
	editing: string | null;
}

/** Dark enough for white label text at ≥ 4.5:1, and distinct from each other and the notes. */
const CURSOR_COLOURS = ['#b3261e', '#1f5fa8', '#1b6e3a', '#7b3fa0', '#9a4a00', '#0f6b73', '#8a1c5a', '#4d5b12'];

/** The same person gets the same colour on every screen. */
export function colourFor(id: string): string {
	let hash = 0;
	for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
	return CURSOR_COLOURS[hash % CURSOR_COLOURS.length]!;
}

export function readUser(v: unknown): PresenceUser | null {
	if (typeof v !== 'object' || v === null) return null;
	const u = v as Record<string, unknown>;
	if (typeof u.id !== 'string' || typeof u.name !== 'string') return null;
	return {
		id: u.id,
		name: u.name.slice(0, NAME_MAX),
		organisation: typeof u.organisation === 'string' ? u.organisation.slice(0, ORGANISATION_MAX) : '',
		// Only our own palette: a colour string from another browser ends up in a style attribute.
		colour: typeof u.colour === 'string' && CURSOR_COLOURS.includes(u.colour) ? u.colour : colourFor(u.id),
		role: u.role === 'facilitator' ? 'facilitator' : 'participant'
	};
}

function readCursor(v: unknown): { x: number; y: number } | null {
	if (typeof v !== 'object' || v === null) return null;
	const c = v as Record<string, unknown>;
	return typeof c.x === 'number' && Number.isFinite(c.x) && typeof c.y === 'number' && Number.isFinite(c.y)
		? { x: c.x, y: c.y }
		: null;
}

/** "Bo skriver…", "Bo och Cecilia skriver…", "Bo, Cecilia och Dan skriver…"; '' for nobody. */
export function writingLabel(names: string[]): string {
	if (names.length === 0) return '';
	if (names.length === 1) return m.presence_writing({ names: names[0]! });
	return m.presence_writing_many({ names: names.slice(0, -1).join(', '), last: names.at(-1)! });
}

/** Cursor updates go out at most this often; awareness is volatile and cheap, but not free. */
const CURSOR_INTERVAL_MS = 50;

export class PresenceState {
	/** Everyone on this board, me included, one entry per person (two tabs count once). */
	people = $state.raw<PresenceUser[]>([]);
	/** Other browsers with their cursors and selections. */
	peers = $state.raw<RemotePeer[]>([]);
	/**
	 * Selections and open text fields of others, by note. Replaced only when one of them changes,
	 * not when a cursor moves: every note on the board reads it, and cursors move ten times a
	 * second for each person.
	 */
	marks = $state.raw<ReadonlyMap<string, NoteMark>>(new Map());
	readonly me: PresenceUser;

	readonly #awareness: Awareness;
	/** What `peers`, `people` and `marks` were last made from, to leave them be when nothing changed. */
	#seen = { peers: '', people: '', marks: '' };
	#pendingCursor: { x: number; y: number } | null = null;
	#cursorTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		board: BoardState,
		me: { id: string; name: string; organisation: string },
		role: 'participant' | 'facilitator'
	) {
		this.#awareness = board.internals.awareness;
		this.me = { ...me, colour: colourFor(me.id), role };
		this.#awareness.setLocalState({ user: this.me, cursor: null, selected: null, editing: null });
		this.#awareness.on('change', this.#refresh);
		this.#refresh();
	}

	/** Board units, or null when the pointer left the board. */
	setCursor(cursor: { x: number; y: number } | null): void {
		this.#pendingCursor = cursor;
		if (cursor === null) {
			this.#flushCursor();
			return;
		}
		this.#cursorTimer ??= setTimeout(this.#flushCursor, CURSOR_INTERVAL_MS);
	}

	setSelected(noteId: string | null): void {
		if (this.#awareness.getLocalState()?.selected !== noteId) {
			this.#awareness.setLocalStateField('selected', noteId);
		}
	}

	setEditing(noteId: string | null): void {
		if (this.#awareness.getLocalState()?.editing !== noteId) {
			this.#awareness.setLocalStateField('editing', noteId);
		}
	}

	/** Other people with this note's text field open, each once (two tabs of one person count once). */
	writersIn(noteId: string): PresenceUser[] {
		return this.marks.get(noteId)?.writers ?? [];
	}

	destroy(): void {
		if (this.#cursorTimer) clearTimeout(this.#cursorTimer);
		this.#awareness.off('change', this.#refresh);
		this.#awareness.setLocalState(null);
	}

	#flushCursor = (): void => {
		if (this.#cursorTimer) clearTimeout(this.#cursorTimer);
		this.#cursorTimer = null;
		const c = this.#pendingCursor;
		this.#awareness.setLocalStateField('cursor', c && { x: Math.round(c.x), y: Math.round(c.y) });
	};

	#refresh = (): void => {
		const own = this.#awareness.clientID;
		const peers: RemotePeer[] = [];
		const people = new Map<string, PresenceUser>([[this.me.id, this.me]]);
		this.#awareness.getStates().forEach((state, clientId) => {
			if (clientId === own) return;
			const user = readUser(state.user);
			if (!user) return; // a watcher such as a miniature, or junk
			if (!people.has(user.id)) people.set(user.id, user);
			peers.push({
				clientId,
				user,
				cursor: readCursor(state.cursor),
				selected: typeof state.selected === 'string' ? state.selected : null,
				editing: typeof state.editing === 'string' ? state.editing : null
			});
		});
		// Our own cursor moving also lands here: it changes none of the three.
		const users = [...people.values()];
		const seen = {
			peers: JSON.stringify(peers),
			people: JSON.stringify(users),
			marks: JSON.stringify(peers.map((p) => [p.user, p.selected, p.editing]))
		};
		if (seen.peers !== this.#seen.peers) this.peers = peers;
		if (seen.people !== this.#seen.people) this.people = users;
		if (seen.marks !== this.#seen.marks) this.marks = noteMarks(peers, this.me.id);
		this.#seen = seen;
	};
}
