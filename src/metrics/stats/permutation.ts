/**
 * The permutation test of "no disparity" for statistics of group means across sets: under H0
 * the group labels are exchangeable within each block (a block is one stratum of one set: the
 * sentences that differ only in the audited attribute), so relabelling the groups within every
 * block, independently, gives the null distribution (Fisher 1935; Good, "Permutation Tests",
 * ch. 3; a stratified, or "restricted", permutation test).
 */
import type { Rng } from '../../shared/rng.js';
import { tieTolerance } from './ties.js';

/** Up to this many relabellings the test enumerates them all; beyond, it draws them at random. */
export const PERMUTATION_EXACT_MAX = 65_536;

/** Settings of one permutation test. */
export interface PermutationOptions {
  /** Generator of the random relabellings (Monte Carlo only). */
  rng: Rng;
  /** Random relabellings drawn beyond the exact range. */
  resamples: number;
  /** The size of the values the statistics are computed from (1 for probabilities), for ties. */
  scale?: number;
  /** Enumerate when there are at most this many relabellings (default PERMUTATION_EXACT_MAX). */
  exactMax?: number;
}

/** The p-value of each statistic, and how they were obtained. */
export interface PermutationOutcome {
  /** One-sided p of each statistic (null where its observed value is undefined). */
  p: (number | null)[];
  /** Relabellings enumerated (exact) or drawn (Monte Carlo). */
  count: number;
  exact: boolean;
  method: string;
}

/**
 * p-values of statistics that measure disparity (larger = more), under random relabelling of
 * `size` items within each of `blocks` blocks:
 * - exact, when (size!)^blocks ≤ `exactMax`: p = #{relabellings with T ≥ T_obs} / #relabellings
 *   (the observed labelling among them);
 * - else Monte Carlo over `resamples` uniform relabellings (Fisher–Yates per block):
 *   p = (1 + #{T ≥ T_obs}) / (resamples + 1) (Phipson & Smyth 2010), so p is never 0.
 * "T ≥ T_obs" allows a relative 1e-12 for rounding (stats/ties.ts).
 * @param statistics called with one permutation per block (`perm[b][g]`: the item of block b
 *   that takes label g; the identity is the observed labelling); returns every statistic, always
 *   as many. It may return NaN where a statistic is undefined.
 */
export function permutationTest(
  blocks: number,
  size: number,
  statistics: (perms: readonly Int32Array[]) => ArrayLike<number>,
  options: PermutationOptions,
): PermutationOutcome {
  const perms = Array.from({ length: blocks }, () => identity(size));
  const observed = Array.from(statistics(perms));
  const tolerance = observed.map((t) => tieTolerance([t], options.scale));
  const atLeast = new Float64Array(observed.length);
  const tally = (values: ArrayLike<number>): void => {
    observed.forEach((t, k) => {
      if (values[k]! >= t - tolerance[k]!) atLeast[k]! += 1;
    });
  };
  const total = relabellings(blocks, size, options.exactMax ?? PERMUTATION_EXACT_MAX);
  if (total !== undefined) {
    const all = permutationsOf(size);
    const digits = new Int32Array(blocks);
    for (let r = 0; r < total; r++) {
      digits.forEach((d, b) => perms[b]!.set(all[d]!));
      tally(statistics(perms));
      // The next relabelling: an odometer over the blocks, each digit one of the size! permutations.
      for (let b = 0; b < blocks && ++digits[b]! === all.length; b++) digits[b] = 0;
    }
    return outcome(observed, atLeast, total, true, `exact over all ${total} relabellings`);
  }
  for (let r = 0; r < options.resamples; r++) {
    for (const perm of perms) shuffle(perm, options.rng);
    tally(statistics(perms));
  }
  const how = `Monte Carlo over ${options.resamples} random relabellings, p = (1 + k)/(1 + ${options.resamples})`;
  return outcome(observed, atLeast, options.resamples, false, how);
}

function outcome(observed: number[], atLeast: Float64Array, count: number, exact: boolean, how: string): PermutationOutcome {
  const p = observed.map((t, k) => (Number.isNaN(t) ? null : exact ? atLeast[k]! / count : (1 + atLeast[k]!) / (1 + count)));
  return { p, count, exact, method: `permutation test of group labels within each set and stratum, ${how}` };
}

/** (size!)^blocks when it is at most `max`, else undefined. */
function relabellings(blocks: number, size: number, max: number): number | undefined {
  let perBlock = 1;
  for (let k = 2; k <= size; k++) perBlock *= k;
  let total = 1;
  for (let b = 0; b < blocks; b++) {
    total *= perBlock;
    if (total > max) return undefined;
  }
  return total;
}

function identity(size: number): Int32Array {
  return Int32Array.from({ length: size }, (_, g) => g);
}

/** Every permutation of 0 … size − 1. */
function permutationsOf(size: number): Int32Array[] {
  if (size === 0) return [new Int32Array(0)];
  return permutationsOf(size - 1).flatMap((rest) =>
    Array.from({ length: size }, (_, first) => Int32Array.from([first, ...Array.from(rest, (v) => (v >= first ? v + 1 : v))])),
  );
}

/** A uniform random permutation in place (Fisher & Yates; Durstenfeld's algorithm P). */
function shuffle(perm: Int32Array, rng: Rng): void {
  for (let g = perm.length - 1; g > 0; g--) {
    const j = rng.int(g + 1);
    const t = perm[g]!;
    perm[g] = perm[j]!;
    perm[j] = t;
  }
}
