/**
 * Percentile bootstrap over counterfactual sets (Efron & Tibshirani 1993, ch. 13). One draw
 * resamples whole sets with replacement, so every group of a set moves together: the
 * "cluster" bootstrap that respects the pairing of counterfactual sentences.
 */
import { quantileSorted } from './descriptive.js';
import type { Rng } from './rng.js';
import type { Interval } from './types.js';

/** Settings of one bootstrap. */
export interface BootstrapOptions {
  /** Resamples to draw (counterfair's default is 2,000). */
  resamples: number;
  /** Confidence level of the intervals, e.g. 0.95. */
  confidence: number;
  rng: Rng;
}

/**
 * Percentile intervals for several statistics of the same resamples: the α/2 and 1 − α/2
 * quantiles (type 7, as numpy.percentile) of each statistic over the resamples.
 * A statistic may be undefined (NaN) in some resamples, e.g. a true positive rate in a resample
 * that drew no positive sets: its interval is taken over the resamples where it is defined,
 * and is null when that is fewer than half of them.
 * @param nSets sets to resample.
 * @param statistics called with `weights` (how many times each set was drawn) and returning
 *   one number per statistic, always as many; it must compute them on the weighted sets.
 * @returns one [lo, hi] (or null) per statistic.
 */
export function percentileBootstrap(nSets: number, statistics: (weights: Uint32Array) => number[], options: BootstrapOptions): (Interval | null)[] {
  if (!(nSets > 0)) throw new RangeError('bootstrap needs at least one set');
  const weights = new Uint32Array(nSets);
  let draws: Float64Array[] = [];
  for (let b = 0; b < options.resamples; b++) {
    weights.fill(0);
    for (let i = 0; i < nSets; i++) weights[options.rng.int(nSets)]! += 1;
    const values = statistics(weights);
    if (b === 0) draws = values.map(() => new Float64Array(options.resamples));
    values.forEach((v, k) => ((draws[k] as Float64Array)[b] = v));
  }
  const alpha = (1 - options.confidence) / 2;
  return draws.map((d) => {
    const sorted = d.filter(Number.isFinite).sort();
    if (sorted.length < options.resamples / 2) return null;
    return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
  });
}
