/**
 * The HTTP API's answers (DESIGN.md, "HTTP API"): one definition for the server that sends them
 * and the browser that reads them.
 */
import type { WorkshopLanguage } from './board/workshop';

export interface CreatedWorkshop {
	code: string;
	facilitatorKey: string;
	participantUrl: string;
	facilitatorUrl: string;
}

export interface GroupSummary {
	id: string;
	name: string;
	members: number;
	capacity: number;
}

/** What a join page needs to know about a workshop: public, no names of people. */
export interface WorkshopSummary {
	code: string;
	title: string;
	template: string;
	/** Chosen when the workshop was created: the join page's language for someone who has not chosen one. */
	language: WorkshopLanguage;
	groups: GroupSummary[];
}

/** GET /api/workshops/<code>: the summary and the join link (built from PUBLIC_URL when set). */
export interface WorkshopLookup extends WorkshopSummary {
	participantUrl: string;
}

export interface Joined {
	participantId: string;
	token: string;
	groupId: string;
}

/** GET /api/templates: a template in the picker; `own` for a facilitator's own (saved or imported). */
export interface TemplateSummary {
	id: string;
	name: string;
	description: string;
	own: boolean;
}

/** One kept snapshot of a group board (GET …/boards/<group>/history), newest first. */
export interface HistoryItem {
	id: number;
	takenAt: number;
	reason: 'interval' | 'phase' | 'restore';
}

/** A note as a snapshot had it, with the figure it was in then. */
export interface HistoryNote {
	id: string;
	text: string;
	color: string;
	authorName: string;
	organisation: string;
	figureId: string | null;
	figureTitle: string | null;
	/** The figure is gone from the board too: the note comes back outside it unless it is restored as well. */
	figureGone: boolean;
}

/** GET …/history/<id>: what the snapshot had that the board has lost or changed since. */
export interface BoardHistoryDiff {
	snapshot: HistoryItem;
	deletedNotes: HistoryNote[];
	deletedFigures: { id: string; kind: string; title: string; notes: number }[];
	changedNotes: (HistoryNote & { textNow: string })[];
}

/** POST …/history/<id>/restore: the ids written back (ids still on the board are skipped). */
export interface Restored {
	notes: string[];
	figures: string[];
}

/** GET …/retention: when the workshop and everything of it is deleted by itself. */
export interface RetentionInfo {
	createdAt: number;
	expiresAt: number;
	retentionDays: number;
}
