/**
 * Issue 13's guard: a file that has been translated says everything a person reads through the
 * messages (messages/*.json), in every language. Files join TRANSLATED as they are converted;
 * when every `.svelte` file and every file in src/lib is on it, it becomes "all files".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKSHOP_LANGUAGES } from '../../src/lib/board/workshop';
import { looksLikeWords, visibleLiterals } from '../visible-literals';

const TRANSLATED = [
	'src/routes/+layout.svelte',
	'src/routes/+page.svelte',
	'src/routes/api/templates/+server.ts',
	'src/routes/api/templates/[id]/+server.ts',
	'src/routes/api/templates/import/+server.ts',
	'src/routes/api/time/+server.ts',
	'src/routes/api/workshops/+server.ts',
	'src/routes/api/workshops/[code]/+server.ts',
	'src/routes/api/workshops/[code]/boards/[group]/history/+server.ts',
	'src/routes/api/workshops/[code]/boards/[group]/history/[id]/+server.ts',
	'src/routes/api/workshops/[code]/boards/[group]/history/[id]/restore/+server.ts',
	'src/routes/api/workshops/[code]/chat/+server.ts',
	'src/routes/api/workshops/[code]/export/+server.ts',
	'src/routes/api/workshops/[code]/facilitator/+server.ts',
	'src/routes/api/workshops/[code]/groups/+server.ts',
	'src/routes/api/workshops/[code]/groups/[groupId]/+server.ts',
	'src/routes/api/workshops/[code]/leader/+server.ts',
	'src/routes/api/workshops/[code]/participants/+server.ts',
	'src/routes/api/workshops/[code]/participants/[participantId]/+server.ts',
	'src/routes/api/workshops/[code]/pictures/+server.ts',
	'src/routes/api/workshops/[code]/pictures/[id]/+server.ts',
	'src/routes/api/workshops/[code]/pictures/[id]/share/+server.ts',
	'src/routes/api/workshops/[code]/plenary/copy/+server.ts',
	'src/routes/api/workshops/[code]/retention/+server.ts',
	'src/routes/api/workshops/[code]/reveal/+server.ts',
	'src/routes/api/workshops/[code]/templates/+server.ts',
	'src/routes/api/workshops/[code]/themes/+server.ts',
	'src/routes/api/workshops/[code]/vote/close/+server.ts',
	'src/routes/api/workshops/[code]/vote/open/+server.ts',
	'src/routes/api/workshops/import/+server.ts',
	'src/routes/w/[code]/+page.svelte',
	'src/routes/w/[code]/+page.ts',
	'src/routes/w/[code]/board/+page.svelte',
	'src/routes/w/[code]/facilitate/+page.svelte',
	'src/routes/w/[code]/plenum/+page.svelte',
	'src/routes/w/[code]/present/+page.svelte',
	'src/routes/w/[code]/present/+page.ts',
	'src/routes/w/[code]/summary/+page.svelte',
	'src/routes/w/[code]/summary/+page.ts',
	'src/lib/api-client.ts',
	'src/lib/board/board-outline.ts',
	'src/lib/board/compile.ts',
	'src/lib/board/headings.ts',
	'src/lib/board/names.ts',
	'src/lib/board/organisations.ts',
	'src/lib/board/phase-actions.ts',
	'src/lib/board/plenary.ts',
	'src/lib/board/present.ts',
	'src/lib/board/template-file.ts',
	'src/lib/board/vote-results.ts',
	'src/lib/board/workshop-file.ts',
	'src/lib/board/workshop.ts',
	'src/lib/components/board/AddFigureMenu.svelte',
	'src/lib/components/board/BoardBar.svelte',
	'src/lib/components/board/BoardCanvas.svelte',
	'src/lib/components/board/BoardMiniature.svelte',
	'src/lib/components/board/BoardScreen.svelte',
	'src/lib/components/board/BoardsMenu.svelte',
	'src/lib/components/board/ConnectionBadge.svelte',
	'src/lib/components/board/DraftNote.svelte',
	'src/lib/components/board/FigureColumns.svelte',
	'src/lib/components/board/FigureFrame.svelte',
	'src/lib/components/board/FigureGrid.svelte',
	'src/lib/components/board/FigureHeading.svelte',
	'src/lib/components/board/FigurePicture.svelte',
	'src/lib/components/board/FigureTitle.svelte',
	'src/lib/components/board/FigureVoteBar.svelte',
	'src/lib/components/board/HeadingTools.svelte',
	'src/lib/components/board/IndividualBanner.svelte',
	'src/lib/components/board/InstructionsPanel.svelte',
	'src/lib/components/board/LeaderButton.svelte',
	'src/lib/components/board/NoteCard.svelte',
	'src/lib/components/board/NoteTextField.svelte',
	'src/lib/components/board/NoteToolbar.svelte',
	'src/lib/components/board/NoteVote.svelte',
	'src/lib/components/board/PresenceList.svelte',
	'src/lib/components/board/RefusalMessage.svelte',
	'src/lib/components/board/RemoteCursors.svelte',
	'src/lib/components/board/list/BoardList.svelte',
	'src/lib/components/board/list/ListFigure.svelte',
	'src/lib/components/board/list/ListNote.svelte',
	'src/lib/components/board/list/MoveNote.svelte',
	'src/lib/components/board/note-label.ts',
	'src/lib/components/common/CopyField.svelte',
	'src/lib/components/common/LanguageField.svelte',
	'src/lib/components/common/LanguageSwitch.svelte',
	'src/lib/components/common/NotJoined.svelte',
	'src/lib/components/facilitate/BoardAccess.svelte',
	'src/lib/components/facilitate/BroadcastForm.svelte',
	'src/lib/components/facilitate/ConnectionBadge.svelte',
	'src/lib/components/facilitate/ControlChat.svelte',
	'src/lib/components/facilitate/ControlPanel.svelte',
	'src/lib/components/facilitate/ControlRoom.svelte',
	'src/lib/components/facilitate/DeletedItems.svelte',
	'src/lib/components/facilitate/ExportControls.svelte',
	'src/lib/components/facilitate/GroupBoard.svelte',
	'src/lib/components/facilitate/GroupManager.svelte',
	'src/lib/components/facilitate/GroupOverview.svelte',
	'src/lib/components/facilitate/GroupPeople.svelte',
	'src/lib/components/facilitate/GroupTile.svelte',
	'src/lib/components/facilitate/HistoryControls.svelte',
	'src/lib/components/facilitate/IndividualControls.svelte',
	'src/lib/components/facilitate/JoinDialog.svelte',
	'src/lib/components/facilitate/JoinPanel.svelte',
	'src/lib/components/facilitate/ManagedPerson.svelte',
	'src/lib/components/facilitate/PresentControls.svelte',
	'src/lib/components/facilitate/QrCode.svelte',
	'src/lib/components/facilitate/RetentionControls.svelte',
	'src/lib/components/facilitate/RoomSection.svelte',
	'src/lib/components/facilitate/RunSheetControls.svelte',
	'src/lib/components/facilitate/TemplateControls.svelte',
	'src/lib/components/facilitate/TimerControls.svelte',
	'src/lib/components/facilitate/VoteControls.svelte',
	'src/lib/components/facilitation/BroadcastBanner.svelte',
	'src/lib/components/facilitation/ChatForm.svelte',
	'src/lib/components/facilitation/ChatMessageItem.svelte',
	'src/lib/components/facilitation/ChatPanel.svelte',
	'src/lib/components/facilitation/LockIcon.svelte',
	'src/lib/components/facilitation/TimerDisplay.svelte',
	'src/lib/components/home/CreateWorkshop.svelte',
	'src/lib/components/home/CreatedWorkshop.svelte',
	'src/lib/components/home/ImportFiles.svelte',
	'src/lib/components/home/JoinWithCode.svelte',
	'src/lib/components/home/TemplatePicker.svelte',
	'src/lib/components/join/GroupPicker.svelte',
	'src/lib/components/join/JoinForm.svelte',
	'src/lib/components/join/organisations.ts',
	'src/lib/components/present/FollowLinks.svelte',
	'src/lib/components/present/GridTable.svelte',
	'src/lib/components/present/NoteResult.svelte',
	'src/lib/components/present/PictureShow.svelte',
	'src/lib/components/present/PresentJoin.svelte',
	'src/lib/components/present/PresentStage.svelte',
	'src/lib/components/present/ShowPiece.svelte',
	'src/lib/components/present/fit.ts',
	'src/lib/components/present/show-sections.ts',
	'src/lib/components/summary/SummaryItemRow.svelte',
	'src/lib/components/summary/SummaryQuestionCard.svelte',
	'src/lib/components/summary/ThemeSuggestions.svelte',
	'src/lib/components/summary/quoted.ts',
	'src/lib/i18n/format.ts',
	'src/lib/i18n/language.svelte.ts',
	'src/lib/said-messages.ts',
	'src/lib/said.ts',
	'src/lib/server/api.ts',
	'src/lib/server/limits.ts',
	'src/lib/state/announcements.ts',
	'src/lib/state/board-ui.svelte.ts',
	'src/lib/state/drafts.svelte.ts',
	'src/lib/state/new-figure.ts',
	'src/lib/state/presence.svelte.ts',
	'src/lib/state/type-ahead.ts',
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
	'server/workshops/leaders.ts',
	'server/workshops/member.ts',
	'server/workshops/plenary.ts',
	'server/workshops/retention.ts',
	'server/workshops/reveal.ts',
	'server/workshops/service.ts',
	'server/workshops/votes.ts'
];

const root = path.resolve(import.meta.dirname, '../..');
const messages = (locale: string) => JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')) as Record<string, unknown>;

describe('text people read comes from the messages', () => {
	it.each(TRANSLATED)('%s has no user-visible literal of its own', (file) => {
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
