/**
 * What GET /healthz answers: 200 `{ ok: true }` when the store answers and can write; 503
 * `{ ok: false, error, failures }` when it does not answer, or when its last writes failed for the
 * storage itself (a full or failing disk). `error` is a sentence for the operator; `failures`
 * says which store calls fail, with which code, since when. The store recovers by itself, and
 * so does this answer, without a restart.
 */
import type { DocStore, StoreWriteFailure } from '../store/doc-store';

export type Health =
	| { status: 200; body: { ok: true } }
	| { status: 503; body: { ok: false; error: string; failures: StoreWriteFailure[] } };

export async function health(store: DocStore): Promise<Health> {
	const answers = await store.ping().catch(() => false);
	if (!answers) {
		return { status: 503, body: { ok: false, error: 'Lagringen svarar inte. Kontrollera databasfilen och disken.', failures: [] } };
	}
	const failures = store.writeFailures();
	if (failures.length === 0) return { status: 200, body: { ok: true } };
	const codes = [...new Set(failures.map((f) => f.code))].join(', ');
	return {
		status: 503,
		body: {
			ok: false,
			error: `Lagringen kan inte spara (${codes}): disken är full eller fungerar inte, eller så har databasen nått MAX_DB_MB. Frigör utrymme; servern sparar igen av sig själv.`,
			failures
		}
	};
}
