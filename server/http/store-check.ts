/**
 * The store's part of /readyz (readiness.ts): ready when the store answers and can write; not
 * ready when it does not answer, or when its last writes failed for the storage itself (a full or
 * failing disk). `error` is a sentence for the operator; `failures` says which store calls fail,
 * with which code, since when. The store recovers by itself, and so does this answer, without a
 * restart.
 */
import type { DocStore } from '../store/doc-store';
import type { NotReady } from './readiness';

export async function storeCheck(store: DocStore): Promise<NotReady | null> {
	const answers = await store.ping().catch(() => false);
	if (!answers) return { error: 'Lagringen svarar inte. Kontrollera databasfilen och disken.', failures: [] };
	const failures = store.writeFailures();
	if (failures.length === 0) return null;
	const codes = [...new Set(failures.map((f) => f.code))].join(', ');
	return {
		error: `Lagringen kan inte spara (${codes}): disken är full eller fungerar inte, eller så har databasen nått MAX_DB_MB. Frigör utrymme; servern sparar igen av sig själv.`,
		failures
	};
}
