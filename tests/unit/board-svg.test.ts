import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addFigure, addNote, initBoard, findTemplate, readFigures, readNotes } from '../../src/lib/board';
import { boardSvg, wrapText } from '../../server/export/board-svg';
import { pictureArea } from '../../src/lib/picture-layout';
import { png } from '../fixtures/pictures';
import { LONG_SEED_NOTE } from '../fixtures/seed-notes';
import { elements, parseXml, textOf } from '../xml';

const HOSTILE = '<script>x</script> <b>fet</b> & "citat" \'enkla\'';

function board() {
	const doc = new Y.Doc();
	initBoard(doc, findTemplate('blank')!.board);
	addFigure(doc, { kind: 'grid', title: 'Årshjul', x: 0, y: 800, w: 1200, h: 700, columns: ['Aktivitet', 'Syfte'], rows: ['Kunskap & analys', 'Finansiering'] });
	addFigure(doc, { kind: 'columns', title: 'Var befinner ni er?', x: 1400, y: 800, w: 900, h: 500, columns: ['Start', 'Mitten', 'Slut'] });
	const figure = readFigures(doc).find((f) => f.kind === 'question')!;
	addNote(doc, { x: figure.x + 20, y: figure.y + 100, text: HOSTILE }, { id: 'p', name: 'Anna <Berg>', organisation: '' });
	addNote(doc, { x: figure.x + 220, y: figure.y + 100, text: 'Ett mycket långt ord: Regionalutvecklingsstrategiarbetsgruppsmötesprotokollet och en lång text som inte ryms i en lapp av vanlig storlek, så att lappen växer' }, { id: 'p', name: 'Bo', organisation: '' });
	return { figures: readFigures(doc), notes: readNotes(doc) };
}

describe('the picture of a board', () => {
	it('is well-formed SVG whose texts read back exactly, special characters and all', () => {
		const svg = boardSvg({ language: 'sv', caption: 'Grupp 1 – "Lärlabb" & <co>', ...board() });
		const root = parseXml(svg);
		expect(root.name).toBe('svg');
		expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
		const texts = elements(root, 'text').map(textOf);
		expect(texts).toContain('Grupp 1 – "Lärlabb" & <co>');
		// Both notes are made in one millisecond, so they sort by random id: read every note's lines.
		const notes = elements(root, 'g').filter((g) => g.attributes.class === 'note');
		expect(notes.map((g) => elements(g, 'text').map(textOf).slice(0, -1).join(' '))).toContain(HOSTILE);
		expect(texts).toContain('Anna <Berg>');
		expect(svg).not.toContain('<script>');
	});

	it('shows figure titles, column and row headings, and a post-it per note in its colour', () => {
		const svg = boardSvg({ language: 'sv', caption: 'Grupp 1', ...board() });
		const root = parseXml(svg);
		const texts = elements(root, 'text').map(textOf);
		expect(texts).toEqual(expect.arrayContaining(['Vad vill ni diskutera?', 'Årshjul', 'Aktivitet', 'Syfte', 'Kunskap & analys', 'Finansiering', 'Var befinner ni er?', 'Start', 'Mitten', 'Slut']));
		const notes = elements(root, 'g').filter((g) => g.attributes.class === 'note');
		expect(notes).toHaveLength(2);
		expect(elements(notes[0]!, 'rect').some((r) => r.attributes.fill === '#fff1a8')).toBe(true);
	});

	it('fits the viewBox around every figure and note, with a margin', () => {
		const content = board();
		const [x, y, w, h] = parseXml(boardSvg({ language: 'sv', caption: 'Grupp 1', ...content })).attributes.viewBox!.split(' ').map(Number) as [number, number, number, number];
		for (const r of [...content.figures, ...content.notes.map((n) => ({ x: n.x, y: n.y, w: 180, h: 120 }))]) {
			expect(r.x).toBeGreaterThan(x);
			expect(r.y).toBeGreaterThan(y);
			expect(r.x + r.w).toBeLessThan(x + w);
			expect(r.y + r.h).toBeLessThan(y + h);
		}
		expect(x).toBe(Math.min(...content.figures.map((f) => f.x)) - 40);
	});

	it('says so for an empty board', () => {
		const texts = elements(parseXml(boardSvg({ language: 'sv', caption: 'Grupp 2', figures: [], notes: [] })), 'text').map(textOf);
		expect(texts).toEqual(['Grupp 2', 'Tavlan är tom.']);
	});
});

describe('a long note in the picture of a board', () => {
	function withLongNote() {
		const doc = new Y.Doc();
		initBoard(doc, findTemplate('blank')!.board);
		const figure = readFigures(doc)[0]!;
		addNote(doc, { x: figure.x + 20, y: figure.y + 100, text: LONG_SEED_NOTE }, { id: 'p', name: 'Anna Berg', organisation: 'Region Skåne' });
		return { figures: readFigures(doc), notes: readNotes(doc) };
	}

	it('reads back whole, with no "…", on a post-it as tall as its text and inside the picture', () => {
		const root = parseXml(boardSvg({ caption: 'Grupp 1', ...withLongNote(), language: 'sv' }));
		const [note] = elements(root, 'g').filter((g) => g.attributes.class === 'note');
		const texts = elements(note!, 'text');
		const lines = texts.slice(0, -1).map(textOf);
		expect(lines.join(' ')).toBe(LONG_SEED_NOTE);
		expect(lines.join('')).not.toContain('…');
		expect(textOf(texts.at(-1)!)).toBe('Anna Berg');

		const paper = elements(note!, 'rect').find((r) => r.attributes['fill-opacity'] === undefined)!;
		const top = Number(paper.attributes.y);
		const bottom = top + Number(paper.attributes.height);
		// Every line, and the author below them, lies on the post-it, in order.
		const baselines = texts.map((t) => Number(t.attributes.y));
		expect(baselines).toEqual([...baselines].sort((a, b) => a - b));
		expect(baselines[0]!).toBeGreaterThan(top);
		expect(baselines.at(-1)!).toBeLessThan(bottom);
		const [, y, , h] = root.attributes.viewBox!.split(' ').map(Number) as [number, number, number, number];
		expect(bottom).toBeLessThan(y + h);
	});
});

describe('an image figure in the picture of a board', () => {
	const PICTURE_ID = 'AAAAAAAAAAAAAAAAAAAAAA';

	function checkIn() {
		const doc = new Y.Doc();
		initBoard(doc, findTemplate('incheckning')!.board);
		const [figure] = readFigures(doc);
		addNote(doc, { x: figure!.x + 300, y: figure!.y + 300, text: 'Känner igen oss här' }, { id: 'p', name: 'Anna', organisation: '' });
		return { figures: readFigures(doc).map((f, i) => (i === 0 ? { ...f, picture: PICTURE_ID } : f)), notes: readNotes(doc) };
	}

	it('embeds the picture as a data: URI where the board shows it, scaled to fit, under the notes', () => {
		const bytes = png(64, 48);
		const content = checkIn();
		const svg = boardSvg({ caption: 'Grupp 1', ...content, pictures: new Map([[PICTURE_ID, { mime: 'image/png', bytes }]]), language: 'sv' });
		const root = parseXml(svg);
		const [image, ...others] = elements(root, 'image');
		expect(others).toHaveLength(0);
		const href = image!.attributes.href!;
		expect(href.startsWith('data:image/png;base64,')).toBe(true);
		expect(Buffer.from(href.slice('data:image/png;base64,'.length), 'base64').equals(bytes)).toBe(true);
		expect(image!.attributes.preserveAspectRatio).toBe('xMidYMid meet');
		const area = pictureArea(content.figures[0]!);
		expect([image!.attributes.x, image!.attributes.y, image!.attributes.width, image!.attributes.height].map(Number)).toEqual([area.x, area.y, area.w, area.h]);
		// Inside its frame, below the title.
		const frame = content.figures[0]!;
		expect(area.x).toBeGreaterThan(frame.x);
		expect(area.y).toBeGreaterThanOrEqual(frame.y + 64);
		expect(area.y + area.h).toBeLessThan(frame.y + frame.h);
		// The note comes after the picture, so it is drawn over it.
		expect(svg.indexOf('<image')).toBeLessThan(svg.indexOf('Känner igen oss här'));
		// The second figure has no picture yet: the placeholder.
		expect(elements(root, 'text').map(textOf).filter((t) => t === '(bild)')).toHaveLength(1);
	});

	it('keeps the placeholder for a picture whose file is missing', () => {
		const root = parseXml(boardSvg({ caption: 'Grupp 1', ...checkIn(), pictures: new Map(), language: 'sv' }));
		expect(elements(root, 'image')).toHaveLength(0);
		expect(elements(root, 'text').map(textOf).filter((t) => t === '(bild)')).toHaveLength(2);
	});
});

describe('wrapping text for the picture', () => {
	it('breaks at spaces, cuts words longer than a line and ends cut-off text with an ellipsis', () => {
		expect(wrapText('En arena för samtal', 10, 3)).toEqual(['En arena', 'för samtal']);
		expect(wrapText('Regionalutvecklingsstrategi', 10, 5)).toEqual(['Regionalut', 'vecklingss', 'trategi']);
		expect(wrapText('ett två tre fyra fem sex sju', 7, 2)).toEqual(['ett två', 'tre …']);
		expect(wrapText('rad ett\nrad två', 20, 3)).toEqual(['rad ett', 'rad två']);
	});
});
