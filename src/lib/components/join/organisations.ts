/**
 * Suggestions for the organisation field: the people in the seeds are Swedish regions and the
 * national agencies they work with. Only suggestions (a <datalist>): municipalities, universities
 * and anyone else type their own.
 *
 * The names are proper names, the same in every language, so they are data (organisations.json)
 * and not messages: a note carries its organisation as written, and the summary per organisation
 * is a row per name, so "Region Skåne" suggested in Swedish and a translated name in English would
 * split one organisation into two rows.
 */
import names from './organisations.json';

export const ORGANISATION_SUGGESTIONS: readonly string[] = names;
