/**
 * The one place the browser talks to the HTTP API. Every endpoint answers errors as
 * `{ error, code, params }` with a 4xx or 5xx status: `error` a sentence in the language of the
 * request, `code` and `params` the same sentence by code (said.ts). This helper turns that into
 * an ApiError whose message can be shown to a person as is, and is said in the page's current
 * language each time it is read, so a person who switches language reads it in the new one.
 * The messages for the codes are loaded on the first refusal (said-messages.ts), not with the
 * page. Network failures and non-JSON answers get messages in the person's language too, so a
 * page never has to show "Failed to fetch".
 */

import type { VoteFigure } from '$board';
import { m } from './paraglide/messages';
import type { WorkshopLanguage } from '$board';
import type { BoardHistoryDiff, CreatedWorkshop, HistoryItem, Joined, Restored, RetentionInfo, TemplateSummary, WorkshopLookup } from './api-types';

export type { CreatedWorkshop, GroupSummary, Joined, TemplateSummary, WorkshopLookup } from './api-types';

/** A group and its leader after a leader call (null: nobody leads it). */
export interface GroupLeader {
	groupId: string;
	participantId: string | null;
}

export class ApiError extends Error {
	constructor(
		/** HTTP status, or 0 when the request never got an answer. */
		readonly status: number,
		/** The sentence, said anew (in the current language) each time `message` is read. */
		say: () => string,
		/** The server's message key (messages/*.json) and its inputs, when it sent them. */
		readonly code?: string,
		readonly params?: Readonly<Record<string, unknown>>
	) {
		super();
		this.name = 'ApiError';
		// A getter, not a value: the text follows the page's language after a switch.
		Object.defineProperty(this, 'message', { get: say, enumerable: false, configurable: true });
	}
}


interface RequestOptions {
	method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	body?: unknown;
	/** A file sent as the raw body (a picture upload), instead of a JSON `body`. */
	file?: Blob;
	/** A signed token for endpoints that need one (sent as a Bearer header, never in the URL). */
	token?: string;
	/** SvelteKit's `fetch` inside a load function, so that requests are tracked and deduplicated. */
	fetch?: typeof fetch;
}

/** Sends a request; a failed network becomes an ApiError with status 0. */
async function request(path: string, options: RequestOptions, accept: string): Promise<Response> {
	const doFetch = options.fetch ?? fetch;
	const headers: Record<string, string> = { accept };
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	// The server reads a file's type from its bytes; a content-type only marks that a body is sent.
	if (options.file) headers['content-type'] = options.file.type || 'application/octet-stream';
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	const body = options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	try {
		return await doFetch(path, {
			method: options.method ?? (body === undefined ? 'GET' : 'POST'),
			headers,
			body
		});
	} catch {
		throw new ApiError(0, () => m.api_unreachable());
	}
}

/**
 * The ApiError for a refused request: said from the server's code in the page's language when
 * this build knows it, else the server's `error` sentence as sent, else a sentence for the status.
 */
async function refusedWith(response: Response, payload: unknown): Promise<ApiError> {
	const answer = (payload && typeof payload === 'object' ? payload : {}) as { error?: unknown; code?: unknown; params?: unknown };
	const sentence = typeof answer.error === 'string' ? answer.error : null;
	const { code, params } = answer;
	if (typeof code === 'string') {
		try {
			const { sayRefusal } = await import('./said-messages');
			if (sayRefusal(code, params) !== null) {
				return new ApiError(response.status, () => sayRefusal(code, params) ?? '', code, params as Record<string, unknown> | undefined);
			}
		} catch {
			// The messages did not load (the network went away): the server's sentence below.
		}
	}
	const status = response.status;
	return new ApiError(status, sentence === null ? () => fallbackMessage(status) : () => sentence);
}

export async function apiJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
	const response = await request(path, options, 'application/json');
	let payload: unknown = null;
	try {
		payload = await response.json();
	} catch {
		// An answer that is not JSON (a proxy error page, say) is handled below by its status.
	}
	if (!response.ok) throw await refusedWith(response, payload);
	if (payload === null) throw new ApiError(response.status, () => fallbackMessage(500));
	return payload as T;
}

/** A file from the API (an export), with the name the server gave it. */
export async function apiFile(path: string, token: string): Promise<{ blob: Blob; filename: string }> {
	const response = await request(path, { token }, '*/*');
	if (!response.ok) throw await refusedWith(response, await response.json().catch(() => null));
	const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
	return { blob: await response.blob(), filename };
}

function fallbackMessage(status: number): string {
	if (status === 429) return m.api_too_many();
	if (status >= 500) return m.api_server_failed();
	return m.api_request_failed();
}

/** For catch blocks: a sentence to show, whatever was thrown. */
export function errorMessage(e: unknown): string {
	return e instanceof ApiError ? e.message : m.api_unexpected();
}

export const api = {
	createWorkshop: (body: { title: string; template: string; groups: number; language: WorkshopLanguage }) =>
		apiJson<CreatedWorkshop>('/api/workshops', { body }),
	/** A new workshop from a workshop file (an export), answered as for create. */
	importWorkshop: (file: unknown) => apiJson<CreatedWorkshop>('/api/workshops/import', { body: file }),
	/** Built-in templates, then own ones. */
	templates: () => apiJson<TemplateSummary[]>('/api/templates'),
	importTemplate: (file: unknown) => apiJson<TemplateSummary>('/api/templates/import', { body: file }),
	/** Facilitator: one group's board (figures, instructions, run-sheet; no notes) as an own template. */
	saveBoardAsTemplate: (code: string, token: string, body: { groupId: string; name: string; description: string }) =>
		apiJson<TemplateSummary>(`/api/workshops/${encodeURIComponent(code)}/templates`, { body, token }),
	/** Facilitator: the own templates saved from this workshop's boards. */
	savedTemplates: (code: string, token: string) =>
		apiJson<TemplateSummary[]>(`/api/workshops/${encodeURIComponent(code)}/templates`, { token }),
	/** Facilitator: deletes an own template saved from this workshop; it leaves every start page. */
	deleteTemplate: (id: string, token: string) =>
		apiJson<{ deleted: string }>(`/api/templates/${encodeURIComponent(id)}`, { method: 'DELETE', token }),
	workshop: (code: string, f?: typeof fetch) =>
		apiJson<WorkshopLookup>(`/api/workshops/${encodeURIComponent(code)}`, { fetch: f }),
	/** Joins a group, or with `wait` (every group full) without one, for the facilitator to place. */
	join: (code: string, body: { name: string; organisation: string; groupId?: string; wait?: true }) =>
		apiJson<Joined>(`/api/workshops/${encodeURIComponent(code)}/participants`, { body }),
	facilitatorToken: (code: string, key: string) =>
		apiJson<{ token: string }>(`/api/workshops/${encodeURIComponent(code)}/facilitator`, { body: { key } }),
	/** The server appends the message to the workshop's chat under the token's name. */
	chat: (code: string, token: string, text: string) =>
		apiJson<{ id: string }>(`/api/workshops/${encodeURIComponent(code)}/chat`, { body: { text }, token }),
	/** "Jag är gruppledare": the participant (from the token) becomes their group's leader. */
	volunteerLeader: (code: string, token: string) =>
		apiJson<GroupLeader>(`/api/workshops/${encodeURIComponent(code)}/leader`, { method: 'POST', body: {}, token }),
	/** Steps down; the answer names the group's leader afterwards (usually nobody). */
	stepDown: (code: string, token: string) =>
		apiJson<GroupLeader>(`/api/workshops/${encodeURIComponent(code)}/leader`, { method: 'DELETE', token }),
	/** Facilitator: opens a vote on the figures (by title); old results leave the boards. */
	openVote: (code: string, token: string, body: { figures: VoteFigure[]; allowStacking: boolean }) =>
		apiJson<unknown>(`/api/workshops/${encodeURIComponent(code)}/vote/open`, { body, token }),
	/** Facilitator: "Kopiera till plenum", one note of a group board into the plenary's "Från grupperna". */
	copyToPlenary: (code: string, token: string, boardId: string, noteId: string) =>
		apiJson<{ id: string }>(`/api/workshops/${encodeURIComponent(code)}/plenary/copy`, { body: { boardId, noteId }, token }),
	/** Facilitator: closes the vote; the server writes the counts into every group board. */
	closeVote: (code: string, token: string) =>
		apiJson<{ dots: number }>(`/api/workshops/${encodeURIComponent(code)}/vote/close`, { body: {}, token }),
	/** Facilitator: moves private drafts into the group boards, of one figure or all (ends the phase). */
	reveal: (code: string, token: string, figureTitle?: string) =>
		apiJson<{ moved: number; ended: boolean }>(`/api/workshops/${encodeURIComponent(code)}/reveal`, { body: { figureTitle }, token }),
	/** Facilitator: stores a picture (PNG, JPEG or WebP, ≤ 10 MB) for an image figure. */
	uploadPicture: (code: string, token: string, file: Blob) =>
		apiJson<{ id: string; url: string }>(`/api/workshops/${encodeURIComponent(code)}/pictures`, { file, token }),
	/** Facilitator: puts a stored picture on every group board's image figure of this title. */
	sharePicture: (code: string, token: string, id: string, figureTitle: string) =>
		apiJson<{ boards: number }>(`/api/workshops/${encodeURIComponent(code)}/pictures/${encodeURIComponent(id)}/share`, {
			body: { figureTitle },
			token
		}),
	/** Facilitator: a group board's snapshots, newest first. */
	history: (code: string, token: string, boardId: string) =>
		apiJson<HistoryItem[]>(historyPath(code, boardId), { token }),
	/** Facilitator: what one snapshot had that the board has lost since. */
	historyDiff: (code: string, token: string, boardId: string, id: number) =>
		apiJson<BoardHistoryDiff>(`${historyPath(code, boardId)}/${id}`, { token }),
	/** Facilitator: writes chosen deleted notes/figures of a snapshot back into the live board. */
	restore: (code: string, token: string, boardId: string, id: number, body: { notes?: string[]; figures?: string[] }) =>
		apiJson<Restored>(`${historyPath(code, boardId)}/${id}/restore`, { body, token }),
	/** Facilitator: when the workshop deletes itself. */
	retention: (code: string, token: string) =>
		apiJson<RetentionInfo>(`/api/workshops/${encodeURIComponent(code)}/retention`, { token }),
	/** Facilitator: deletes the workshop and all its data now. */
	deleteWorkshop: (code: string, token: string) =>
		apiJson<{ deleted: string }>(`/api/workshops/${encodeURIComponent(code)}`, { method: 'DELETE', token }),
	/** Facilitator: moves a participant to a group, or places one who waits; 409 when it is full. */
	moveParticipant: (code: string, token: string, participantId: string, groupId: string) =>
		apiJson<{ participantId: string; groupId: string }>(participantPath(code, participantId), { method: 'PATCH', body: { groupId }, token }),
	/** Facilitator: removes a participant who left; the seat is free, their notes stay. */
	removeParticipant: (code: string, token: string, participantId: string) =>
		apiJson<{ participantId: string }>(participantPath(code, participantId), { method: 'DELETE', token }),
	/** Facilitator: a new group (named "Grupp N" without a name), its board laid out like the first. */
	addGroup: (code: string, token: string, name?: string) =>
		apiJson<{ id: string; name: string }>(`/api/workshops/${encodeURIComponent(code)}/groups`, { body: name === undefined ? {} : { name }, token }),
	renameGroup: (code: string, token: string, groupId: string, name: string) =>
		apiJson<{ id: string; name: string }>(`/api/workshops/${encodeURIComponent(code)}/groups/${encodeURIComponent(groupId)}`, {
			method: 'PATCH',
			body: { name },
			token
		})
};

function participantPath(code: string, participantId: string): string {
	return `/api/workshops/${encodeURIComponent(code)}/participants/${encodeURIComponent(participantId)}`;
}

function historyPath(code: string, boardId: string): string {
	return `/api/workshops/${encodeURIComponent(code)}/boards/${encodeURIComponent(boardId)}/history`;
}
