/**
 * GET /api/workshops/<code>/themes behind the endpoint: ThemeService reads what stock clients wrote
 * into several group boards (seed 003's bullets), and the facilitator's choices that a stock client
 * wrote into the facilitator room. Only the facilitator may ask: the suggestions quote every group.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptTheme, allPairs, facilitatorRoom, keepApart, readApartPairs, readSummaryEdits, type ThemesAnswer } from '../../src/lib/board';
import { ThemeService } from '../../server/themes/service';
import { isUserError } from '../../server/http/user-error';
import { THEME_QUESTIONS } from '../fixtures/theme-pairs';
import { claimsOf, connectClient, createWorkshop, startServer, waitFor, writeNotes, type TestServer, type TestWorkshop } from './helpers';

const FIGURE = 'Vad vill ni diskutera?'; // the blank template's one figure
const SEED_003 = THEME_QUESTIONS[0]!.points;
let server: TestServer;
let w: TestWorkshop;
let themes: ThemeService;

beforeEach(async () => {
	server = await startServer();
	w = await createWorkshop(server, 3);
	themes = new ThemeService({ store: server.store, rooms: server.rooms });
	// Seed 003's first question, as three groups wrote it: the "stuck with the analysts" points land in all three.
	await writeNotes(server, w.code, { groupId: 'g1', name: 'Anna', organisation: 'Region Örebro län', figureTitle: FIGURE }, [SEED_003[0]!, SEED_003[2]!, SEED_003[8]!]);
	await writeNotes(server, w.code, { groupId: 'g2', name: 'Bo', organisation: 'Region Gävleborg', figureTitle: FIGURE }, [SEED_003[4]!, SEED_003[3]!, SEED_003[10]!]);
	await writeNotes(server, w.code, { groupId: 'g3', name: 'Cecilia', organisation: 'Tillväxtverket', figureTitle: FIGURE }, [SEED_003[6]!, SEED_003[9]!]);
});
afterEach(async () => {
	await server.close();
});

const suggest = () => themes.suggest(w.code, claimsOf(server, w.facilitatorToken));

/** The suggested theme that holds the point starting with `start`. */
function themeWith(answer: ThemesAnswer, start: string) {
	return answer.questions.flatMap((q) => q.themes).find((t) => t.members.some((m) => m.text.startsWith(start)));
}

describe('theme suggestions', () => {
	it('gather points from several groups that say the same thing, for the facilitator', async () => {
		const answer = await suggest();
		expect(answer.questions.map((q) => q.question)).toEqual([FIGURE]);
		const analysts = themeWith(answer, 'Det fastnar hos analytiker');
		expect(analysts).toBeDefined();
		expect(analysts!.members.map((m) => m.text)).toEqual(expect.arrayContaining([SEED_003[0], SEED_003[4]]));
		expect(new Set(analysts!.members.flatMap((m) => m.groups)).size).toBeGreaterThanOrEqual(2);
		expect(analysts!.title.length).toBeGreaterThan(0);
	});

	it('refuse a participant with 403', async () => {
		const participant = await w.participant('g1');
		const error = await themes.suggest(w.code, claimsOf(server, participant.token)).catch((e: unknown) => e);
		expect(isUserError(error) && error.status).toBe(403);
	});

	it('follow the choices a facilitator tab writes: a moved-out point, a rejection, an acceptance', async () => {
		const facilitator = connectClient(server, facilitatorRoom(w.code), w.facilitatorToken);
		await facilitator.synced;
		const all = async () => (await suggest()).questions.flatMap((q) => q.themes);
		const together = (theme: { members: { text: string }[] }, ...texts: string[]) => texts.every((t) => theme.members.some((m) => m.text === t));
		const pairsAtServer = async () => (await server.rooms.read(facilitatorRoom(w.code), readApartPairs)).size;

		// "Gemene medarbetare …" joins the regional-development points on one shared word; the facilitator moves it out.
		const regional = themeWith(await suggest(), 'Samlas kring regional utveckling')!;
		const stray = regional.members.find((m) => m.text === SEED_003[6])!;
		expect(stray).toBeDefined();
		const others = regional.members.filter((m) => m !== stray).map((m) => m.key);
		keepApart(facilitator.doc, others.map((o): [string, string] => [stray.key, o]));
		await waitFor(async () => (await pairsAtServer()) === others.length, { message: 'the moved-out point at the server' });
		const afterMove = await all();
		expect(afterMove.some((t) => together(t, SEED_003[10]!, SEED_003[8]!))).toBe(true);
		expect(afterMove.some((t) => together(t, SEED_003[6]!, SEED_003[10]!))).toBe(false);

		// Rejecting the analysts' theme: those two points are never suggested together again.
		const analysts = themeWith({ questions: [{ question: FIGURE, themes: afterMove }] }, 'Det fastnar hos analytiker')!;
		keepApart(facilitator.doc, allPairs(analysts.members.map((m) => m.key)));
		await waitFor(async () => (await pairsAtServer()) > others.length, { message: 'the rejection at the server' });
		expect((await all()).some((t) => together(t, SEED_003[0]!, SEED_003[4]!))).toBe(false);

		// Accepting the goals theme: it is an item now, and not suggested again.
		const goals = (await all()).find((t) => together(t, SEED_003[2]!, SEED_003[3]!))!;
		acceptTheme(facilitator.doc, goals.key, goals.members.map((m) => m.key), 'Hållbarhet i RUS-målen');
		await waitFor(async () => (await server.rooms.read(facilitatorRoom(w.code), readSummaryEdits)).get(goals.key)?.theme === true, { message: 'the theme at the server' });
		expect((await all()).some((t) => t.members.some((m) => m.text === SEED_003[2] || m.text === SEED_003[3]))).toBe(false);
		const md = (await server.exports.file(w.code, claimsOf(server, w.facilitatorToken), { format: 'md' })).body as string;
		expect(md).toContain('- **Tema: Hållbarhet i RUS-målen** *(Grupp 1, Grupp 2)*');
	});
});
