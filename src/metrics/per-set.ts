/**
 * Statistics of one stratum of one counterfactual set, over its groups. The per-set metrics
 * (CTF gap, PSA, flips, total variation) average these over the strata of a set, then over sets,
 * so the bootstrap only re-weights numbers computed once.
 */

/**
 * Mean over unordered pairs {a, b} of |v_a − v_b|, in O(G log G): sorted ascending, the k-th
 * value (0-based) is the larger one of k pairs and the smaller of G − 1 − k.
 */
export function meanPairwiseAbsDiff(values: ArrayLike<number>): number {
  const G = values.length;
  if (G < 2) throw new RangeError('pairs need at least two groups');
  const sorted = Float64Array.from(values).sort();
  const sum = sorted.reduce((s, v, k) => s + v * (2 * k - G + 1), 0);
  return sum / ((G * (G - 1)) / 2);
}

/** max − min; NaN when a value is NaN. */
export function range(values: ArrayLike<number>): number {
  const [lo, hi] = extent(values);
  return hi - lo;
}

/** min / max of non-negative values; 1 when all are 0 (equal rates: no disparity); NaN when a value is NaN. */
export function minMaxRatio(values: ArrayLike<number>): number {
  const [lo, hi] = extent(values);
  return hi === 0 ? 1 : lo / hi;
}

/** [min, max] of the values, NaN when one is NaN. */
function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) return [NaN, NaN];
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

/**
 * Population standard deviation (ddof 0), as Prabhakaran et al.'s ScoreDev uses; computed on
 * the values less the first one, so that equal values give exactly 0 rather than rounding dust.
 */
export function populationSd(values: ArrayLike<number>): number {
  const first = values[0] ?? 0;
  const xs = Array.from(values, (v) => v - first);
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
}

/**
 * Mean over unordered group pairs of the probability that a sentence of one and a sentence of
 * the other get different predicted labels: 1 − Σ_l Σ_{a<b} s_al s_bl / #pairs, where s_gl is the
 * share of group g's sentences predicted l (Σ_{a<b} s_a s_b = ((Σ s)² − Σ s²)/2).
 * @param shares index g * L + l.
 */
export function pairwiseDisagreement(shares: ArrayLike<number>, G: number, L: number): number {
  let agree = 0;
  for (let l = 0; l < L; l++) {
    let sum = 0;
    let squares = 0;
    for (let g = 0; g < G; g++) {
      const s = shares[g * L + l]!;
      sum += s;
      squares += s * s;
    }
    agree += (sum * sum - squares) / 2;
  }
  return 1 - agree / ((G * (G - 1)) / 2);
}

/**
 * Mean over unordered group pairs of the total variation distance ½ Σ_l |p_al − p_bl| between
 * the groups' probability vectors: ½ Σ_l of each label's mean pairwise absolute difference.
 * @param probs index g * L + l.
 */
export function meanPairwiseTotalVariation(probs: ArrayLike<number>, G: number, L: number): number {
  let total = 0;
  for (let l = 0; l < L; l++) total += meanPairwiseAbsDiff(Float64Array.from({ length: G }, (_, g) => probs[g * L + l]!));
  return total / 2;
}
