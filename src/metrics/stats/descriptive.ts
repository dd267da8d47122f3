/** Descriptive statistics. Each throws on an empty sample rather than returning NaN. */

/** Arithmetic mean. */
export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) throw new RangeError('mean of an empty sample');
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s / xs.length;
}

/**
 * Variance by the two-pass formula Σ(x − x̄)²/(n − ddof) (numpy.var; ddof 0 is the population
 * variance, ddof 1 the unbiased sample variance).
 */
export function variance(xs: ArrayLike<number>, ddof: 0 | 1): number {
  if (xs.length <= ddof) throw new RangeError(`variance with ddof ${ddof} needs more than ${ddof} values`);
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += ((xs[i] as number) - m) ** 2;
  return s / (xs.length - ddof);
}

/**
 * Quantile of sorted data by linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of numpy.percentile and R's quantile).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/**
 * Ranks with ties given their average rank, 1-based (scipy.stats.rankdata, method "average").
 * Values within `tolerance` of the first value of their run (sorted ascending) are one tie; 0
 * means exact equality.
 * @returns the ranks, and the size of every group of tied values (for tie corrections).
 */
export function averageRanks(xs: ArrayLike<number>, tolerance = 0): { ranks: Float64Array; ties: number[] } {
  const values = Array.from(xs);
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const ranks = new Float64Array(values.length);
  const ties: number[] = [];
  for (let start = 0; start < order.length; ) {
    const first = values[order[start]!]!;
    let end = start + 1;
    while (end < order.length && values[order[end]!]! - first <= tolerance) end++;
    const rank = (start + 1 + end) / 2; // mean of ranks start+1 … end
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    if (end - start > 1) ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}
