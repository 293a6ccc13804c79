/**
 * TF-IDF vectors and their cosine. A vector is sparse (term → weight) and L2-normalised, so the
 * cosine of two is their dot product. Term frequency is dampened (1 + ln tf): a note that repeats
 * "tillsammans" three times is not three times as much about it. IDF is smoothed, ln((1 + N) /
 * (1 + df)) + 1, so a term in every point still counts a little rather than not at all.
 */
import type { Term } from './terms';

export type Vector = ReadonlyMap<string, number>;

export function tfidfVectors(documents: readonly (readonly Term[])[]): Vector[] {
	const df = new Map<string, number>();
	for (const terms of documents) for (const term of new Set(terms.map((t) => t.term))) df.set(term, (df.get(term) ?? 0) + 1);
	const n = documents.length;
	return documents.map((terms) => {
		const tf = new Map<string, number>();
		for (const { term, weight } of terms) tf.set(term, (tf.get(term) ?? 0) + weight);
		const vector = new Map<string, number>();
		let norm = 0;
		for (const [term, f] of tf) {
			const w = (1 + Math.log(f)) * (Math.log((1 + n) / (1 + df.get(term)!)) + 1);
			vector.set(term, w);
			norm += w * w;
		}
		norm = Math.sqrt(norm);
		for (const [term, w] of vector) vector.set(term, w / norm);
		return vector;
	});
}

/** The cosine of two normalised vectors; 0 when either is empty. */
export function cosine(a: Vector, b: Vector): number {
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	let dot = 0;
	for (const [term, w] of small) {
		const other = large.get(term);
		if (other !== undefined) dot += w * other;
	}
	return dot;
}
