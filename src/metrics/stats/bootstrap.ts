/**
 * Percentile bootstrap over counterfactual sets (Efron & Tibshirani 1993, ch. 13). One draw
 * resamples whole sets with replacement, so every group of a set moves together: the
 * "cluster" bootstrap that respects the pairing of counterfactual sentences.
 */
import { fillInts, type Rng } from '../../shared/rng.js';
import { quantilePairInPlace } from './select.js';
import type { Interval } from './types.js';
import { BLOCK } from './weighted-sums.js';

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
  // Resample-major: the K statistics of resample b are draws[b * K … b * K + K − 1].
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
    for (let k = 0; k < K; k++) draws[b * K + k] = values[k] as number;
  }
  return percentileIntervals(draws, K, B, options.confidence);
}

/** Statistics that `percentileBootstrapBlocks` computes a block of resamples at a time. */
export interface BlockStatistics {
  /** Statistics per resample. */
  count: number;
  /**
   * Computes the statistics of `resamples` (≤ BLOCK) resamples on the weighted sets: those of
   * resample q into `out[q * count … q * count + count − 1]`.
   * @param weights how many times resample q drew set i, at `weights[i * BLOCK + q]`; 0 for
   *   the q ≥ `resamples` of a last, partial block.
   */
  compute(weights: Float64Array, resamples: number, out: Float64Array): void;
}

/**
 * `percentileBootstrap` for statistics that are cheaper a block of resamples at a time (see
 * weighted-sums.ts): the same draws from `options.rng`, in the same order, so the same intervals.
 */
export function percentileBootstrapBlocks(nSets: number, statistics: BlockStatistics, options: BootstrapOptions): (Interval | null)[] {
  if (!(nSets > 0)) throw new RangeError('bootstrap needs at least one set');
  const B = options.resamples;
  const K = statistics.count;
  const weights = new Float64Array(nSets * BLOCK);
  const draws = new Float64Array(K * B);
  const out = new Float64Array(K * BLOCK);
  const drawn = new Float64Array(nSets);
  for (let b = 0; b < B; b += BLOCK) {
    const count = Math.min(BLOCK, B - b);
    weights.fill(0);
    for (let q = 0; q < count; q++) {
      fillInts(options.rng, drawn, nSets);
      for (let i = 0; i < nSets; i++) weights[(drawn[i] as number) * BLOCK + q]! += 1;
    }
    statistics.compute(weights, count, out);
    draws.set(count === BLOCK ? out : out.subarray(0, count * K), b * K);
  }
  return percentileIntervals(draws, K, B, options.confidence);
}

/** Tile edge of the transpose from resample-major to statistic-major (a tile's rows stay in cache). */
const TILE = 8;

/** The percentile interval of each of K statistics from their B draws, resample-major. */
function percentileIntervals(draws: Float64Array, K: number, B: number, confidence: number): (Interval | null)[] {
  const alpha = (1 - confidence) / 2;
  // Gathering one statistic's draws strides through memory; a tile of statistics at a time reads each line once.
  const tile = new Float64Array(TILE * B);
  const finite = new Float64Array(B);
  const intervals: (Interval | null)[] = [];
  for (let k0 = 0; k0 < K; k0 += TILE) {
    const width = Math.min(TILE, K - k0);
    for (let b = 0; b < B; b++) for (let j = 0; j < width; j++) tile[j * B + b] = draws[b * K + k0 + j] as number;
    for (let j = 0; j < width; j++) {
      let n = 0;
      for (let b = 0; b < B; b++) {
        const v = tile[j * B + b] as number;
        if (Number.isFinite(v)) finite[n++] = v;
      }
      intervals.push(n < B / 2 ? null : quantilePairInPlace(finite, n, alpha, 1 - alpha));
    }
  }
  return intervals;
}
