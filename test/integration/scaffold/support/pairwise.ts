import type { Variant } from '../../../../src/engine/scaffold/variants';

type Dimension = (v: Variant) => string;

/** What the matrix varies, besides the format (the template does not depend on it). */
export const DIMENSIONS: Dimension[] = [
  (v) => v.options.database.engine,
  (v) => v.options.cache.engine,
  (v) => v.options.storage.kind,
  (v) => v.options.code.source,
  (v) => String(v.options.azCount),
];

/**
 * A small set of variants in which every pair of values of any two dimensions occurs at least once
 * (greedy pairwise covering). The template's sections interact pairwise at most (the user data reads
 * the database and the cache; the ASG waits for storage), so this catches what the full matrix would.
 */
export function pairwiseCover(variants: Variant[]): Variant[] {
  const pairsOf = (v: Variant): string[] => {
    const values = DIMENSIONS.map((d) => d(v));
    const pairs: string[] = [];
    for (let i = 0; i < values.length; i++) for (let j = i + 1; j < values.length; j++) pairs.push(`${i}=${values[i]}|${j}=${values[j]}`);
    return pairs;
  };
  const uncovered = new Set(variants.flatMap(pairsOf));
  const chosen: Variant[] = [];
  while (uncovered.size) {
    let best = variants[0];
    let bestGain = -1;
    for (const v of variants) {
      const gain = pairsOf(v).filter((p) => uncovered.has(p)).length;
      if (gain > bestGain) { best = v; bestGain = gain; }
    }
    chosen.push(best);
    for (const p of pairsOf(best)) uncovered.delete(p);
  }
  return chosen;
}
