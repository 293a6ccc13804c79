/**
 * What one live group board contributes to the plenary (plenary.ts), kept up to date from the
 * board's own change events instead of re-read on every change.
 *
 * Cost: one pass over the notes when the watch starts (the room's load) and again only when the
 * SET of summary figures changes (a summary figure added, removed, or its kind changed: the
 * facilitator's rare act). Per transaction it looks at the keys the transaction touched: a note
 * outside every summary figure costs a map lookup and never wakes the plenary. A note that is or
 * was in a summary figure is marked stale and re-read, alone, when the plenary asks for the source.
 *
 * It also says what changed since the last source (SummaryChanges), so that the plenary writes
 * only those mirrors. It cannot know that for its first source, after the set of summary figures
 * changed, or after resync() (a refresh that failed, another instance that wrote the plenary
 * meanwhile): that source has no changes, and the plenary compares every note.
 *
 * After the doc is destroyed (the room unloaded) the watch keeps answering with what it last
 * read, so a refresh scheduled before the unload still mirrors the group's final state.
 */
import * as Y from 'yjs';
import { boardMaps, readFigures, readNote, type Note } from '../../src/lib/board/schema';
import { mirrorLayout, type SummarySource } from '../../src/lib/board/plenary';

type GroupRef = { id: string; name: string; order: number };

export class SummaryWatch {
	/** Notes read from the doc since the watch started: what a test counts to see the work done. */
	notesRead = 0;
	readonly #doc: Y.Doc;
	readonly #onChange: () => void;
	/** Summary figures, in the order readSummarySource gives them (the first one's title is shown). */
	#figures: { id: string; title: string }[] = [];
	/** The notes in a summary figure, as last read; null for one changed since. */
	readonly #members = new Map<string, Note | null>();
	/** Since the last source; null while it is not known (see the top of the file). */
	#changes: { written: Set<string>; left: Set<string> } | null = null;
	/** Each note's slot in its mirror figure at the last source ("dx,dy"): one that moved is rewritten. */
	#slots = new Map<string, string>();
	#destroyed = false;

	constructor(doc: Y.Doc, onChange: () => void) {
		this.#doc = doc;
		this.#onChange = onChange;
		const { figures, notes } = boardMaps(doc);
		this.#readFigures();
		this.#rescan();
		figures.observeDeep(this.#onFigures);
		notes.observeDeep(this.#onNotes);
		doc.once('destroy', () => this.destroy());
	}

	/**
	 * The group's summary as SummarySource, with what changed since the last call; reads only the
	 * notes changed since then. The changes are handed over: the next call starts a new set.
	 */
	source(group: GroupRef): SummarySource {
		this.#readStale();
		const notes = [...this.#members.values()].filter((n): n is Note => n !== null);
		notes.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
		const changes = this.#changes;
		// Another place in the order, or a row above that grew or shrank, puts a note in another slot.
		const slots = new Map(mirrorLayout(notes.map((n) => n.text)).slots.map(({ dx, dy }, i) => [notes[i]!.id, `${dx},${dy}`]));
		if (changes) {
			for (const [id, slot] of slots) if (this.#slots.get(id) !== slot) changes.written.add(id);
		}
		this.#slots = slots;
		this.#changes = { written: new Set(), left: new Set() };
		const source: SummarySource = { groupId: group.id, groupName: group.name, order: group.order, figureTitle: this.#figures[0]?.title ?? '', notes };
		if (changes) source.changes = changes;
		return source;
	}

	/** The next source says nothing of changes: the plenary then compares every note of the group. */
	resync(): void {
		this.#changes = null;
	}

	/** Stops observing; the last read source stays. Called on the doc's destroy. */
	destroy(): void {
		if (this.#destroyed) return;
		// Read what is stale while the doc still holds it: after the destroy it is gone.
		this.#readStale();
		this.#destroyed = true;
		const { figures, notes } = boardMaps(this.#doc);
		figures.unobserveDeep(this.#onFigures);
		notes.unobserveDeep(this.#onNotes);
	}

	/** Reads the notes changed since they were last read; a note gone from the doc meanwhile is dropped. */
	#readStale(): void {
		const map = this.#destroyed ? null : boardMaps(this.#doc).notes;
		for (const [id, cached] of this.#members) {
			if (cached) continue;
			const live = map?.get(id);
			if (!(live instanceof Y.Map)) continue; // the doc is gone (destroyed): what was read stays
			this.#members.set(id, readNote(id, live));
			this.notesRead++;
		}
	}

	/** Re-derives the summary figures; true when their ids, order or titles changed. */
	#readFigures(): { set: boolean; shown: boolean } {
		const summaries = readFigures(this.#doc)
			.filter((f) => f.kind === 'summary')
			.sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))
			.map((f) => ({ id: f.id, title: f.title }));
		const before = this.#figures;
		this.#figures = summaries;
		const ids = (list: { id: string }[]) => new Set(list.map((f) => f.id));
		const a = ids(before);
		const set = a.size !== summaries.length || summaries.some((f) => !a.has(f.id));
		const shown = set || before[0]?.title !== summaries[0]?.title || before[0]?.id !== summaries[0]?.id;
		return { set, shown };
	}

	/** Which notes are in a summary figure, from scratch: at the start and when the figures' set changed. */
	#rescan(): void {
		const ids = new Set(this.#figures.map((f) => f.id));
		this.#members.clear();
		this.#changes = null;
		boardMaps(this.#doc).notes.forEach((map, id) => {
			if (map instanceof Y.Map && ids.has(map.get('figureId') as string)) this.#members.set(id, null);
		});
	}

	#onFigures = (): void => {
		const changed = this.#readFigures();
		if (changed.set) this.#rescan();
		if (changed.set || changed.shown) this.#onChange();
	};

	#onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
		const { notes } = boardMaps(this.#doc);
		const touched = new Set<string>();
		for (const event of events) {
			if (event.target === notes) for (const key of event.keys.keys()) touched.add(key);
			else if (event.path[0] !== undefined) touched.add(String(event.path[0]));
		}
		const summaries = new Set(this.#figures.map((f) => f.id));
		let changed = false;
		for (const id of touched) {
			const map = notes.get(id);
			const inSummary = map instanceof Y.Map && summaries.has(map.get('figureId') as string);
			if (inSummary) {
				this.#members.set(id, null);
				this.#changes?.written.add(id);
				this.#changes?.left.delete(id);
			} else if (this.#members.delete(id)) {
				this.#changes?.left.add(id);
				this.#changes?.written.delete(id);
			} else continue;
			changed = true;
		}
		if (changed) this.#onChange();
	};
}
