/**
 * Percentile bootstrap over counterfactual sets (Efron & Tibshirani 1993, ch. 13). One draw
 * resamples whole sets with replacement, so every group of a set moves together: the
 * "cluster" bootstrap that respects the pairing of counterfactual sentences.
 */
import type { Rng } from './rng.js';
import { quantilePairInPlace } from './select.js';
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
 *   one number per statistic, always as many; it must compute them on the weighted sets. The
 *   values are copied before the next call, so it may return the same buffer every time.
 * @returns one [lo, hi] (or null) per statistic.
 */
export function percentileBootstrap(nSets: number, statistics: (weights: Uint32Array) => ArrayLike<number>, options: BootstrapOptions): (Interval | null)[] {
  if (!(nSets > 0)) throw new RangeError('bootstrap needs at least one set');
  const B = options.resamples;
  const weights = new Uint32Array(nSets);
  // Statistic-major: the B draws of statistic k are draws[k * B … k * B + B − 1].
  let draws = new Float64Array(0);
  let K = 0;
  for (let b = 0; b < B; b++) {
    weights.fill(0);
    for (let i = 0; i < nSets; i++) weights[options.rng.int(nSets)]! += 1;
    const values = statistics(weights);
    if (b === 0) {
      K = values.length;
      draws = new Float64Array(K * B);
    }
    for (let k = 0; k < K; k++) draws[k * B + b] = values[k] as number;
  }
  const alpha = (1 - options.confidence) / 2;
  const finite = new Float64Array(B);
  const intervals: (Interval | null)[] = [];
  for (let k = 0; k < K; k++) {
    let n = 0;
    for (let b = 0; b < B; b++) {
      const v = draws[k * B + b] as number;
      if (Number.isFinite(v)) finite[n++] = v;
    }
    intervals.push(n < B / 2 ? null : quantilePairInPlace(finite, n, alpha, 1 - alpha));
  }
  return intervals;
}
