/** Shapes of metric results; they are written as-is into results.json. */

import type { Interval } from './stats/types.js';

export type { Interval };

/** One metric's value with its uncertainty. An interval is `[lo, hi]`, or null with a reason. */
export interface MetricValue {
  value: number;
  ci: Interval | null;
  /** Why `ci` is null, when it is. */
  ci_reason?: string;
  /** Sets the value is computed from. */
  n: number;
  /** How value and interval were computed. */
  method: string;
}

/** A group's result on one axis. */
export interface GroupResult {
  name: string;
  /** Sets the mean is taken over. */
  n: number;
  /** Mean over sets of the group's probability of the audited label. */
  mean: number;
  ci: Interval;
}

/** Every result of one axis. */
export interface AxisResult {
  name: string;
  lexicon: string;
  n_sets: number;
  n_sentences: number;
  groups: GroupResult[];
  metrics: { gap: MetricValue; flip_rate: MetricValue };
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
