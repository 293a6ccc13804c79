/**
 * The workshop and template files: what the import accepts, what it refuses and with which
 * sentence, and that a board read into a file and written back is the same board.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addFigure,
	addNote,
	FIGURE_KINDS,
	initBoard,
	NOTE_TEXT_MAX,
	readBoardContent,
	readFigure,
	summaryItemKey,
	TEMPLATES,
	writeBoardContent
} from '../../src/lib/board';
import { PICTURE_MAX_BYTES, PICTURES_PER_WORKSHOP_MAX } from '../../src/lib/pictures';
import { say } from '../../server/http/say';
import { base64Bytes, figureFields, parseWorkshopFile, WORKSHOP_FILE_FORMAT, type WorkshopFile } from '../../src/lib/board/workshop-file';
import { boardAsTemplate, parseTemplateFile, templateFile } from '../../src/lib/board/template-file';

const anna = { id: 'p1', name: 'Anna Berg', organisation: 'Region Skåne' };
/** A picture id as the server makes them: 22 characters of base64url. */
const PICTURE_ID = 'Q2hlY2staW4tcGljdHVyZQ';
/** The first bytes of a PNG, in base64 (the schema checks the encoding and size; the server sniffs). */
const PNG_BASE64 = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]).toString('base64');

/** A board with every figure kind and a note in the first figure, read into a file. */
function exportedFile(): WorkshopFile {
	const doc = new Y.Doc();
	initBoard(doc, TEMPLATES.find((t) => t.id === 'larlabb')!.board);
	addFigure(doc, { kind: 'grid', title: 'Aktivitetsplan', x: 0, y: 1200, w: 1200, h: 800, columns: ['Aktivitet', 'Mål'], rows: ['Kunskap'] });
	addFigure(doc, { kind: 'image', title: 'Incheckning', x: 1300, y: 1200, w: 600, h: 400, picture: PICTURE_ID });
	const content = readBoardContent(doc);
	const first = content.figures[0]!;
	addNote(doc, { x: first.x + 20, y: first.y + 100, text: 'En arena för samtal', color: 'pink' }, anna);
	return {
		format: WORKSHOP_FILE_FORMAT,
		version: 3,
		exportedAt: new Date(0).toISOString(),
		workshop: {
			title: 'Lärlabb',
			template: 'larlabb',
			language: 'sv',
			groupCapacity: 12,
			openBoards: false,
			groups: [{ id: 'g1', name: 'Grupp 1' }],
			runSheet: [{ label: 'Diskutera', minutes: 25, lockAtEnd: true }],
			timerPresets: [{ label: 'Hela övningen', minutes: 40 }]
		},
		boards: [{ groupId: 'g1', ...readBoardContent(doc) }],
		chat: [{ id: 'c1', authorId: 'facilitator', name: 'Workshopledare', organisation: '', role: 'facilitator', text: 'Välkomna!', at: 1 }],
		pictures: { [PICTURE_ID]: { type: 'image/png', data: PNG_BASE64 } },
		summary: {
			[summaryItemKey(first.title, 'En arena för samtal')]: { text: 'En arena för samtal mellan regioner', rank: 0 },
			[summaryItemKey(first.title, 'Kaffe')]: { drop: true, into: summaryItemKey(first.title, 'Fika') }
		}
	};
}

/** The refusal as a Swedish reader gets it. */
function refusal(input: unknown): string {
	const result = parseWorkshopFile(input);
	if (result.ok) throw new Error('expected the file to be refused');
	return say(result.error, 'sv');
}

describe('the workshop file', () => {
	it('accepts an export and reads back the same board, ids, authors and figure keys included', () => {
		const file = exportedFile();
		const parsed = parseWorkshopFile(JSON.parse(JSON.stringify(file)));
		expect(parsed).toEqual({ ok: true, file });

		const copy = new Y.Doc();
		writeBoardContent(copy, file.boards[0]!);
		const { groupId: _groupId, ...board } = file.boards[0]!;
		expect(readBoardContent(copy)).toEqual(board);
		expect(readBoardContent(copy).notes[0]).toMatchObject({ text: 'En arena för samtal', authorName: 'Anna Berg', color: 'pink' });
	});

	it('carries every key a figure has, so that no figure kind loses its own keys', () => {
		const keys = Object.keys(readFigure('f1', new Y.Doc().getMap('figure'))).filter((k) => k !== 'id');
		expect(keys.sort()).toEqual(Object.keys(figureFields.shape).sort());
		expect(figureFields.shape.kind.options).toEqual([...FIGURE_KINDS]);
	});

	it('refuses another file, another version and garbage, each with its own sentence', () => {
		expect(refusal('hej')).toMatch(/inte en workshop-export från Verkstad/);
		expect(refusal({ ...exportedFile(), format: 'verkstad-template' })).toMatch(/inte en workshop-export/);
		expect(refusal({ ...exportedFile(), version: 4 })).toMatch(/nyare Verkstad \(version 4\)/);
		expect(refusal({ ...exportedFile(), version: 0 })).toMatch(/version \(0\) stöds inte\. Den här Verkstad läser version 1–3\./);
		expect(refusal({ ...exportedFile(), version: 1.5 })).toMatch(/version \(1\.5\) stöds inte/);
		expect(refusal({ ...exportedFile(), boards: 'nej' })).toMatch(/^Filen kan inte läsas in: .* \(i boards\)\.$/);
	});

	it('refuses oversize texts and counts, and boards that do not fit their groups', () => {
		const long = exportedFile();
		long.boards[0]!.notes[0]!.text = 'x'.repeat(NOTE_TEXT_MAX + 1);
		expect(refusal(long)).toBe(`Filen kan inte läsas in: En lapp får vara högst ${NOTE_TEXT_MAX} tecken (i boards[0].notes[0].text).`);

		const crowded = exportedFile();
		crowded.workshop.groups = Array.from({ length: 31 }, (_, i) => ({ id: `g${i + 1}`, name: `Grupp ${i + 1}` }));
		expect(refusal(crowded)).toMatch(/högst 30 grupper/);

		const noGroups = exportedFile();
		noGroups.workshop.groups = [];
		expect(refusal(noGroups)).toMatch(/inga grupper/);

		const orphan = exportedFile();
		orphan.boards[0]!.groupId = 'g9';
		expect(refusal(orphan)).toMatch(/Varje grupp i filen ska ha precis en tavla/);

		const lost = exportedFile();
		lost.boards[0]!.notes[0]!.figureId = 'nowhere';
		expect(refusal(lost)).toMatch(/figur som inte finns/);

		const alien = exportedFile();
		(alien.boards[0]!.figures[0] as { kind: string }).kind = 'hologram';
		expect(refusal(alien)).toMatch(/okänd sort/);
	});

	it("refuses a name or organisation with hidden controls, as the join does: in a note's credit or in the chat", () => {
		const reversed = exportedFile();
		reversed.boards[0]!.notes[0]!.authorName = 'Anna \u202Eakäs noigeR';
		expect(refusal(reversed)).toBe(
			'Filen kan inte läsas in: Ett namn i filen innehåller dolda styrtecken eller tecken som vänder textens riktning (i boards[0].notes[0].authorName).'
		);
		const nul = exportedFile();
		nul.chat[0]!.organisation = 'Region\u0000Skåne';
		expect(refusal(nul)).toMatch(/En organisation i chatten i filen innehåller dolda styrtecken/);
		const rtl = exportedFile();
		rtl.boards[0]!.notes[0]!.authorName = 'مريم';
		expect(parseWorkshopFile(rtl).ok).toBe(true);
	});
});

describe('pictures in the workshop file', () => {
	it('reads a version-1 file, which has no pictures, as one with none', () => {
		const { pictures: _pictures, ...rest } = exportedFile();
		const parsed = parseWorkshopFile({ ...rest, version: 1 });
		expect(parsed).toEqual({ ok: true, file: { ...rest, version: 1, pictures: {} } });
	});

	it("carries the workshop's language, reads a file without one as Swedish, and refuses an unknown one", () => {
		const file = exportedFile();
		const english = parseWorkshopFile({ ...file, workshop: { ...file.workshop, language: 'en' } });
		expect(english.ok && english.file.workshop.language).toBe('en');
		const { language: _language, ...older } = file.workshop;
		const unmarked = parseWorkshopFile({ ...file, workshop: older });
		expect(unmarked.ok && unmarked.file.workshop.language).toBe('sv');
		expect(refusal({ ...file, workshop: { ...file.workshop, language: 'de' } })).toContain('okänt språk. Kända språk: sv, en');
	});

	it('keeps each picture under its id with its type and base64 data', () => {
		const parsed = parseWorkshopFile(JSON.parse(JSON.stringify(exportedFile())));
		expect(parsed.ok && parsed.file.pictures).toEqual({ [PICTURE_ID]: { type: 'image/png', data: PNG_BASE64 } });
	});

	it('knows how many bytes base64 stands for', () => {
		for (const size of [1, 2, 3, 4, 5, 16, 1000]) expect(base64Bytes(Buffer.alloc(size, 7).toString('base64'))).toBe(size);
	});

	it('refuses a picture that is not base64, is empty, too large, of another type, or under a bad id', () => {
		const withPicture = (picture: unknown, id = PICTURE_ID) => ({ ...exportedFile(), pictures: { [id]: picture } });
		const where = `(i pictures.${PICTURE_ID}.data)`;
		expect(refusal(withPicture({ type: 'image/png', data: 'inte base64!' }))).toBe(`Filen kan inte läsas in: En bild är inte kodad som base64 ${where}.`);
		expect(refusal(withPicture({ type: 'image/png', data: 'QUJD\nREVG' }))).toMatch(/inte kodad som base64/);
		expect(refusal(withPicture({ type: 'image/png', data: 'QUJ' }))).toMatch(/inte kodad som base64/);
		expect(refusal(withPicture({ type: 'image/png', data: '' }))).toBe(`Filen kan inte läsas in: En bild är tom ${where}.`);
		const tooLarge = Buffer.alloc(PICTURE_MAX_BYTES + 1).toString('base64');
		expect(refusal(withPicture({ type: 'image/png', data: tooLarge }))).toBe(`Filen kan inte läsas in: En bild får vara högst 10 MB ${where}.`);
		expect(refusal(withPicture({ type: 'image/gif', data: PNG_BASE64 }))).toMatch(/^Filen kan inte läsas in: En bild ska vara av typen image\/png, image\/jpeg eller image\/webp/);
		expect(refusal(withPicture({ type: 'image/png' }))).toMatch(/^Filen kan inte läsas in: .*pictures\.Q2hlY2staW4tcGljdHVyZQ\.data/);
		expect(refusal(withPicture({ type: 'image/png', data: PNG_BASE64 }, '../../etc/passwd'))).toBe(
			'Filen kan inte läsas in: En bild har ett id som Verkstad inte ger (22 tecken: a–z, A–Z, 0–9, - och _) (i pictures).'
		);
		expect(refusal({ ...exportedFile(), pictures: [] })).toMatch(/\(i pictures\)/);
	});

	it(`refuses more than ${PICTURES_PER_WORKSHOP_MAX} pictures`, () => {
		const many = Object.fromEntries(
			Array.from({ length: PICTURES_PER_WORKSHOP_MAX + 1 }, (_, i) => [`picture-${String(i).padStart(14, '0')}`, { type: 'image/png', data: PNG_BASE64 }])
		);
		expect(refusal({ ...exportedFile(), pictures: many })).toMatch(/högst 200 bilder/);
		const enough = Object.fromEntries(Object.entries(many).slice(0, PICTURES_PER_WORKSHOP_MAX));
		expect(parseWorkshopFile({ ...exportedFile(), pictures: enough }).ok).toBe(true);
	});
});

describe('summary edits in the workshop file', () => {
	it('reads a version-2 file, which has no summary edits, as one with none', () => {
		const { summary: _summary, ...rest } = exportedFile();
		expect(parseWorkshopFile({ ...rest, version: 2 })).toEqual({ ok: true, file: { ...rest, version: 2, summary: {} } });
	});

	it('refuses an item key the app cannot make, an empty wording and a place that is not an index', () => {
		const withItem = (key: string, item: unknown) => ({ ...exportedFile(), summary: { [key]: item } });
		const key = summaryItemKey('Fråga', 'Svar');
		expect(refusal(withItem('drop:någonting', { drop: true }))).toMatch(/en nyckel som Verkstad inte ger/);
		expect(refusal(withItem(key, { into: '["bara en"]' }))).toMatch(/en nyckel som Verkstad inte ger/);
		expect(refusal(withItem(key, { text: '' }))).toMatch(/^Filen kan inte läsas in/);
		expect(refusal(withItem(key, { rank: 1.5 }))).toMatch(/en plats som Verkstad inte ger/);
		expect(refusal(withItem(key, { text: 'x'.repeat(NOTE_TEXT_MAX + 1) }))).toMatch(/högst 500 tecken/);
	});

	it('carries an accepted theme, and takes nothing but true for it', () => {
		const key = summaryItemKey('Fråga', 'Svar');
		const file = { ...exportedFile(), summary: { [key]: { text: 'Ett tema', theme: true } } };
		const parsed = parseWorkshopFile(file);
		expect(parsed.ok && parsed.file.summary[key]).toEqual({ text: 'Ett tema', theme: true });
		expect(parseWorkshopFile({ ...file, summary: { [key]: { theme: 'ja' } } }).ok).toBe(false);
	});
});

describe('the template file', () => {
	it('turns a board into a template without its notes, and a built-in template into a file that parses back', () => {
		const board = exportedFile().boards[0]!;
		const template = boardAsTemplate(board);
		expect(template.figures).toHaveLength(board.figures.length);
		expect(template).not.toHaveProperty('notes');
		expect(template.figures.find((f) => f.kind === 'grid')).toMatchObject({ columns: ['Aktivitet', 'Mål'], rows: ['Kunskap'] });

		for (const builtIn of TEMPLATES) {
			const file = templateFile(builtIn);
			expect(parseTemplateFile(JSON.parse(JSON.stringify(file)))).toEqual({ ok: true, file });
		}
	});

	it('refuses a workshop file, a nameless template and a newer version', () => {
		const file = templateFile(TEMPLATES[0]!);
		const error = (input: unknown) => {
			const result = parseTemplateFile(input);
			return result.ok ? '' : say(result.error, 'sv');
		};
		expect(error(exportedFile())).toMatch(/inte en mall från Verkstad/);
		expect(error({ ...file, template: { ...file.template, name: '  ' } })).toMatch(/Ge mallen ett namn/);
		expect(error({ ...file, version: 3 })).toMatch(/nyare Verkstad/);
	});
});
