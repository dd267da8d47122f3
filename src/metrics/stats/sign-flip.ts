import { mean } from './descriptive.js';
import type { Rng } from '../../shared/rng.js';
import { tieTolerance } from './ties.js';
import type { TestOutcome } from './types.js';
import type { PairedTestOptions } from './wilcoxon.js';

/** Up to this many differences every sign pattern is enumerated (2^20 ≈ 10^6 sums). */
export const SIGN_FLIP_EXACT_MAX_N = 20;

/** Options of the sign-flip test beyond the exact range. */
export interface SignFlipOptions extends PairedTestOptions {
  /** Generator of the random sign patterns (Monte Carlo only). */
  rng: Rng;
  /** Random sign patterns drawn beyond the exact range (scipy's default is 9,999). */
  resamples: number;
}

/** A draw of `rng.int(2^32)`: 32 random signs. */
const SIGN_BITS = 2 ** 32;

/**
 * Sign-flip permutation test of H0: differences symmetric about 0, two-sided, on the mean
 * difference (Fisher 1935; Good, "Permutation Tests", §3.1). Under H0 each difference keeps or
 * flips its sign with probability 1/2. Matches scipy.stats.permutation_test((d,), mean,
 * permutation_type="samples"):
 * - n ≤ 20: exact, over all 2^n sign patterns (counted half against half with binary search);
 * - beyond: Monte Carlo over `resamples` random patterns (one `rng.int(2^32)` gives the signs of
 *   32 differences, lowest bit first, a set bit flipping), each tail (k + 1)/(N + 1) (Phipson &
 *   Smyth 2010), so p is never 0.
 * One-sided tails count patterns whose mean is at or beyond the observed one, within a relative
 * 1e-12 of the differences' scale (stats/ties.ts), so that a mirrored sample (a binary model's
 * other label) gives the same p. p = 2 × the smaller tail, capped at 1. Undefined (null) with
 * no differences.
 */
export function signFlipTest(differences: ArrayLike<number>, options: SignFlipOptions): TestOutcome {
  const d = Array.from(differences);
  const n = d.length;
  if (n === 0) return { statistic: null, p: null, reason: 'no paired values', method: 'sign-flip permutation test' };
  const observed = mean(d);
  const gamma = tieTolerance(d, options.scale);
  if (n <= SIGN_FLIP_EXACT_MAX_N) {
    // Meet in the middle: a pattern's signed sum is a + b, a from the first half's 2^h signed
    // sums and b from the second half's; for each a, binary search counts the b on each side.
    const h = n >> 1;
    const second = signedSums(d.slice(h)).sort();
    let below = 0;
    let above = 0;
    for (const a of signedSums(d.slice(0, h))) {
      below += countAtMost(second, n * (observed + gamma) - a);
      above += second.length - countBelow(second, n * (observed - gamma) - a);
    }
    const p = (2 * Math.min(below, above)) / 2 ** n;
    const method = `sign-flip permutation test of the mean difference, exact over 2^${n} sign patterns`;
    return { statistic: observed, p: Math.min(1, p), method };
  }
  let below = 0;
  let above = 0;
  for (let b = 0; b < options.resamples; b++) {
    let sum = 0;
    let bits = 0;
    for (let i = 0; i < n; i++) {
      if (i % 32 === 0) bits = options.rng.int(SIGN_BITS);
      // A set bit flips: ×(1 − 2·bit), without a branch on a random bit.
      sum += d[i]! * (1 - 2 * ((bits >>> i % 32) & 1));
    }
    if (sum / n <= observed + gamma) below++;
    if (sum / n >= observed - gamma) above++;
  }
  const p = (2 * Math.min(below + 1, above + 1)) / (options.resamples + 1);
  const method = `sign-flip permutation test of the mean difference, Monte Carlo over ${options.resamples} random sign patterns`;
  return { statistic: observed, p: Math.min(1, p), method };
}

/** Σ ±d_i for every sign pattern of d (each a chain of at most 10 additions). */
function signedSums(d: readonly number[]): Float64Array {
  const double = (sums: Float64Array, x: number) =>
    Float64Array.from({ length: sums.length * 2 }, (_, k) => sums[k >> 1]! + (k % 2 === 0 ? x : -x));
  return d.reduce(double, Float64Array.of(0));
}

/** How many sorted values are ≤ t. */
function countAtMost(sorted: Float64Array, t: number): number {
  return partitionPoint(sorted, (v) => v <= t);
}

/** How many sorted values are < t. */
function countBelow(sorted: Float64Array, t: number): number {
  return partitionPoint(sorted, (v) => v < t);
}

/** The number of leading values for which `holds` is true (it must hold for a prefix only). */
function partitionPoint(sorted: Float64Array, holds: (v: number) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(sorted[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
