/**
 * What GET /readyz answers: whether this instance should get traffic. 200 `{ ok: true }` when
 * every named check passes and the instance is not draining; 503 `{ ok: false, check, error, … }`
 * naming the first check that fails (its details beside), so that a proxy or an orchestrator
 * sends clients elsewhere while the reason is in the answer for the operator.
 *
 * Draining: from SIGTERM on (Verkstad.close) the answer is 503 at once, while the rooms flush,
 * so that the proxy stops sending new clients before the sockets close.
 *
 * Checks are named and added by whoever owns the dependency: the store (store-check.ts) from the
 * start. A state is reported in every answer without failing it: the fan-out's link to Redis
 * (`fanout: "disconnected"`), since an instance without Redis still serves and saves its own
 * clients, and failing readiness on every instance at once in a Redis outage would stop them all.
 */

/** Why a check says the instance is not ready: a sentence for the operator, and any details. */
export type NotReady = { error: string } & Record<string, unknown>;
export type ReadinessCheck = () => Promise<NotReady | null>;

export type ReadinessAnswer =
	| { status: 200; body: { ok: true } & Record<string, unknown> }
	| { status: 503; body: { ok: false; check: string; error: string } & Record<string, unknown> };

const DRAINING: NotReady = { error: 'Servern stängs ner och tar inte emot nya anslutningar.' };

export class Readiness {
	readonly #checks = new Map<string, ReadinessCheck>();
	readonly #states = new Map<string, () => string>();
	#draining = false;

	/** Adds a named check, run on every /readyz in the order added. */
	add(name: string, check: ReadinessCheck): void {
		if (this.#checks.has(name)) throw new Error(`readiness check "${name}" is already added`);
		this.#checks.set(name, check);
	}

	/** Adds a named state, reported in every answer (e.g. `fanout: "connected"`) but never failing it. */
	report(name: string, state: () => string): void {
		this.#states.set(name, state);
	}

	/** From now on the instance is not ready, whatever the checks say. */
	drain(): void {
		this.#draining = true;
	}

	get draining(): boolean {
		return this.#draining;
	}

	async answer(): Promise<ReadinessAnswer> {
		const states = Object.fromEntries([...this.#states].map(([name, state]) => [name, state()]));
		if (this.#draining) return notReady('draining', DRAINING, states);
		for (const [name, check] of this.#checks) {
			const failed = await check().catch((err: unknown) => ({ error: `The ${name} check failed: ${String(err)}` }));
			if (failed) return notReady(name, failed, states);
		}
		return { status: 200, body: { ok: true, ...states } };
	}
}

function notReady(check: string, reason: NotReady, states: Record<string, string>): ReadinessAnswer {
	return { status: 503, body: { ok: false, check, ...reason, ...states } };
}
