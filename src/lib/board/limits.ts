/**
 * Limits shared by the browser, the HTTP API and the sync server. They live in the pure layer so
 * that the UI can tell a person about a limit before the server has to refuse anything.
 */

/** A post-it is a thought, not an essay; longer text is cut here and the author is told. */
export const NOTE_TEXT_MAX = 500;
/** Names and organisations show on every note; longer ones break the layout on a phone. */
export const NAME_MAX = 60;
export const ORGANISATION_MAX = 80;
export const WORKSHOP_TITLE_MAX = 120;
export const FIGURE_TITLE_MAX = 200;
/** Rows or columns of a grid or columns figure: seed 001's activity plan has six of each. */
export const HEADINGS_MAX = 12;
export const HEADING_MAX = 80;
export const GROUPS_MIN = 1;
export const GROUPS_MAX = 30;
/** Seed 002 groups are 4–8 people; a little headroom for late arrivals. */
export const DEFAULT_GROUP_CAPACITY = 12;
/**
 * Files that the import reads whole. A workshop file carries its pictures in base64 (4 bytes for
 * every 3), so 50 MB holds some 35 MB of pictures besides the boards: a dozen phone photos, or
 * three of the largest uploads (10 MB). The export refuses to write a larger one. A template
 * holds figures only.
 */
export const WORKSHOP_FILE_BYTES_MAX = 50 * 1024 * 1024;
export const TEMPLATE_FILE_BYTES_MAX = 1024 * 1024;
/** An own template's name and description, shown in the template picker. */
export const TEMPLATE_NAME_MAX = 80;
export const TEMPLATE_DESCRIPTION_MAX = 300;
