/** Shapes of metric results; they are written as-is into results.json. */

import type { Interval } from './stats/types.js';

export type { Interval };

/** A hypothesis test of "no difference", e.g. a paired t-test of a group's deltas. */
export interface TestResult {
  /** "paired_t", "wilcoxon" or "sign_flip". */
  name: string;
  /** The test statistic; null, with `reason`, when it is undefined or infinite. */
  statistic: number | null;
  /** Two-sided p-value; null, with `reason`, when the test is undefined for the data. */
  p: number | null;
  /** p adjusted across the axis's groups (Holm), when the test is one of a family and has a p. */
  p_holm?: number;
  /** p adjusted across the axis's groups (Benjamini–Hochberg). */
  p_bh?: number;
  /** Why `statistic` or `p` is null. */
  reason?: string;
  method: string;
}

/** One metric's value with its uncertainty. An interval is `[lo, hi]`, or null with a reason. */
export interface MetricValue {
  value: number;
  ci: Interval | null;
  /** Why `ci` is null, when it is. */
  ci_reason?: string;
  /** Sets (or pairs, or rows: `method` says) the value is computed from. */
  n: number;
  /** How value and interval were computed. */
  method: string;
  /** Tests of "no difference", when the metric has them. */
  tests?: TestResult[];
  /** Something a reader must see, e.g. "outside the 0.8–1.25 band". */
  flag?: string;
}

/** A group's results on one axis for one label; metrics by catalog name (mean, positive_rate, delta…). */
export interface GroupResult {
  name: string;
  /** Sets the group appears in. */
  n: number;
  metrics: Record<string, MetricValue>;
}

/** An axis's results for one label of the model. */
export interface LabelResult {
  label: string;
  groups: GroupResult[];
  /** Axis-level metrics of this label by catalog name (gap, ctf_gap…). */
  metrics: Record<string, MetricValue>;
  /** All-pairs deltas: `matrix[i][j]` = mean over sets of f(x_{groups[i]}) − f(x_{groups[j]}). */
  deltas?: { groups: string[]; matrix: number[][] };
}

/** Every result of one axis, or of one combination of axes (an intersection). */
export interface AxisResult {
  /** The axis name, or the combination's name (e.g. "gender × country"). */
  name: string;
  /** The axes it covers: one for an axis, two or more for a combination. */
  axes: string[];
  /** Lexicon of each axis in `axes`, in the same order. */
  lexicons: string[];
  /** The group deltas are taken against. */
  reference: string;
  n_sets: number;
  n_sentences: number;
  /** Metrics that do not depend on a label (flip_rate…), by catalog name. */
  metrics: Record<string, MetricValue>;
  /** Results per label of the model; the audited label first. */
  labels: LabelResult[];
}

/** Settings every interval shares. */
export interface IntervalOptions {
  /** Bootstrap resamples of the sets. */
  resamples: number;
  /** Confidence level, e.g. 0.95. */
  confidence: number;
  /** Seed of the bootstrap draws. */
  seed: number;
}

/**
 * Every axis's results on the sets of one value of a filler or of one template (the spec's
 * `breakdown:`), e.g. EEC's tables per emotion.
 */
export interface Breakdown {
  /** The filler name (e.g. "emotion"), or "template". */
  by: string;
  /** The filler's group for a lexicon filler ("anger"), its word for a word list, or the template id. */
  value: string;
  /** Sets with that value. */
  n_sets: number;
  /** As the audit's `axes`: each axis varied in those sets, then each combination. */
  axes: AxisResult[];
}
