/**
 * The admission step: every client update is decoded and judged here BEFORE it touches a room's
 * doc. It answers a refusal ("incomplete" or "malformed", below) or an Analysis that says where
 * each new struct and each delete lands, which the room's policy then judges by role.
 *
 * Refused as incomplete (the caller closes with 1013, and the client's reconnect sync brings the
 * whole of what it knows): dependencies the room lacks — a clock gap before a client's first
 * struct, an origin, right origin or parent the doc and the update both lack, a delete of clocks
 * beyond what exists. Yjs would hold such structs as "pending": served to every joiner, written
 * into snapshots, and waiting to erase someone's future writes.
 *
 * Refused as malformed (an honest y-websocket client never sends these; 4422):
 *   - a Skip or a clock gap inside the update;
 *   - structural bounds: more than maxStructs structs or maxDeleteRanges delete ranges; a type
 *     nested deeper than maxDepth below its root (deep nesting overflows the stack when Yjs
 *     later deletes or observes it); content kinds a Verkstad doc never holds (subdocs, XML types).
 *   - cost: an estimate of Yjs's conflict resolution above maxConflictSteps (see below).
 *
 * Cost of applying an update is linear in its size except for Yjs's conflict resolution: an item
 * whose origin and right origin are not neighbours any more scans every item between them, and
 * items sharing an origin scan each other. Two 50 KB updates of 4,000 items each inserted at one
 * index from different client ids took 1.2 s here (~75 ns a step). The estimate walks the doc from
 * each distinct origin to its right origin (once per group of new items that share it) and counts
 * k·gap + k²/2 steps for a group of k (items sharing an origin and a right origin); the walk
 * itself stops at the budget. With the defaults (100,000 steps, 10,000 structs, 20,000 delete
 * ranges) the worst update admitted costs about 100 ms to decide and apply here, and the worst
 * refused one some 10–50 ms to decide; bench/admission.ts measures them (docs/benchmarks.md).
 *
 * Placement: where a struct lands is a root name plus the map keys below it (null for a position
 * in a sequence), e.g. ['n1', 'text', null] for a character of note n1's text. Yjs does not encode
 * the parent of an item that has an origin, nor the key of an overwrite (it follows from the
 * origin), so both are resolved here from the origin, in the update or in the doc, the way Yjs
 * itself will resolve them. That is what lets a policy see an overwrite of `votes` or `figures`.
 */
import * as Y from 'yjs';

export interface AdmissionLimits {
	maxStructs: number;
	maxDeleteRanges: number;
	maxDepth: number;
	maxConflictSteps: number;
	/** Doc structs a delete set may visit (deletes of already-deleted state included). */
	maxDeleteVisits: number;
}

export const DEFAULT_ADMISSION_LIMITS: Readonly<AdmissionLimits> = Object.freeze({
	/** A reconnect's step 2 after an hour offline is a few hundred structs: typing merges into runs. */
	maxStructs: 10_000,
	/**
	 * Every step 2 carries the doc's whole delete set. A simulated heavy board (12 people, 1,200
	 * notes each dragged and reworded, a third deleted) had 2,800 ranges; applying 20,000 ranges
	 * that delete live text costs ~70 ms, the most expensive admitted update there is.
	 */
	maxDeleteRanges: 20_000,
	/** A board is root → note → text (depth 2); the workshop doc is as shallow. */
	maxDepth: 6,
	/** About 7 ms of conflict resolution at ~75 ns a step. Honest edits cost 0–10 steps. */
	maxConflictSteps: 100_000,
	maxDeleteVisits: 500_000
});

/** Where a struct lands: a root type's name and the keys below it (null: a sequence position). */
export interface Placement {
	root: string;
	path: readonly (string | null)[];
}

export interface PlacedStruct {
	item: Y.Item;
	at: Placement;
}

export interface Analysis {
	/** New items, each with where it lands. Items Yjs will discard (a GC'd origin) are left out. */
	readonly structs: readonly PlacedStruct[];
	/** Live doc items this update deletes, each with where it is. */
	readonly removals: readonly PlacedStruct[];
	/** False for an update that only deletes (or is empty): it never grows the doc. */
	readonly addsContent: boolean;
}

export type Admission = { ok: true; analysis: Analysis } | { ok: false; reason: string; incomplete: boolean };

class Malformed extends Error {}
/**
 * The update depends on state the room lacks. A hostile client sends such updates to plant pending
 * structs; an honest one can too, rarely: a tab that got another tab's edit over BroadcastChannel
 * before the server did, and built on it. Either way it is not applied; the caller asks the client
 * to reconnect, and an honest client's reconnect sync (its whole diff) brings what was missing.
 */
class Incomplete extends Error {}

const ALLOWED_TYPES = [Y.Map, Y.Array, Y.Text];
const ALLOWED_CONTENT = [Y.ContentAny, Y.ContentString, Y.ContentType, Y.ContentDeleted, Y.ContentFormat, Y.ContentEmbed, Y.ContentJSON, Y.ContentBinary];

type Parent = { kind: 'root'; name: string } | { kind: 'doc'; type: Y.AbstractType<unknown> } | { kind: 'new'; item: Y.Item };
type Resolved = { parent: Parent; sub: string | null } | 'discarded';

/** Decodes and judges one client update against the doc as it is now. Never touches the doc. */
export function admitUpdate(doc: Y.Doc, update: Uint8Array, limits: AdmissionLimits = DEFAULT_ADMISSION_LIMITS): Admission {
	try {
		// lib0 throws plain errors on garbage: the caller maps them to 1007 as before.
		const decoded = Y.decodeUpdate(update);
		return { ok: true, analysis: new Analyser(doc, decoded, limits).run() };
	} catch (err) {
		if (err instanceof Malformed || err instanceof Incomplete) return { ok: false, reason: err.message, incomplete: err instanceof Incomplete };
		throw err;
	}
}

class Analyser {
	readonly #doc: Y.Doc;
	readonly #limits: AdmissionLimits;
	readonly #structs: (Y.Item | Y.GC | Y.Skip)[];
	readonly #ds: Map<number, { clock: number; len: number }[]>;
	/** The update's structs per client, in clock order. */
	readonly #byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
	/** Per client: the clock after the last one that the doc or the update holds. */
	readonly #endClock = new Map<number, number>();
	readonly #resolved = new Map<Y.Item, Resolved>();
	readonly #placements = new Map<Y.Item | Y.AbstractType<unknown>, Placement>();
	readonly #anchors = new Map<Y.Item, Y.Item | null>();
	readonly #children = new Map<Placement, Map<string | null, Placement>>();
	#conflictSteps = 0;

	constructor(doc: Y.Doc, decoded: ReturnType<typeof Y.decodeUpdate>, limits: AdmissionLimits) {
		this.#doc = doc;
		this.#limits = limits;
		this.#structs = decoded.structs;
		this.#ds = (decoded.ds as unknown as { clients: Map<number, { clock: number; len: number }[]> }).clients;
	}

	run(): Analysis {
		this.#checkBounds();
		this.#checkClocks();
		const structs: PlacedStruct[] = [];
		const groups = new Map<string, { first: Y.Item; count: number }>();
		let addsContent = false;
		for (const struct of this.#structs) {
			if (this.#known(struct)) continue;
			addsContent = true;
			if (!(struct instanceof Y.Item)) continue;
			this.#checkContent(struct);
			const resolved = this.#resolve(struct);
			if (resolved === 'discarded') continue;
			const at = this.#placeItem(struct);
			structs.push({ item: struct, at });
			const key = this.#groupKey(struct, resolved);
			const group = groups.get(key);
			if (group) group.count += 1;
			else groups.set(key, { first: struct, count: 1 });
		}
		for (const { first, count } of groups.values()) this.#chargeConflicts(first, count);
		const removals = this.#removals();
		return { structs, removals, addsContent };
	}

	#checkBounds(): void {
		if (this.#structs.length > this.#limits.maxStructs) throw new Malformed(`more than ${this.#limits.maxStructs} structs`);
		let ranges = 0;
		for (const list of this.#ds.values()) ranges += list.length;
		if (ranges > this.#limits.maxDeleteRanges) throw new Malformed(`more than ${this.#limits.maxDeleteRanges} delete ranges`);
	}

	/** No gap before or inside any client's structs; deletes only of clocks that will exist. */
	#checkClocks(): void {
		const store = this.#doc.store;
		for (const struct of this.#structs) {
			if (struct instanceof Y.Skip) throw new Malformed('a gap inside the update (skip)');
			const { client, clock } = struct.id;
			let list = this.#byClient.get(client);
			if (!list) {
				list = [];
				this.#byClient.set(client, list);
				if (clock > Y.getState(store, client)) throw new Incomplete(`clock gap for client ${client}`);
			} else {
				const prev = list[list.length - 1]!;
				if (prev.id.clock + prev.length !== clock) throw new Malformed(`clock gap for client ${client}`);
			}
			list.push(struct);
		}
		for (const [client, list] of this.#byClient) {
			const last = list[list.length - 1]!;
			this.#endClock.set(client, Math.max(Y.getState(store, client), last.id.clock + last.length));
		}
		for (const [client, ranges] of this.#ds) {
			const end = this.#endClock.get(client) ?? Y.getState(store, client);
			for (const { clock, len } of ranges) {
				if (clock + len > end) throw new Incomplete(`a delete of clocks client ${client} does not have`);
			}
		}
	}

	#checkContent(item: Y.Item): void {
		const content = item.content;
		if (!ALLOWED_CONTENT.some((kind) => content instanceof kind)) throw new Malformed(`content ${content.constructor.name} is not accepted`);
		if (content instanceof Y.ContentType && !ALLOWED_TYPES.some((kind) => content.type instanceof kind)) {
			throw new Malformed(`type ${content.type.constructor.name} is not accepted`);
		}
		for (const id of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
			if (id && !this.#exists(id)) throw new Incomplete(`a reference to ${id.client}:${id.clock}, which the room lacks`);
		}
	}

	/** Whether the doc already holds all of this struct (Yjs skips it). */
	#known(struct: Y.Item | Y.GC | Y.Skip): boolean {
		return struct.id.clock + struct.length <= Y.getState(this.#doc.store, struct.id.client);
	}

	#exists(id: Y.ID): boolean {
		return id.clock < (this.#endClock.get(id.client) ?? Y.getState(this.#doc.store, id.client));
	}

	/** The struct holding `id`: the doc's when it has it, else the update's. */
	#find(id: Y.ID): Y.Item | Y.GC {
		if (id.clock < Y.getState(this.#doc.store, id.client)) return Y.getItem(this.#doc.store, id) as Y.Item | Y.GC;
		const list = this.#byClient.get(id.client)!;
		let lo = 0;
		let hi = list.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const s = list[mid]!;
			if (id.clock < s.id.clock) hi = mid - 1;
			else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
			else return s as Y.Item | Y.GC;
		}
		throw new Malformed(`no struct holds ${id.client}:${id.clock}`);
	}

	#isNew(struct: Y.Item | Y.GC): boolean {
		return struct.id.clock >= Y.getState(this.#doc.store, struct.id.client);
	}

	/**
	 * The parent and key an item will get, as Yjs decides it: from its encoded parent, else from
	 * its origin (or right origin). Origin chains inside one update can be long (a run of typing),
	 * so they are followed in a loop, and a cycle is refused.
	 */
	#resolve(item: Y.Item): Resolved {
		const memo = this.#resolved.get(item);
		if (memo) return memo;
		if (item.parent !== null) {
			const sub = item.parentSub;
			const resolved: Resolved =
				typeof item.parent === 'string'
					? { parent: { kind: 'root', name: item.parent }, sub }
					: { parent: this.#typeAt(item.parent as Y.ID), sub };
			this.#resolved.set(item, resolved);
			return resolved;
		}
		const chain: Y.Item[] = [];
		let current: Y.Item = item;
		let result: Resolved | undefined;
		while (result === undefined) {
			chain.push(current);
			// A chain longer than the update has gone round in a circle.
			if (chain.length > this.#structs.length) throw new Malformed('an origin cycle');
			const ref = current.origin ?? current.rightOrigin;
			if (!ref) throw new Malformed('an item with neither parent nor origin');
			const found = this.#find(ref);
			if (!(found instanceof Y.Item)) {
				result = 'discarded'; // Yjs turns an item whose neighbour was garbage-collected into GC
			} else if (!this.#isNew(found)) {
				result = found.parent instanceof Y.AbstractType
					? { parent: { kind: 'doc', type: found.parent }, sub: found.parentSub }
					: 'discarded';
			} else {
				result = this.#resolved.get(found) ?? (found.parent !== null ? this.#resolve(found) : undefined);
				current = found;
			}
		}
		// Every item on the chain gets the parent; each keeps the key of the item the chain ended at,
		// which is what Yjs copies from the origin.
		for (const link of chain) this.#resolved.set(link, result);
		return result;
	}

	#typeAt(id: Y.ID): Parent {
		const holder = this.#find(id);
		if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) throw new Malformed('a parent that is not a type');
		return this.#isNew(holder) ? { kind: 'new', item: holder } : { kind: 'doc', type: holder.content.type };
	}

	/** Where a new item lands; a new type deeper than maxDepth is refused here. */
	#placeItem(item: Y.Item, depth = 0): Placement {
		const memo = this.#placements.get(item);
		if (memo) return memo;
		if (depth > this.#limits.maxDepth) throw new Malformed(`types nested deeper than ${this.#limits.maxDepth}`);
		const resolved = this.#resolved.get(item) ?? this.#resolve(item);
		if (resolved === 'discarded') throw new Malformed('a parent that was garbage-collected');
		const at = this.#child(this.#placeParent(resolved.parent, depth), resolved.sub);
		if (item.content instanceof Y.ContentType && at.path.length > this.#limits.maxDepth) {
			throw new Malformed(`types nested deeper than ${this.#limits.maxDepth}`);
		}
		this.#placements.set(item, at);
		return at;
	}

	/** One Placement object per place, so that the characters of one text share theirs. */
	#child(parent: Placement, sub: string | null): Placement {
		let children = this.#children.get(parent);
		if (!children) {
			children = new Map();
			this.#children.set(parent, children);
		}
		let at = children.get(sub);
		if (!at) {
			at = { root: parent.root, path: [...parent.path, sub] };
			children.set(sub, at);
		}
		return at;
	}

	#placeParent(parent: Parent, depth: number): Placement {
		if (parent.kind === 'root') return { root: parent.name, path: [] };
		if (parent.kind === 'new') return this.#placeItem(parent.item, depth + 1);
		return this.#placeDocType(parent.type);
	}

	#placeDocType(type: Y.AbstractType<unknown>): Placement {
		const memo = this.#placements.get(type);
		if (memo) return memo;
		const path: (string | null)[] = [];
		let current = type;
		// Docs are checked on the way in, so a stored doc is shallow; the bound guards an old one.
		for (let depth = 0; current._item; depth++) {
			if (depth > 32) throw new Malformed('the doc is nested too deep');
			path.unshift(current._item.parentSub);
			current = current._item.parent as Y.AbstractType<unknown>;
		}
		const at = { root: Y.findRootTypeKey(current), path };
		this.#placements.set(type, at);
		return at;
	}

	/**
	 * Items that share an origin (or, with none, a parent and key) and a right origin are placed by
	 * scanning each other. Items with the same origin but different right origins do not: a run
	 * typed backwards at one spot has each item's right origin the one before it, and Yjs places
	 * every one of them without a scan.
	 */
	#groupKey(item: Y.Item, resolved: Exclude<Resolved, 'discarded'>): string {
		const right = item.rightOrigin ? `${item.rightOrigin.client}:${item.rightOrigin.clock}` : 'end';
		if (item.origin) return `o${item.origin.client}:${item.origin.clock}|${right}`;
		const parent = resolved.parent;
		const parentKey = parent.kind === 'root' ? parent.name : parent.kind === 'new' ? `n${parent.item.id.client}:${parent.item.id.clock}` : `d${parent.type._item?.id.client}:${parent.type._item?.id.clock}`;
		return `p${parentKey}/${resolved.sub ?? ''}|${right}`;
	}

	/** Charges k·gap + k²/2 for a group of k new items that share an origin and a right origin. */
	#chargeConflicts(first: Y.Item, count: number): void {
		this.#spend((count * count) / 2);
		const gap = this.#gap(first);
		this.#spend(count * gap);
	}

	/** Items Yjs will scan between the item's origin and right origin, walked within the budget. */
	#gap(item: Y.Item): number {
		const resolved = this.#resolved.get(item);
		if (!resolved || resolved === 'discarded') return 0;
		let start: Y.Item | null;
		let origin: Y.Item | null = null;
		if (item.origin) {
			const found = this.#find(item.origin);
			if (this.#isNew(found) || !(found instanceof Y.Item)) return 0;
			origin = found;
			start = found.right;
		} else {
			const parent = resolved.parent;
			const type = parent.kind === 'doc' ? parent.type : parent.kind === 'root' ? this.#existingRoot(parent.name) : null;
			if (!type) return 0;
			if (resolved.sub === null) start = type._start;
			else {
				start = type._map.get(resolved.sub) ?? null;
				for (let steps = 0; start?.left; steps++) {
					start = start.left;
					this.#spend(1);
				}
			}
		}
		const stop = this.#scanEnd(item, origin);
		if (stop === 'none') return 0;
		let gap = 0;
		for (let o = start; o && o !== stop; o = o.right) {
			gap += 1;
			if (this.#conflictSteps + gap > this.#limits.maxConflictSteps) break;
		}
		return gap;
	}

	/**
	 * Where the scan for `item` ends: its right origin when the doc has it. A right origin that is
	 * new in this update sits just after its own anchor (the doc item its origins lead back to), so
	 * the scan ends after that anchor, and never starts when the anchor is the item's own origin.
	 */
	#scanEnd(item: Y.Item, origin: Y.Item | null): Y.Item | null | 'none' {
		if (!item.rightOrigin) return null;
		const right = this.#find(item.rightOrigin);
		if (!this.#isNew(right)) return right as Y.Item;
		const anchor = this.#anchor(right as Y.Item);
		if (anchor === origin) return 'none';
		return anchor === null ? null : anchor.right;
	}

	/** The doc item a new item's origins lead back to, or null when they lead to the start. */
	#anchor(item: Y.Item): Y.Item | null {
		const chain: Y.Item[] = [];
		let current: Y.Item | null = item;
		let anchor: Y.Item | null | undefined;
		while (anchor === undefined) {
			const memo = this.#anchors.get(current!);
			if (memo !== undefined) {
				anchor = memo;
				break;
			}
			chain.push(current!);
			if (!current!.origin) {
				anchor = null;
				break;
			}
			const found = this.#find(current!.origin);
			if (!this.#isNew(found)) anchor = found instanceof Y.Item ? found : null;
			else if (chain.length > this.#structs.length) throw new Malformed('an origin cycle');
			else current = found as Y.Item;
		}
		for (const link of chain) this.#anchors.set(link, anchor);
		return anchor;
	}

	#existingRoot(name: string): Y.AbstractType<unknown> | null {
		return (this.#doc.share.get(name) as Y.AbstractType<unknown> | undefined) ?? null;
	}

	#spend(steps: number): void {
		this.#conflictSteps += steps;
		if (this.#conflictSteps > this.#limits.maxConflictSteps) {
			throw new Malformed(`conflict resolution above ${this.#limits.maxConflictSteps} steps`);
		}
	}

	/** The live doc items the delete set removes. Deletes of new structs need no judging beyond theirs. */
	#removals(): PlacedStruct[] {
		const store = this.#doc.store;
		const removals: PlacedStruct[] = [];
		let visits = 0;
		for (const [client, ranges] of this.#ds) {
			const structs = store.clients.get(client);
			if (!structs) continue;
			const docEnd = Y.getState(store, client);
			for (const { clock, len } of ranges) {
				const end = Math.min(clock + len, docEnd);
				if (clock >= end) continue;
				for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
					const struct = structs[i]!;
					if (struct.id.clock >= end) break;
					if (++visits > this.#limits.maxDeleteVisits) throw new Malformed('a delete set too large to apply');
					if (!(struct instanceof Y.Item) || struct.deleted) continue;
					if (!(struct.parent instanceof Y.AbstractType)) continue;
					removals.push({ item: struct, at: this.#child(this.#placeDocType(struct.parent), struct.parentSub) });
				}
			}
		}
		return removals;
	}
}
