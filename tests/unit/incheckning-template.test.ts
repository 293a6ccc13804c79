/** The Incheckning / Utcheckning template (seeds 000 and 001) builds a board people can run. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { figureAt, findTemplate, initBoard, readFigures, readRunSheet, setPhases } from '../../src/lib/board';

describe('the Incheckning / Utcheckning template', () => {
	const template = findTemplate('incheckning')!;

	it('makes two image figures, waiting for their pictures, that do not overlap', () => {
		const doc = new Y.Doc();
		initBoard(doc, template.board);
		// Both figures are the same size, so readFigures orders them by their random ids: sort by title.
		const figures = readFigures(doc).sort((a, b) => a.title.localeCompare(b.title, 'sv'));
		expect(figures.map((f) => [f.kind, f.title.split(':')[0], f.picture])).toEqual([
			['image', 'Incheckning', null],
			['image', 'Utcheckning', null]
		]);
		// A note dropped in the middle of each picture lands in that figure.
		for (const f of figures) expect(figureAt(figures, f.x + f.w / 2, f.y + f.h / 2)?.id).toBe(f.id);
	});

	it('tells people how to comment on the picture, and has the seeds’ timings', () => {
		expect(template.board.instructions).toMatch(/Dubbelklicka .* på det ställe i bilden/);
		expect(template.board.instructions).toContain('Lämna sedan din kommentar på bilden!');
		const doc = new Y.Doc();
		setPhases(doc, template.runSheet);
		const phases = readRunSheet(doc).phases;
		expect(phases).toEqual(template.runSheet); // every phase survives the doc's validation
		expect(phases[0]).toEqual({ label: 'Incheckning', minutes: 5 }); // seed 001: "Totalt fem minuter"
		expect(phases.at(-1)?.lockAtEnd).toBe(true);
		expect(template.timerPresets.map((p) => p.minutes)).toEqual([5, 1, 10]);
	});
});
