import { averageRanks } from './descriptive.js';
import { normalSf } from './distributions.js';
import { tieTolerance } from './ties.js';
import type { TestOutcome } from './types.js';

/** Above this many non-zero differences the exact null distribution gives way to the normal one (scipy's cut-off). */
const EXACT_MAX_N = 50;

/** Options of the paired tests. */
export interface PairedTestOptions {
  /**
   * The size of the values the differences were taken between (1 for probabilities): zeros and
   * ties are decided within a relative 1e-12 of the larger of it and the largest |difference|.
   */
  scale?: number;
}

/**
 * Wilcoxon signed-rank test of H0: differences symmetric about 0, two-sided (Wilcoxon 1945),
 * as scipy.stats.wilcoxon with its defaults (zero_method="wilcox", correction=False):
 * - zero differences are dropped (Wilcoxon's own treatment);
 * - with at most 50 differences, none zero and no tied |d|, p comes from the exact null
 *   distribution of W+ (2 × the smaller tail, capped at 1);
 * - otherwise from the normal approximation z = (T − n(n+1)/4)/σ, with σ² = n(n+1)(2n+1)/24
 *   less Σ(t³ − t)/48 over groups of t tied |d| (the tie correction).
 * Zeros and ties are decided within a relative 1e-12 (stats/ties.ts), not by exact float
 * equality, so that rounding cannot move W: a binary model's NEGATIVE differences, the
 * POSITIVE ones negated up to rounding, give the same T and p.
 * scipy's "auto" also uses the exact distribution when |d| has ties, which that distribution
 * does not allow for (scipy 1.10 even truncates the tied rank sum); here ties always take the
 * tie-corrected normal approximation, scipy's method="approx".
 * The statistic is T = min(W+, W−), as scipy reports for a two-sided test.
 * Undefined (null, with a reason) when there are no non-zero differences.
 * @param differences the paired differences x_i − y_i.
 */
export function wilcoxonSignedRank(differences: ArrayLike<number>, options: PairedTestOptions = {}): TestOutcome {
  const all = Array.from(differences);
  const tolerance = tieTolerance(all, options.scale);
  const d = all.filter((v) => Math.abs(v) > tolerance);
  const zeros = all.length - d.length;
  const n = d.length;
  if (n === 0) {
    const reason = all.length === 0 ? 'no paired values' : 'every difference is zero';
    return { statistic: null, p: null, reason, method: 'Wilcoxon signed-rank' };
  }
  const { ranks, ties } = averageRanks(d.map(Math.abs), tolerance);
  let wPlus = 0;
  let wMinus = 0;
  ranks.forEach((rank, i) => {
    if (d[i]! > 0) wPlus += rank;
    else wMinus += rank;
  });
  const statistic = Math.min(wPlus, wMinus);

  if (n <= EXACT_MAX_N && zeros === 0 && ties.length === 0) {
    return { statistic, p: exactTwoSided(wPlus, n), method: `Wilcoxon signed-rank, exact distribution, n=${n}` };
  }
  const mean = (n * (n + 1)) / 4;
  let v = (n * (n + 1) * (2 * n + 1)) / 24;
  for (const t of ties) v -= (t * (t * t - 1)) / 48;
  const dropped = zeros > 0 ? `, ${zeros} zero difference${zeros === 1 ? '' : 's'} dropped` : '';
  const method = `Wilcoxon signed-rank, normal approximation${ties.length > 0 ? ' with tie correction' : ''}, n=${n}${dropped}`;
  if (v === 0) return { statistic, p: 1, method }; // unreachable for n ≥ 1; kept so p is never NaN
  const z = (statistic - mean) / Math.sqrt(v);
  return { statistic, p: Math.min(1, 2 * normalSf(Math.abs(z))), method };
}

/**
 * Two-sided exact p of the signed-rank sum W+ = w among n untied ranks: 2 × the smaller tail of
 * its null distribution (every sign pattern equally likely), capped at 1.
 */
function exactTwoSided(w: number, n: number): number {
  const counts = signedRankCounts(n);
  const max = (n * (n + 1)) / 2;
  if (w === max / 2) return 1;
  let lower = 0;
  let upper = 0;
  counts.forEach((count, k) => {
    if (k <= w) lower += count;
    if (k >= w) upper += count;
  });
  return Math.min(1, (2 * Math.min(lower, upper)) / 2 ** n);
}

const countsCache = new Map<number, Float64Array>();

/**
 * counts[k] = number of subsets of {1, …, n} whose sum is k, by the usual knapsack recursion.
 * They stay below 2^50, so float64 holds them exactly.
 */
function signedRankCounts(n: number): Float64Array {
  const cached = countsCache.get(n);
  if (cached) return cached;
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let r = 1; r <= n; r++) {
    for (let k = (r * (r + 1)) / 2; k >= r; k--) counts[k] = counts[k]! + counts[k - r]!;
  }
  countsCache.set(n, counts);
  return counts;
}
