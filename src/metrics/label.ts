/**
 * An axis's metrics for one label: per group (mean, positive rate, delta vs the reference with
 * its tests) and per axis (gap, positive-rate difference and ratio, CTF gap, PSA, mean
 * difference), with percentile-bootstrap intervals over sets from one seeded stream.
 */
import { labelledMetrics } from './labelled.js';
import { meanPairwiseAbsDiff, populationSd, range } from './per-set.js';
import { percentileBootstrapBlocks, type BlockStatistics } from './stats/bootstrap.js';
import { pairedTTest } from './stats/paired-t.js';
import { createRng, streamSeed } from '../shared/rng.js';
import { signFlipTest } from './stats/sign-flip.js';
import { wilcoxonSignedRank } from './stats/wilcoxon.js';
import { BLOCK, indicatorColumnSums, packedFieldSize, weightedColumnSums } from './stats/weighted-sums.js';
import { wilsonInterval } from './stats/wilson.js';
import type { Interval } from './stats/types.js';
import type { AxisView, SetTable } from './table.js';
import type { GroupResult, IntervalOptions, LabelResult, MetricValue, TestResult } from './types.js';
import { adjustFamily, metricValue, ratioFlag, testResult } from './values.js';

/** Why a bootstrap interval is left out for a single set. */
export const ONE_SET = 'a single set: the bootstrap has nothing to resample';

/** Computes every metric of label `l` (index into the table's labels) on one axis view. */
export function labelResult(view: AxisView, table: SetTable, l: number, options: IntervalOptions): LabelResult {
  const label = table.labels[l] as string;
  const G = view.groups.length;
  const L = table.labels.length;
  const N = table.prob.length;
  const r = view.groups.indexOf(view.reference);
  // f(x_g), f(x_g) − f(x_ref) and the share predicted as the label, column-major (group g's
  // values over the sets at g * N …), as the weighted sums of the bootstrap read them.
  const f = new Float64Array(G * N);
  const diff = new Float64Array(G * N);
  const rate = new Float64Array(G * N);
  const perSet = { ctf: new Float64Array(N), psaRange: new Float64Array(N), psaDev: new Float64Array(N) };
  const row = new Float64Array(G);
  for (let i = 0; i < N; i++) {
    const prob = table.prob[i] as Float64Array;
    const predicted = table.predicted[i] as Float64Array;
    for (let g = 0; g < G; g++) {
      row[g] = prob[g * L + l] as number;
      rate[g * N + i] = predicted[g * L + l] as number;
    }
    const ref = row[r] as number;
    for (let g = 0; g < G; g++) {
      f[g * N + i] = row[g] as number;
      diff[g * N + i] = (row[g] as number) - ref;
    }
    perSet.ctf[i] = meanPairwiseAbsDiff(row);
    perSet.psaRange[i] = range(row);
    perSet.psaDev[i] = populationSd(row);
  }

  // The statistics on weighted sets: [means (G), deltas (G), gap, pr diff, pr ratio, ctf, psa range, psa dev].
  const K = 2 * G + 6;
  const sums = new Float64Array(3 * BLOCK * G);
  // With one sentence per group in every set, the shares are 0 or 1: their sums take a faster path.
  const fieldSize = rate.every((v) => v === 0 || v === 1) ? packedFieldSize(N) : 0;
  const packed = new Float64Array(N);
  const statistics: BlockStatistics = {
    count: K,
    compute(w, resamples, out) {
      weightedColumnSums(f, N, G, w, sums, 0);
      weightedColumnSums(diff, N, G, w, sums, BLOCK * G);
      if (fieldSize > 0) indicatorColumnSums(rate, N, G, w, fieldSize, packed, sums, 2 * BLOCK * G);
      else weightedColumnSums(rate, N, G, w, sums, 2 * BLOCK * G);
      // Every resample draws N sets, as the point estimate counts each set once: the total weight is N.
      for (let q = 0; q < resamples; q++) {
        const o = q * K;
        let meanLo = Infinity;
        let meanHi = -Infinity;
        let rateLo = Infinity;
        let rateHi = -Infinity;
        for (let g = 0; g < G; g++) {
          const mean = (sums[q * G + g] as number) / N;
          const share = (sums[(2 * BLOCK + q) * G + g] as number) / N;
          out[o + g] = mean;
          out[o + G + g] = (sums[(BLOCK + q) * G + g] as number) / N;
          if (mean < meanLo) meanLo = mean;
          if (mean > meanHi) meanHi = mean;
          if (share < rateLo) rateLo = share;
          if (share > rateHi) rateHi = share;
        }
        let ctf = 0;
        let psaRange = 0;
        let psaDev = 0;
        for (let i = 0; i < N; i++) {
          const wi = w[i * BLOCK + q] as number;
          if (wi === 0) continue;
          ctf += wi * (perSet.ctf[i] as number);
          psaRange += wi * (perSet.psaRange[i] as number);
          psaDev += wi * (perSet.psaDev[i] as number);
        }
        const k = o + 2 * G;
        out[k] = meanHi - meanLo;
        out[k + 1] = rateHi - rateLo;
        out[k + 2] = rateHi === 0 ? 1 : rateLo / rateHi; // as minMaxRatio: 1 when every rate is 0
        out[k + 3] = ctf / N;
        out[k + 4] = psaRange / N;
        out[k + 5] = psaDev / N;
      }
    },
  };
  // The point estimates: every set once.
  const once = new Float64Array(N * BLOCK);
  for (let i = 0; i < N; i++) once[i * BLOCK] = 1;
  const pointBuffer = new Float64Array(K * BLOCK);
  statistics.compute(once, 1, pointBuffer);
  const point = Array.from(pointBuffer.subarray(0, K));
  const intervals: (Interval | null)[] =
    N < 2
      ? point.map(() => null)
      : percentileBootstrapBlocks(N, statistics, { resamples: options.resamples, confidence: options.confidence, rng: createRng(streamSeed(options.seed, `${view.name}:${label}`)) });
  const value = (k: number) => point[k] as number;
  const mv = (name: Parameters<typeof metricValue>[0], k: number, extra: Parameters<typeof metricValue>[4] = {}): MetricValue =>
    metricValue(name, value(k), intervals[k] ?? null, N, { ...(N < 2 ? { ci_reason: ONE_SET } : {}), ...extra });

  const tests = deltaTests(view, diff, N, label, options);
  const labelled = labelledMetrics(view, table, l, options);
  const groups: GroupResult[] = view.groups.map((name, g) => {
    let successes = 0;
    for (let i = 0; i < N; i++) successes += rate[g * N + i] as number;
    const metrics: Record<string, MetricValue> = {
      mean: mv('mean', g),
      positive_rate: metricValue('positive_rate', successes / N, wilsonInterval(successes, N, options.confidence), N),
    };
    if (g !== r) metrics.delta = mv('delta', G + g, { tests: tests.get(g) as TestResult[] });
    return { name, n: N, metrics: { ...metrics, ...labelled.groups[g] } };
  });

  const k = 2 * G;
  const ratio = value(k + 2);
  const ratioNote = ratioFlag(ratio);
  const metrics: Record<string, MetricValue> = {
    gap: mv('gap', k),
    positive_rate_difference: mv('positive_rate_difference', k + 1),
    positive_rate_ratio: mv('positive_rate_ratio', k + 2, ratioNote ? { flag: ratioNote } : {}),
    ctf_gap: mv('ctf_gap', k + 3),
    psa_range: mv('psa_range', k + 4),
    psa_dev: mv('psa_dev', k + 5),
  };
  if (G === 2) {
    const other = 1 - r;
    const t = testResult('paired_t', pairedTTest(column(diff, N, other)));
    metrics.mean_difference = mv('mean_difference', G + other, { tests: [t] });
  }
  const groupMeans = point.slice(0, G);
  return {
    label,
    groups,
    metrics: { ...metrics, ...labelled.metrics },
    deltas: { groups: [...view.groups], matrix: groupMeans.map((a) => groupMeans.map((b) => a - b)) },
  };
}

/**
 * The tests of each non-reference group's per-set differences f(x_g) − f(x_ref), with Holm and
 * BH adjustment across the axis's groups, test by test.
 */
function deltaTests(view: AxisView, diff: Float64Array, N: number, label: string, options: IntervalOptions): Map<number, TestResult[]> {
  const r = view.groups.indexOf(view.reference);
  const byGroup = new Map<number, TestResult[]>();
  view.groups.forEach((name, g) => {
    if (g === r) return;
    const d = column(diff, N, g);
    const rng = createRng(streamSeed(options.seed, `${view.name}:${label}:sign-flip:${name}`));
    byGroup.set(g, [
      testResult('paired_t', pairedTTest(d)),
      testResult('wilcoxon', wilcoxonSignedRank(d)),
      testResult('sign_flip', signFlipTest(d, { rng, resamples: options.resamples })),
    ]);
  });
  for (let t = 0; t < 3; t++) adjustFamily([...byGroup.values()].map((tests) => tests[t] as TestResult));
  return byGroup;
}

/** Group g's values over the N sets of a column-major table. */
function column(table: Float64Array, N: number, g: number): Float64Array {
  return table.slice(g * N, (g + 1) * N);
}
