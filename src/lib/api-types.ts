/**
 * The HTTP API's answers (DESIGN.md, "HTTP API"): one definition for the server that sends them
 * and the browser that reads them.
 */

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
