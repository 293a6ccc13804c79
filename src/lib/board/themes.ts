/**
 * Themes across groups ("Teman"): what the server suggests (server/themes, GET
 * /api/workshops/<code>/themes) and what the summary editor shows of it. A suggestion names summary
 * items (summaryItemKey) of one question; the facilitator's choices about it are kept in the
 * facilitator doc (theme-choices.ts).
 */

export interface ThemeMember {
	key: string;
	text: string;
	groups: string[];
}

export interface ThemeSuggestion {
	/** The item the theme becomes when accepted: its most central point. */
	key: string;
	/** A proposed title: the opening words of the most central point. */
	title: string;
	/** Two or more points, the central one first. */
	members: ThemeMember[];
}

export interface QuestionThemes {
	question: string;
	themes: ThemeSuggestion[];
}

export interface ThemesAnswer {
	questions: QuestionThemes[];
}

/** One name for an unordered pair of items, whichever way round it is asked. */
export function apartPairKey(a: string, b: string): string {
	return JSON.stringify(a < b ? [a, b] : [b, a]);
}

/**
 * A suggestion as it stands after choices made since the server computed it (here or in another
 * tab): a member no longer an item of its own (merged, dropped, gone) leaves it, and so does one
 * set apart from a member before it; with fewer than two left it is null. The server's next
 * answer leaves them out too; this keeps the editor right until then.
 */
export function standingSuggestion(theme: ThemeSuggestion, items: ReadonlySet<string>, apart: ReadonlySet<string>): ThemeSuggestion | null {
	const members: ThemeMember[] = [];
	for (const m of theme.members) {
		if (items.has(m.key) && members.every((kept) => !apart.has(apartPairKey(kept.key, m.key)))) members.push(m);
	}
	if (members.length < 2) return null;
	return { ...theme, key: members.some((m) => m.key === theme.key) ? theme.key : members[0]!.key, members };
}
