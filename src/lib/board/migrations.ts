/**
 * Numbered migrations of the board document. The server runs migrateBoard when it loads a doc;
 * migration N takes a doc at schemaVersion N-1 to N. A doc with no version is new or pre-dates
 * versioning and is treated as version 0.
 */
import type * as Y from 'yjs';
import { boardMaps, SCHEMA_VERSION } from './schema';

type Migration = (doc: Y.Doc) => void;

const migrations: Record<number, Migration> = {
	// 1: the first versioned schema. Nothing to rewrite; stamping the version is the migration.
	1: () => {}
};

/** Returns the versions it applied. A doc from a newer server is left alone. */
export function migrateBoard(doc: Y.Doc, origin?: unknown): number[] {
	const { meta } = boardMaps(doc);
	const current = typeof meta.get('schemaVersion') === 'number' ? (meta.get('schemaVersion') as number) : 0;
	const applied: number[] = [];
	if (current >= SCHEMA_VERSION) return applied;
	doc.transact(() => {
		for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
			const migration = migrations[v];
			if (!migration) throw new Error(`board schema: no migration to version ${v}`);
			migration(doc);
			applied.push(v);
		}
		meta.set('schemaVersion', SCHEMA_VERSION);
	}, origin);
	return applied;
}
