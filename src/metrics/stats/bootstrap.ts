/**
 * Percentile bootstrap over counterfactual sets (Efron & Tibshirani 1993, ch. 13). One draw
 * resamples whole sets with replacement, so every group of a set moves together: the
 * "cluster" bootstrap that respects the pairing of counterfactual sentences.
 */
import type { Rng } from './rng.js';
import { quantileSorted } from './descriptive.js';
import type { Interval } from './types.js';

/**
 * Percentile intervals for several statistics of the same resamples.
 * @param nSets sets to resample.
 * @param statistics called with `weights` (how many times each set was drawn) and returning
 *   one number per statistic; it must compute the statistic on the weighted sets.
 * @returns one [lo, hi] per statistic.
 */
export function percentileBootstrap(
  nSets: number,
  statistics: (weights: Uint32Array) => number[],
  options: { resamples: number; confidence: number; rng: Rng },
): Interval[] {
  const weights = new Uint32Array(nSets);
  const draws: number[][] = [];
  for (let b = 0; b < options.resamples; b++) {
    weights.fill(0);
    for (let i = 0; i < nSets; i++) weights[options.rng.int(nSets)]! += 1;
    statistics(weights).forEach((v, k) => (draws[k] ??= []).push(v));
  }
  const alpha = (1 - options.confidence) / 2;
  return draws.map((d) => {
    const sorted = Float64Array.from(d).sort();
    return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
  });
}
