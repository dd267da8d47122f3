/**
 * Metrics of labelled corpora, as Fairlearn defines them, for one label taken one-vs-rest: per
 * group accuracy, TPR, FPR and selection rate (Wilson intervals); per axis demographic parity
 * difference and ratio and equalized odds difference (percentile bootstrap over labelled sets).
 * Only sets with a gold `label` count; with none, there are no such metrics.
 */
import { minMaxRatio, range } from './per-set.js';
import { percentileBootstrap } from './stats/bootstrap.js';
import { createRng, streamSeed } from '../shared/rng.js';
import type { Interval } from './stats/types.js';
import { wilsonInterval } from './stats/wilson.js';
import type { AxisView, SetTable } from './table.js';
import type { IntervalOptions, MetricValue } from './types.js';
import { metricValue, ratioFlag } from './values.js';

/** Labelled-corpus metrics of one label: per group (in group order) and per axis. */
export interface LabelledMetrics {
  groups: Record<string, MetricValue>[];
  metrics: Record<string, MetricValue>;
}

/** Computes the labelled-corpus metrics of label `l` (empty when no set has a gold label). */
export function labelledMetrics(view: AxisView, table: SetTable, l: number, options: IntervalOptions): LabelledMetrics {
  const G = view.groups.length;
  const L = table.labels.length;
  const rows = table.predicted.flatMap((row, i) => {
    const gold = table.gold[i];
    return gold === null || gold === undefined ? [] : [{ positive: gold === l, rate: Float64Array.from({ length: G }, (_, g) => row[g * L + l] as number) }];
  });
  if (rows.length === 0) return { groups: view.groups.map(() => ({})), metrics: {} };
  const N = rows.length;
  const positives = rows.filter((r) => r.positive).length;
  const negatives = N - positives;

  const groups = view.groups.map((_, g) => {
    let selected = 0;
    let correct = 0;
    let truePositives = 0;
    let falsePositives = 0;
    for (const row of rows) {
      const s = row.rate[g] as number;
      selected += s;
      correct += row.positive ? s : 1 - s;
      if (row.positive) truePositives += s;
      else falsePositives += s;
    }
    const rate = (name: 'accuracy' | 'tpr' | 'fpr' | 'selection_rate', k: number, n: number): [string, MetricValue][] =>
      n === 0 ? [] : [[name, metricValue(name, k / n, wilsonInterval(k, n, options.confidence), n)]];
    return Object.fromEntries([
      ...rate('accuracy', correct, N),
      ...rate('tpr', truePositives, positives),
      ...rate('fpr', falsePositives, negatives),
      ...rate('selection_rate', selected, N),
    ]);
  });

  // [dp difference, dp ratio, eo difference] on weighted labelled sets; eo is NaN in a resample
  // without positives or without negatives.
  const statistics = (w: Uint32Array | null): number[] => {
    const selected = new Float64Array(G);
    const tp = new Float64Array(G);
    const fp = new Float64Array(G);
    let total = 0;
    let pos = 0;
    rows.forEach((row, i) => {
      const wi = w === null ? 1 : (w[i] as number);
      if (wi === 0) return;
      total += wi;
      if (row.positive) pos += wi;
      for (let g = 0; g < G; g++) {
        const s = wi * (row.rate[g] as number);
        selected[g]! += s;
        if (row.positive) tp[g]! += s;
        else fp[g]! += s;
      }
    });
    const neg = total - pos;
    const selection = selected.map((v) => v / total);
    const eo = pos === 0 || neg === 0 ? NaN : Math.max(range(tp.map((v) => v / pos)), range(fp.map((v) => v / neg)));
    return [range(selection), minMaxRatio(selection), eo];
  };
  const point = statistics(null);
  const intervals: (Interval | null)[] =
    N < 2
      ? [null, null, null]
      : percentileBootstrap(N, statistics, { resamples: options.resamples, confidence: options.confidence, rng: createRng(streamSeed(options.seed, `${view.name}:${table.labels[l]}:labelled`)) });
  const reason = N < 2 ? 'a single labelled set: the bootstrap has nothing to resample' : 'undefined in most resamples (too few positive or negative sets)';
  const mv = (name: 'demographic_parity_difference' | 'demographic_parity_ratio' | 'equalized_odds_difference', k: number, extra: { flag?: string } = {}): MetricValue =>
    metricValue(name, point[k] as number, intervals[k] ?? null, N, { ci_reason: reason, ...extra });
  const ratioNote = ratioFlag(point[1] as number);
  const metrics: Record<string, MetricValue> = {
    demographic_parity_difference: mv('demographic_parity_difference', 0),
    demographic_parity_ratio: mv('demographic_parity_ratio', 1, ratioNote ? { flag: ratioNote } : {}),
  };
  if (positives > 0 && negatives > 0) metrics.equalized_odds_difference = mv('equalized_odds_difference', 2);
  return { groups, metrics };
}
