/**
 * Issue 13's guard: everything a person reads comes from the messages (messages/*.json), in every
 * language. It reads every `.svelte` file and every TypeScript file under src/lib and src/routes
 * (a new file is covered the day it is written), and the server's files that speak to people:
 * refusals, exports, and the words the server writes into shared docs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKSHOP_LANGUAGES } from '../../src/lib/board/workshop';
import { looksLikeWords, visibleLiterals } from '../visible-literals';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Not interface text: Paraglide's output is the messages themselves, and a built-in template is
 * content in its own language (Lärlabb in Swedish, Learning lab in English), kept as written.
 */
const NOT_INTERFACE = ['src/lib/paraglide/', 'src/lib/board/templates/'];

/** The server's files that say things to people. Its other files speak to operators and developers (logs, /readyz). */
const SERVER_FILES = [
	'server/export/board-svg.ts',
	'server/export/chat.ts',
	'server/export/csv.ts',
	'server/export/document.ts',
	'server/export/docx.ts',
	'server/export/markdown-text.ts',
	'server/export/markdown.ts',
	'server/export/pdf.ts',
	'server/export/service.ts',
	'server/export/workshop-json.ts',
	'server/history/service.ts',
	'server/http/body.ts',
	'server/http/say.ts',
	'server/http/user-error.ts',
	'server/pictures/carried.ts',
	'server/pictures/share.ts',
	'server/pictures/store.ts',
	'server/scale/seat-lock.ts',
	'server/store/free-space.ts',
	'server/templates/service.ts',
	'server/themes/service.ts',
	'server/workshops/chat.ts',
	'server/workshops/groups.ts',
	'server/workshops/leaders.ts',
	'server/workshops/member.ts',
	'server/workshops/plenary.ts',
	'server/workshops/retention.ts',
	'server/workshops/reveal.ts',
	'server/workshops/service.ts',
	'server/workshops/votes.ts'
];

function filesUnder(dir: string): string[] {
	return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const file = `${dir}/${entry.name}`;
		return entry.isDirectory() ? filesUnder(file) : [file];
	});
}

const PERSON_FACING = [
	...filesUnder('src').filter((f) => f.endsWith('.svelte') || (/^src\/(lib|routes)\//.test(f) && f.endsWith('.ts') && !f.endsWith('.d.ts'))),
	...SERVER_FILES
].filter((f) => !NOT_INTERFACE.some((dir) => f.startsWith(dir)));

const messages = (locale: string) => JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')) as Record<string, unknown>;

describe('text people read comes from the messages', () => {
	it.each(PERSON_FACING)('%s has no user-visible literal of its own', (file) => {
		expect(visibleLiterals(path.join(root, file)).map((l) => `${file}:${l.line} ${l.text}`)).toEqual([]);
	});

	it('finds a literal in markup, in a spoken attribute, in an expression and in a script', () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'verkstad-guard-')), 'Sample.svelte');
		try {
			fs.writeFileSync(
				file,
				[
					'<script lang="ts">',
					"\tconst status = 'Sparat!';",
					"\tconst css = 'form-error status';",
					"\tif (!ui) throw new Error('Rendered outside BoardView');",
					"\tif (!id) throw new Error(`not a picture id: ${id}`);",
					'</script>',
					'<p class="hint">Hej</p>',
					'<button aria-label="Stäng" type="button">{busy ? \'Skapar…\' : label}</button>',
					'<style>p { color: red; }</style>'
				].join('\n')
			);
			expect(visibleLiterals(file).map((l) => l.text)).toEqual(['Sparat!', 'Hej', 'Stäng', 'Skapar…']);
		} finally {
			fs.rmSync(path.dirname(file), { recursive: true });
		}
	});

	it('tells words for people from code strings', () => {
		for (const words of ['Full', 'Gå med', 'Kopierat!', 'the text is selected.', 'Läser in…']) expect(looksLikeWords(words)).toBe(true);
		for (const code of ['GET', 'form-error status', 'application/json', 'create-title-error', 'ApiError', 'larlabb', '']) {
			expect(looksLikeWords(code)).toBe(false);
		}
	});

	it('has every message in every language, and a workshop can be run in each of them', () => {
		const settings = JSON.parse(fs.readFileSync(path.join(root, 'project.inlang', 'settings.json'), 'utf8')) as { locales: string[] };
		expect([...WORKSHOP_LANGUAGES]).toEqual(settings.locales);
		const swedish = Object.keys(messages('sv')).sort();
		for (const locale of settings.locales) expect(Object.keys(messages(locale)).sort(), locale).toEqual(swedish);
	});
});
