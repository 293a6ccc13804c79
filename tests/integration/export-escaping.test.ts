/**
 * Hostile text in the Markdown exports, end to end: notes written by stock y-websocket clients,
 * names and organisations given at join, chat posted through ChatService, downloaded through
 * ExportService and rendered by a common Markdown renderer (marked, which sanitises nothing).
 * Nothing a person wrote may become an element, an attribute or a link; it must read as typed.
 */
import { marked } from 'marked';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../server/export/service';
import { ChatService } from '../../server/workshops/chat';
import { claimsOf, createWorkshop, startServer, writeNotes, type TestServer, type TestWorkshop } from './helpers';

const FIGURE = 'Vad vill ni diskutera?'; // the blank template's one figure
const HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[klicka](javascript:alert(1))', '![x](data:text/html,hej)'];
const NAME = '<b onclick=alert(1)>Eve</b>';
const ORGANISATION = '[Region](vbscript:msgbox(1))';

let server: TestServer;
let w: TestWorkshop;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 2);
});
afterEach(async () => {
	await server.close();
});

async function rendered(request: ExportRequest): Promise<string> {
	const file = await server.exports.file(w.code, claimsOf(server, w.facilitatorToken), request);
	const markdown = typeof file.body === 'string' ? file.body : Buffer.from(file.body).toString('utf8');
	return marked.parse(markdown, { async: false });
}

/** Only the tags that Markdown structure makes; no attribute other than a table cell's alignment. */
function expectInert(html: string): void {
	for (const tag of html.match(/<\/?[a-z][^>]*>/gi) ?? []) {
		expect(tag).toMatch(/^<\/?(h1|h2|p|em|strong|ul|li|br|table|thead|tbody|tr|th|td)( align="\w+")?>$/);
	}
}

function readable(html: string): string {
	return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('the Markdown exports of hostile text', () => {
	it('render notes, names and organisations from stock clients as inert text, in the summary and the table', async () => {
		await writeNotes(server, w.code, { groupId: 'g1', name: NAME, organisation: ORGANISATION, figureTitle: FIGURE }, HOSTILE.slice(0, 2));
		await writeNotes(server, w.code, { groupId: 'g2', name: 'Bo', organisation: 'Region Skåne', figureTitle: FIGURE }, HOSTILE.slice(2));

		const summary = await rendered({ format: 'md' });
		expectInert(summary);
		for (const text of HOSTILE) expect(readable(summary)).toContain(text);

		const table = await rendered({ format: 'md', table: 'organisations' });
		expect(table).toContain('<table>');
		expectInert(table);
		expect(readable(table)).toContain(ORGANISATION);
		for (const text of HOSTILE) expect(readable(table)).toContain(text);
	});

	it('render chat messages and the sender’s name and organisation as inert text', async () => {
		const chat = new ChatService({ store: server.store, rooms: server.rooms, log: server.log });
		const eve = await server.workshops.join(w.code, { name: NAME, organisation: ORGANISATION, groupId: 'g1' });
		for (const text of HOSTILE) await chat.post(w.code, claimsOf(server, eve.token), { text });

		const transcript = await rendered({ format: 'chat' });
		expectInert(transcript);
		expect(transcript.match(/<li>/g)).toHaveLength(HOSTILE.length);
		for (const text of HOSTILE) expect(readable(transcript)).toContain(`${NAME} (${ORGANISATION}): ${text}`);
	});
});
