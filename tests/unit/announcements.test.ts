import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '../../src/lib/paraglide/runtime';
import {
	AnnouncementBatcher,
	ChangeBatch,
	chatText,
	CHAT_SPOKEN_MAX,
	placeName,
	voteOpenedText,
	type Timers
} from '../../src/lib/state/announcements';

const QUESTION = { figure: 'Vad vill du veta om myndigheterna?' };
const CELL = { figure: 'Årshjul', row: 'Kunskap', column: 'Syfte' };

/** Timers the test fires by hand: time passes when the test says so, never by waiting. */
function manualTimers() {
	const pending = new Map<number, { fn: () => void; ms: number }>();
	let next = 1;
	const timers: Timers = {
		set: (fn, ms) => (pending.set(next, { fn, ms }), next++),
		clear: (handle) => void pending.delete(handle as number)
	};
	return {
		timers,
		pending,
		fire() {
			const all = [...pending.values()];
			pending.clear();
			for (const t of all) t.fn();
		}
	};
}

describe('placeName: a note is placed by names, not by where it lies', () => {
	it('names a grid cell by its row and column, and a loose note as outside', () => {
		expect(placeName(CELL)).toBe('i ”Årshjul”, rad ”Kunskap”, kolumn ”Syfte”');
		expect(placeName({ figure: 'RUS', row: null, column: 'Utvärdering' })).toBe('i ”RUS”, kolumn ”Utvärdering”');
		expect(placeName({ figure: null })).toBe('utanför figurerna');
	});
});

describe('ChangeBatch: one window told as the net effect per note', () => {
	it('counts new notes per figure in agreeing Swedish', () => {
		const b = new ChangeBatch();
		b.noteAdded('a', QUESTION);
		b.noteAdded('b', QUESTION);
		b.noteAdded('c', CELL);
		expect(b.text()).toBe(
			'2 nya lappar i ”Vad vill du veta om myndigheterna?”. En ny lapp i ”Årshjul”, rad ”Kunskap”, kolumn ”Syfte”.'
		);
	});

	it('tells a note added then moved as new where it ended, and one added then deleted not at all', () => {
		const b = new ChangeBatch();
		b.noteAdded('a', QUESTION);
		b.noteMoved('a', QUESTION, CELL);
		b.noteAdded('gone', QUESTION);
		b.noteDeleted('gone', QUESTION);
		expect(b.text()).toBe('En ny lapp i ”Årshjul”, rad ”Kunskap”, kolumn ”Syfte”.');
	});

	it('tells a move only when the place changes, however many steps a drag took', () => {
		const b = new ChangeBatch();
		const next = { ...CELL, column: 'Mål' };
		b.noteMoved('a', CELL, CELL);
		b.noteMoved('a', CELL, next);
		b.noteMoved('b', QUESTION, QUESTION);
		expect(b.text()).toBe('En lapp flyttad till ”Årshjul”, rad ”Kunskap”, kolumn ”Mål”.');
		const back = new ChangeBatch();
		back.noteMoved('a', CELL, next);
		back.noteMoved('a', next, CELL);
		expect(back.text()).toBe('');
	});

	it('drops what others did to a note the person then moved or deleted themselves', () => {
		const b = new ChangeBatch();
		const next = { ...CELL, column: 'Mål' };
		b.noteMoved('dragged', CELL, next);
		b.noteHandledHere('dragged');
		b.noteAdded('new', QUESTION);
		b.noteHandledHere('new');
		b.noteMoved('other', CELL, next);
		expect(b.text()).toBe('En lapp flyttad till ”Årshjul”, rad ”Kunskap”, kolumn ”Mål”.');
	});

	it('tells deletions where the notes were, and facilitation sentences after the notes', () => {
		const b = new ChangeBatch();
		b.message('Röstningen är stängd. Rösterna syns nu på lapparna.');
		b.noteDeleted('a', QUESTION);
		b.noteDeleted('b', QUESTION);
		b.noteMoved('c', QUESTION, { figure: null });
		expect(b.text()).toBe(
			'En lapp flyttad utanför figurerna. 2 lappar borttagna i ”Vad vill du veta om myndigheterna?”. Röstningen är stängd. Rösterna syns nu på lapparna.'
		);
	});
});

describe('in English', () => {
	const swedish = getLocale;
	afterEach(() => overwriteGetLocale(swedish));

	it('counts, moves and deletes with English agreement, the place named the English way', () => {
		overwriteGetLocale(() => 'en');
		const b = new ChangeBatch();
		b.noteAdded('a', QUESTION);
		b.noteAdded('b', QUESTION);
		b.noteMoved('c', QUESTION, CELL);
		b.noteDeleted('d', { figure: null });
		expect(b.text()).toBe(
			'2 new notes in “Vad vill du veta om myndigheterna?”. A note moved to “Årshjul”, row “Kunskap”, column “Syfte”. A note deleted outside the figures.'
		);
	});
});

describe('AnnouncementBatcher: changes in one window become one announcement', () => {
	it('says nothing until the window closes, then everything in it at once', () => {
		const said: string[] = [];
		const clock = manualTimers();
		const batcher = new AnnouncementBatcher((t) => said.push(t), 2000, clock.timers);
		batcher.add((b) => b.noteAdded('a', QUESTION));
		batcher.add((b) => b.noteAdded('b', QUESTION));
		expect(said).toEqual([]);
		expect([...clock.pending.values()].map((t) => t.ms)).toEqual([2000]);
		clock.fire();
		expect(said).toEqual(['2 nya lappar i ”Vad vill du veta om myndigheterna?”.']);
		batcher.add((b) => b.noteDeleted('a', QUESTION));
		clock.fire();
		expect(said.at(-1)).toBe('En lapp borttagen i ”Vad vill du veta om myndigheterna?”.');
	});

	it('stays silent for a window whose changes cancel out, and after destroy', () => {
		const said: string[] = [];
		const clock = manualTimers();
		const batcher = new AnnouncementBatcher((t) => said.push(t), 2000, clock.timers);
		batcher.add((b) => b.noteMoved('a', QUESTION, QUESTION));
		clock.fire();
		batcher.add((b) => b.noteAdded('b', QUESTION));
		batcher.destroy();
		expect(clock.pending.size).toBe(0);
		expect(said).toEqual([]);
	});
});

describe('facilitation wording', () => {
	it('names what a vote is about on this board', () => {
		expect(voteOpenedText([{ label: '2 favoriter', title: 'Förväntningar' }])).toBe(
			'Röstningen är öppen: 2 favoriter i ”Förväntningar”.'
		);
		expect(voteOpenedText([])).toBe('Workshopledaren har öppnat en röstning.');
	});

	it('cuts a long chat message for the ear and says where the rest is', () => {
		expect(chatText('Bo Ek', 'Hej!')).toBe('Chatt från Bo Ek: Hej!');
		const long = chatText('Bo Ek', 'x'.repeat(CHAT_SPOKEN_MAX + 50));
		expect(long).toContain('(resten finns i chatten)');
		expect(long.length).toBeLessThan(CHAT_SPOKEN_MAX + 60);
	});
});
