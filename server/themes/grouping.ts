/**
 * Grouping points by similarity: average-linkage agglomerative clustering with a threshold and a
 * cap. Two groups join when the mean similarity between their members reaches the threshold, the
 * most similar pair first. Average linkage, not single: with single linkage A~B and B~C put A with
 * C however unlike they are, and a chain snowballs through a whole question. The cap keeps one
 * theme small enough to read and check. Pairs the facilitator set apart (moved out of a theme, or
 * a rejected theme's members) cannot end in one group: their similarity is -Infinity, which every
 * mean they enter stays.
 * Two groups can only join through a pair at or above the threshold (a mean reaches it only if
 * some member pair does), so each connected component of the "at or above" graph is clustered on
 * its own: the same groups, for far less work when most points are like no other.
 * Cost: O(n²) similarities; then O(m³) per component of m points in the worst case.
 */

export interface GroupingOptions {
	threshold: number;
	maxSize: number;
	/** True when points i and j must not share a group. */
	apart?: (i: number, j: number) => boolean;
}

/** Groups of two or more point indices, each sorted; points that join none are left out. */
export function groupBySimilarity(similarity: (i: number, j: number) => number, n: number, options: GroupingOptions): number[][] {
	const { threshold, apart } = options;
	const sims: Float64Array[] = [];
	for (let i = 0; i < n; i++) {
		const row = new Float64Array(n);
		for (let j = i + 1; j < n; j++) row[j] = apart?.(i, j) ? -Infinity : similarity(i, j);
		sims.push(row);
	}
	const at = (i: number, j: number) => (i < j ? sims[i]![j]! : sims[j]![i]!);
	return components(n, (i, j) => at(i, j) >= threshold)
		.filter((component) => component.length > 1)
		.flatMap((component) => agglomerate(component.length, (i, j) => at(component[i]!, component[j]!), options).map((g) => g.map((i) => component[i]!)))
		.map((g) => g.sort((x, y) => x - y))
		.sort((a, b) => a[0]! - b[0]!);
}

/** The connected components of the graph whose edges `linked` names, each in ascending order. */
function components(n: number, linked: (i: number, j: number) => boolean): number[][] {
	const parent = Array.from({ length: n }, (_, i) => i);
	const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
	for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (linked(i, j)) parent[root(j)] = root(i);
	const byRoot = new Map<number, number[]>();
	for (let i = 0; i < n; i++) {
		const r = root(i);
		if (!byRoot.has(r)) byRoot.set(r, []);
		byRoot.get(r)!.push(i);
	}
	return [...byRoot.values()];
}

/** Average-linkage clustering of n points whose pair similarities (-Infinity: apart) `similarity` gives. */
function agglomerate(n: number, similarity: (i: number, j: number) => number, options: GroupingOptions): number[][] {
	const { threshold, maxSize } = options;
	// sim[i][j] for live clusters i < j, as the mean over member pairs; sizes keep the mean's weights.
	const sim: Float64Array[] = [];
	for (let i = 0; i < n; i++) {
		const row = new Float64Array(n);
		for (let j = i + 1; j < n; j++) row[j] = similarity(i, j);
		sim.push(row);
	}
	const members: (number[] | null)[] = Array.from({ length: n }, (_, i) => [i]);
	const at = (i: number, j: number) => (i < j ? sim[i]![j]! : sim[j]![i]!);
	const set = (i: number, j: number, value: number) => {
		if (i < j) sim[i]![j] = value;
		else sim[j]![i] = value;
	};
	for (;;) {
		let best = -Infinity;
		let bi = -1;
		let bj = -1;
		for (let i = 0; i < n; i++) {
			const mi = members[i];
			if (!mi) continue;
			for (let j = i + 1; j < n; j++) {
				const mj = members[j];
				if (!mj || mi.length + mj.length > maxSize) continue;
				const s = sim[i]![j]!;
				if (s > best) {
					best = s;
					bi = i;
					bj = j;
				}
			}
		}
		if (bi < 0 || best < threshold) break;
		const a = members[bi]!;
		const b = members[bj]!;
		for (let k = 0; k < n; k++) {
			if (k === bi || k === bj || !members[k]) continue;
			// Lance–Williams for average linkage: the mean over all member pairs of the joined group.
			set(bi, k, (a.length * at(bi, k) + b.length * at(bj, k)) / (a.length + b.length));
		}
		members[bi] = [...a, ...b].sort((x, y) => x - y);
		members[bj] = null;
	}
	return members.filter((m): m is number[] => m !== null && m.length > 1);
}
