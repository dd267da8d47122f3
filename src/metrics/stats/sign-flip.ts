import { mean } from './descriptive.js';
import { fillInts, type Rng } from '../../shared/rng.js';
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
 * - n ≤ 20: exact, over all 2^n sign patterns (counted half against half with binary search);
 *   one-sided tails count patterns whose mean is at or beyond the observed one (with scipy's
 *   relative tolerance of 1e-14 for float ties);
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
  let p: number;
  let method: string;
  if (n <= SIGN_FLIP_EXACT_MAX_N) {
    // Meet in the middle: a pattern's signed sum is a + b, a from the first half's 2^h signed
    // sums and b from the second half's; for each a, binary search counts the b on each side.
    const h = n >> 1;
    const first = signedSums(differences, 0, h);
    const second = signedSums(differences, h, n).sort();
    const hi = n * (observed + gamma);
    const lo = n * (observed - gamma);
    for (const a of first) {
      below += countAtMost(second, hi - a);
      above += second.length - countBelow(second, lo - a);
    }
    p = (2 * Math.min(below, above)) / 2 ** n;
    method = `sign-flip permutation test of the mean difference, exact over 2^${n} sign patterns`;
  } else {
    // One draw gives the signs of 32 differences, lowest bit first; a set bit flips. Each byte
    // of it indexes a table of the 256 signed sums of its 8 differences, so a pattern's sum
    // takes n/8 lookups rather than n additions (the same draws, so the same patterns).
    const chunks = Math.ceil(n / 8);
    const sums = byteSignedSums(differences, chunks);
    const hi = observed + gamma;
    const lo = observed - gamma;
    const perPattern = Math.ceil(chunks / 4);
    // The draws of a batch of patterns at once (the same draws, in the same order, as one at a time).
    const batch = Math.max(1, Math.min(options.resamples, Math.floor(4096 / perPattern)));
    const draws = new Float64Array(batch * perPattern);
    for (let b0 = 0; b0 < options.resamples; b0 += batch) {
      const count = Math.min(batch, options.resamples - b0);
      const bitsOf = count === batch ? draws : draws.subarray(0, count * perPattern);
      fillInts(options.rng, bitsOf, 4294967296);
      for (let b = 0; b < count; b++) {
        let s = 0;
        for (let c = 0; c < chunks; c++) s += sums[(c << 8) | (((bitsOf[b * perPattern + (c >> 2)] as number) >>> ((c & 3) << 3)) & 255)] as number;
        if (s / n <= hi) below++;
        if (s / n >= lo) above++;
      }
    }
    p = (2 * Math.min(below + 1, above + 1)) / (options.resamples + 1);
    method = `sign-flip permutation test of the mean difference, Monte Carlo over ${options.resamples} random sign patterns`;
  }
  return { statistic: observed, p: Math.min(1, p), method };
}

/**
 * For each run c of 8 differences (the last one shorter), the signed sum Σ_j ±d_{8c+j} for each
 * byte of signs (bit j set: −d_{8c+j}; bits past the end ignored), at index 256c + byte. Built
 * one difference at a time, so each sum adds its terms in order.
 */
function byteSignedSums(d: ArrayLike<number>, chunks: number): Float64Array {
  const n = d.length;
  const sums = new Float64Array(chunks * 256);
  for (let c = 0; c < chunks; c++) {
    const base = c << 8;
    const count = Math.min(8, n - 8 * c);
    // After difference j, entries [0, 2^(j+1)) hold the sums of the patterns of bits 0…j.
    for (let j = 0, size = 1; j < count; j++, size <<= 1) {
      const x = d[8 * c + j] as number;
      for (let p = 0; p < size; p++) {
        const v = sums[base + p] as number;
        sums[base + p] = v + x;
        sums[base + size + p] = v - x;
      }
    }
    for (let p = 1 << count; p < 256; p++) sums[base + p] = sums[base + (p & ((1 << count) - 1))] as number;
  }
  return sums;
}

/** Σ ±d_i over i in [from, to), for every sign pattern (each a chain of at most 10 additions). */
function signedSums(d: ArrayLike<number>, from: number, to: number): Float64Array {
  let sums = new Float64Array([0]);
  for (let i = from; i < to; i++) {
    const x = d[i] as number;
    const next = new Float64Array(sums.length * 2);
    sums.forEach((v, k) => {
      next[2 * k] = v + x;
      next[2 * k + 1] = v - x;
    });
    sums = next;
  }
  return sums;
}

/** How many sorted values are ≤ t. */
function countAtMost(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many sorted values are < t. */
function countBelow(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
