/**
 * Per-axis metrics over counterfactual sets. Notation: a set x has sentences x_g for each group
 * g; f(x_g) is the probability of the audited label (the mean over x_g's sentences when a group
 * has several in one set); ŷ is the predicted label.
 */
import type { AxisInfo, CounterfactualSet } from '../generate/types.js';
import { percentileBootstrap } from './stats/bootstrap.js';
import { metricInfo } from './catalog.js';
import { createRng, streamSeed } from './stats/rng.js';
import { wilsonInterval } from './stats/wilson.js';
import type { AxisResult, Interval, IntervalOptions, LabelResult } from './types.js';

/** What the classifier said about one sentence, as the metrics need it. */
export interface SentenceScore {
  /** Probability of each label, in the model's label order. */
  probs: readonly number[];
  /** The predicted (argmax) label. */
  predicted: string;
}

/** The model's labels and the one under audit. */
export interface LabelOptions {
  /** Every label, in the model's order (the order of `SentenceScore.probs`). */
  labels: readonly string[];
  audited: string;
}

/**
 * Computes an axis's group means and its gap and flip rate, with intervals, for every label
 * (the audited one first).
 * @param sets the axis's sets, in generation order.
 * @param scores sentence id → score.
 */
export function computeAxis(
  axis: AxisInfo,
  sets: readonly CounterfactualSet[],
  scores: ReadonlyMap<string, SentenceScore>,
  labels: LabelOptions,
  options: IntervalOptions,
): AxisResult {
  if (sets.length === 0) throw new RangeError(`axis "${axis.name}" has no sets`);
  const order = [labels.audited, ...labels.labels.filter((l) => l !== labels.audited)];
  const flipped = sets.filter((set) => isFlipped(set, scores)).length;
  return {
    name: axis.name,
    axes: [axis.name],
    lexicons: [axis.lexicon],
    reference: axis.reference ?? (axis.groups[0] as string),
    n_sets: sets.length,
    n_sentences: sets.reduce((n, s) => n + s.sentences.length, 0),
    metrics: {
      flip_rate: { value: flipped / sets.length, ci: wilsonInterval(flipped, sets.length, options.confidence), n: sets.length, method: method('flip_rate') },
    },
    labels: order.map((label) => labelResult(axis, sets, scores, label, labels.labels.indexOf(label), options)),
  };
}

function labelResult(
  axis: AxisInfo,
  sets: readonly CounterfactualSet[],
  scores: ReadonlyMap<string, SentenceScore>,
  label: string,
  index: number,
  options: IntervalOptions,
): LabelResult {
  const matrix = sets.map((set) => groupScores(set, axis, scores, index));
  const means = columnMeans(matrix, new Uint32Array(sets.length).fill(1));
  const rng = createRng(streamSeed(options.seed, `axis:${axis.name}:${label}`));
  const intervals = percentileBootstrap(
    sets.length,
    (weights) => {
      const m = columnMeans(matrix, weights);
      return [...m, spread(m)];
    },
    { resamples: options.resamples, confidence: options.confidence, rng },
  );
  return {
    label,
    groups: axis.groups.map((name, g) => ({
      name,
      n: sets.length,
      metrics: { mean: { value: means[g] as number, ci: intervals[g] as Interval, n: sets.length, method: method('mean') } },
    })),
    metrics: { gap: { value: spread(means), ci: intervals[axis.groups.length] as Interval, n: sets.length, method: method('gap') } },
  };
}

function method(name: string): string {
  return metricInfo(name)?.method ?? name;
}

/** f(x_g) for each group of one set: the mean over the group's sentences in it. */
function groupScores(set: CounterfactualSet, axis: AxisInfo, scores: ReadonlyMap<string, SentenceScore>, label: number): Float64Array {
  const groups = axis.groups;
  const sum = new Float64Array(groups.length);
  const count = new Uint32Array(groups.length);
  const index = new Map(groups.map((g, i) => [g, i]));
  for (const s of set.sentences) {
    const g = index.get(s.groups[axis.name] as string);
    const score = scores.get(s.id);
    if (g === undefined || score === undefined) throw new Error(`sentence ${s.id} of set ${set.id} has no score or an unknown group`);
    sum[g]! += score.probs[label] as number;
    count[g]! += 1;
  }
  return sum.map((v, g) => {
    if (count[g] === 0) throw new Error(`set ${set.id} has no sentence for group "${groups[g]}"`);
    return v / (count[g] as number);
  });
}

/** Weighted mean of each column; weights count how often each row was drawn. */
function columnMeans(matrix: readonly Float64Array[], weights: Uint32Array): number[] {
  const width = matrix[0]?.length ?? 0;
  const out = new Float64Array(width);
  let total = 0;
  matrix.forEach((row, i) => {
    const w = weights[i] as number;
    if (w === 0) return;
    total += w;
    for (let g = 0; g < width; g++) out[g]! += w * (row[g] as number);
  });
  return Array.from(out, (v) => v / total);
}

/** max − min. */
function spread(values: readonly number[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo;
}

/** A set flips when its sentences do not all get the same predicted label. */
function isFlipped(set: CounterfactualSet, scores: ReadonlyMap<string, SentenceScore>): boolean {
  const labels = new Set(set.sentences.map((s) => scores.get(s.id)?.predicted));
  return labels.size > 1;
}
