import { mean } from './descriptive.js';
import type { Rng } from './rng.js';
import type { TestOutcome } from './types.js';

/** Up to this many differences every sign pattern is enumerated (2^20 ≈ 10^6 sums). */
export const SIGN_FLIP_EXACT_MAX_N = 20;

/** Options of the sign-flip test beyond the exact range. */
export interface SignFlipOptions {
  /** Generator of the random sign patterns (Monte Carlo only). */
  rng: Rng;
  /** Random sign patterns drawn beyond the exact range (scipy's default is 9,999). */
  resamples: number;
}

/**
 * Sign-flip permutation test of H0: differences symmetric about 0, two-sided, on the mean
 * difference (Fisher 1935; Good, "Permutation Tests", §3.1). Under H0 each difference keeps or
 * flips its sign with probability 1/2. Matches scipy.stats.permutation_test((d,), mean,
 * permutation_type="samples"):
 * - n ≤ 20: exact, over all 2^n sign patterns; one-sided tails count patterns whose mean is at
 *   or beyond the observed one (with scipy's relative tolerance of 1e-14 for float ties);
 * - beyond: Monte Carlo over `resamples` random patterns, each tail (k + 1)/(N + 1) (Phipson &
 *   Smyth 2010), so p is never 0.
 * p = 2 × the smaller tail, capped at 1. Undefined (null) with no differences.
 */
export function signFlipTest(differences: ArrayLike<number>, options: SignFlipOptions): TestOutcome {
  const n = differences.length;
  if (n === 0) return { statistic: null, p: null, reason: 'no paired values', method: 'sign-flip permutation test' };
  const observed = mean(differences);
  const gamma = Math.max(1e-14, Math.abs(1e-14 * observed));
  let below = 0;
  let above = 0;
  const count = (v: number): void => {
    if (v <= observed + gamma) below++;
    if (v >= observed - gamma) above++;
  };
  let p: number;
  let method: string;
  if (n <= SIGN_FLIP_EXACT_MAX_N) {
    const total = 2 ** n;
    // sums[mask] = Σ d_i over the i in mask, each a short chain of additions (error ≤ n ulp).
    const sums = new Float64Array(total);
    for (let mask = 1; mask < total; mask++) {
      const low = mask & -mask;
      sums[mask] = (sums[mask ^ low] as number) + (differences[31 - Math.clz32(low)] as number);
    }
    const full = total - 1;
    // The pattern `mask` flips the signs of the differences in it.
    for (let mask = 0; mask < total; mask++) count(((sums[full ^ mask] as number) - (sums[mask] as number)) / n);
    p = (2 * Math.min(below, above)) / total;
    method = `sign-flip permutation test of the mean difference, exact over 2^${n} sign patterns`;
  } else {
    for (let b = 0; b < options.resamples; b++) {
      let s = 0;
      let bits = 0;
      for (let i = 0; i < n; i++) {
        // One draw gives the signs of 32 differences, lowest bit first; a set bit flips.
        if (i % 32 === 0) bits = options.rng.int(4294967296);
        s += (bits >>> i % 32) & 1 ? -(differences[i] as number) : (differences[i] as number);
      }
      count(s / n);
    }
    p = (2 * Math.min(below + 1, above + 1)) / (options.resamples + 1);
    method = `sign-flip permutation test of the mean difference, Monte Carlo over ${options.resamples} random sign patterns`;
  }
  return { statistic: observed, p: Math.min(1, p), method };
}
