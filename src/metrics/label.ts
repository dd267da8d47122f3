/**
 * An axis's metrics for one label: per group (mean, positive rate, delta vs the reference with
 * its tests) and per axis (gap, positive-rate difference and ratio, CTF gap, PSA, mean
 * difference), with percentile-bootstrap intervals over sets from one seeded stream.
 */
import { labelledMetrics } from './labelled.js';
import { meanPairwiseAbsDiff, minMaxRatio, populationSd, range } from './per-set.js';
import { percentileBootstrap } from './stats/bootstrap.js';
import { pairedTTest } from './stats/paired-t.js';
import { createRng, streamSeed } from './stats/rng.js';
import { signFlipTest } from './stats/sign-flip.js';
import { wilcoxonSignedRank } from './stats/wilcoxon.js';
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
  // f(x_g), f(x_g) − f(x_ref) and the share predicted as the label: N × G, row-major.
  const f = new Float64Array(N * G);
  const diff = new Float64Array(N * G);
  const rate = new Float64Array(N * G);
  const perSet = { ctf: new Float64Array(N), psaRange: new Float64Array(N), psaDev: new Float64Array(N) };
  for (let i = 0; i < N; i++) {
    const prob = table.prob[i] as Float64Array;
    const predicted = table.predicted[i] as Float64Array;
    for (let g = 0; g < G; g++) {
      f[i * G + g] = prob[g * L + l] as number;
      rate[i * G + g] = predicted[g * L + l] as number;
    }
    const row = f.subarray(i * G, (i + 1) * G);
    const ref = row[r] as number;
    for (let g = 0; g < G; g++) diff[i * G + g] = (row[g] as number) - ref;
    perSet.ctf[i] = meanPairwiseAbsDiff(row);
    perSet.psaRange[i] = range(row);
    perSet.psaDev[i] = populationSd(row);
  }

  // One vector of statistics on weighted sets: [means (G), deltas (G), gap, pr diff, pr ratio, ctf, psa range, psa dev].
  // The buffers are reused across the resamples (percentileBootstrap copies each vector).
  const means = new Float64Array(G);
  const deltas = new Float64Array(G);
  const rates = new Float64Array(G);
  const out = new Float64Array(2 * G + 6);
  const statistics = (w: Uint32Array | null): Float64Array => {
    means.fill(0);
    deltas.fill(0);
    rates.fill(0);
    let total = 0;
    let ctf = 0;
    let psaRange = 0;
    let psaDev = 0;
    for (let i = 0; i < N; i++) {
      const wi = w === null ? 1 : (w[i] as number);
      if (wi === 0) continue;
      total += wi;
      for (let g = 0, k = i * G; g < G; g++, k++) {
        means[g]! += wi * (f[k] as number);
        deltas[g]! += wi * (diff[k] as number);
        rates[g]! += wi * (rate[k] as number);
      }
      ctf += wi * (perSet.ctf[i] as number);
      psaRange += wi * (perSet.psaRange[i] as number);
      psaDev += wi * (perSet.psaDev[i] as number);
    }
    for (let g = 0; g < G; g++) {
      out[g] = (means[g] as number) / total;
      out[G + g] = (deltas[g] as number) / total;
      rates[g]! /= total;
    }
    const k = 2 * G;
    out[k] = range(out.subarray(0, G));
    out[k + 1] = range(rates);
    out[k + 2] = minMaxRatio(rates);
    out[k + 3] = ctf / total;
    out[k + 4] = psaRange / total;
    out[k + 5] = psaDev / total;
    return out;
  };
  const point = Array.from(statistics(null));
  const intervals: (Interval | null)[] =
    N < 2 ? point.map(() => null) : percentileBootstrap(N, statistics, { resamples: options.resamples, confidence: options.confidence, rng: createRng(streamSeed(options.seed, `${view.name}:${label}`)) });
  const value = (k: number) => point[k] as number;
  const mv = (name: Parameters<typeof metricValue>[0], k: number, extra: Parameters<typeof metricValue>[4] = {}): MetricValue =>
    metricValue(name, value(k), intervals[k] ?? null, N, { ...(N < 2 ? { ci_reason: ONE_SET } : {}), ...extra });

  const tests = deltaTests(view, diff, N, label, options);
  const labelled = labelledMetrics(view, table, l, options);
  const groups: GroupResult[] = view.groups.map((name, g) => {
    let successes = 0;
    for (let i = 0; i < N; i++) successes += rate[i * G + g] as number;
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
    const t = testResult('paired_t', pairedTTest(column(diff, N, G, other)));
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
    const d = column(diff, N, view.groups.length, g);
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

/** Column g of an N × G row-major table. */
function column(table: Float64Array, N: number, G: number, g: number): Float64Array {
  const c = new Float64Array(N);
  for (let i = 0; i < N; i++) c[i] = table[i * G + g] as number;
  return c;
}
