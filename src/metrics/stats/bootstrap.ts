/**
 * Percentile bootstrap over counterfactual sets (Efron & Tibshirani 1993, ch. 13). One draw
 * resamples whole sets with replacement, so every group (and every stratum) of a set moves
 * together: the "cluster" bootstrap that respects the pairing of counterfactual sentences.
 */
import type { Rng } from '../../shared/rng.js';
import { quantileSorted } from './descriptive.js';
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
 *
 * The interval of a statistic built on a maximum (gap = max − min of group means) is biased
 * upward: each resample's max − min is at least as large as the spread of its noise, so with no
 * group effect at all the interval still sits above 0 (docs/metrics.md, "Intervals").
 * @param nSets sets to resample.
 * @param statistics called with `weights` (how many times each set was drawn, N draws in all)
 *   and returning one number per statistic, always as many; it must compute them on the
 *   weighted sets. The values are copied before the next call.
 * @returns one [lo, hi] (or null) per statistic.
 */
export function percentileBootstrap(
  nSets: number,
  statistics: (weights: Float64Array) => ArrayLike<number>,
  options: BootstrapOptions,
): (Interval | null)[] {
  if (!(nSets > 0)) throw new RangeError('bootstrap needs at least one set');
  const B = options.resamples;
  const weights = new Float64Array(nSets);
  let draws: Float64Array[] = [];
  for (let b = 0; b < B; b++) {
    weights.fill(0);
    for (let i = 0; i < nSets; i++) weights[options.rng.int(nSets)]! += 1;
    const values = statistics(weights);
    if (b === 0) draws = Array.from({ length: values.length }, () => new Float64Array(B));
    draws.forEach((column, k) => (column[b] = values[k]!));
  }
  return draws.map((column) => percentileInterval(column, options.confidence));
}

/** The percentile interval of one statistic's draws, over the finite ones; null when fewer than half are. */
function percentileInterval(draws: Float64Array, confidence: number): Interval | null {
  let n = 0;
  for (const v of draws) if (Number.isFinite(v)) draws[n++] = v;
  const finite = draws.subarray(0, n).sort();
  if (finite.length < draws.length / 2) return null;
  const alpha = (1 - confidence) / 2;
  return [quantileSorted(finite, alpha), quantileSorted(finite, 1 - alpha)];
}
