/**
 * The rows both stores' tables give back (sqlite-schema.ts, pg-schema.ts: the same columns), and
 * how they become the DocStore's records.
 */
import type { HistoryEntry, SnapshotReason, StoredDoc, TemplateRecord, WorkshopRecord } from './doc-store';

export interface WorkshopRow {
	code: string;
	title: string;
	template: string;
	group_count: number;
	facilitator_key_hash: string;
	created_at: number;
}

export interface TemplateRow {
	id: string;
	name: string;
	description: string;
	content: string;
	source_code: string | null;
	created_at: number;
}

export interface HistoryRow {
	id: number;
	room: string;
	taken_at: number;
	reason: SnapshotReason;
	bytes: number;
}

/** Copies out of the driver's Buffer, so that callers never hold a view on a pooled buffer. */
export const bytes = (blob: Buffer): Uint8Array => new Uint8Array(blob);

/** A room as loadDoc gives it: the snapshot's bytes (if any), then its log rows in order. */
export function storedDoc(snapshot: Buffer | null, log: readonly { data: Buffer }[]): StoredDoc {
	const updates = log.map((row) => bytes(row.data));
	return {
		updates: snapshot ? [bytes(snapshot), ...updates] : updates,
		logCount: updates.length,
		logBytes: updates.reduce((sum, u) => sum + u.byteLength, 0)
	};
}

export const workshopRow = (record: WorkshopRecord): WorkshopRow => ({
	code: record.code,
	title: record.title,
	template: record.template,
	group_count: record.groupCount,
	facilitator_key_hash: record.facilitatorKeyHash,
	created_at: record.createdAt
});

export const workshopRecord = (row: WorkshopRow): WorkshopRecord => ({
	code: row.code,
	title: row.title,
	template: row.template,
	groupCount: row.group_count,
	facilitatorKeyHash: row.facilitator_key_hash,
	createdAt: row.created_at
});

export const templateRow = (record: TemplateRecord): TemplateRow => ({
	id: record.id,
	name: record.name,
	description: record.description,
	content: record.content,
	source_code: record.sourceCode,
	created_at: record.createdAt
});

export function templateInfo(row: Omit<TemplateRow, 'content'>): Omit<TemplateRecord, 'content'> {
	return { id: row.id, name: row.name, description: row.description, sourceCode: row.source_code, createdAt: row.created_at };
}

export const historyEntry = (row: HistoryRow): HistoryEntry => ({
	id: row.id,
	room: row.room,
	takenAt: row.taken_at,
	reason: row.reason,
	bytes: row.bytes
});
