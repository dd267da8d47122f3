/**
 * Metrics stage: sets + predictions → every metric of the catalog (catalog.ts) per axis, label
 * and group, with intervals and tests. Pure and seeded; the statistics live in stats/. The one
 * door of the stage: other stages import only from here.
 */
export { axisViews, computeAxes, computeAxis, type LabelOptions, type SentenceScore } from './axis.js';
export { computeAxesInParallel, PARALLEL_MIN_WORK, type ParallelOptions, type PermutationJob } from './parallel.js';
export { COMBINATION_SEPARATOR } from '../shared/format.js';
export { breakdownKey, computeBreakdowns, fillerWords, BREAKDOWN_BY_TEMPLATE } from './breakdown.js';
export { BreakdownSpecSchema, checkBreakdown, type BreakdownSpec } from './schema.js';
export { stratumKey, type AxisView } from './table.js';
export { unknownGoldLabel } from './messages.js';
export {
  METRICS,
  METRIC_NAMES,
  metricInfo,
  ratioFlag,
  unavailable,
  type Availability,
  type MetricInfo,
  type MetricName,
  type MetricRow,
  type Requirement,
  type TestName,
} from './catalog.js';
export {
  averageRanks,
  benjaminiHochbergAdjust,
  createRng,
  holmAdjust,
  logBeta,
  logGamma,
  mean,
  normalCdf,
  normalQuantile,
  normalSf,
  pairedTTest,
  percentileBootstrap,
  PERMUTATION_EXACT_MAX,
  permutationTest,
  quantileSorted,
  regularizedBeta,
  regularizedGammaQ,
  RELATIVE_TIE,
  SIGN_FLIP_EXACT_MAX_N,
  signFlipTest,
  streamSeed,
  studentTSf,
  studentTTwoSided,
  variance,
  wilcoxonSignedRank,
  wilsonInterval,
  wilsonIntervalOfShare,
  xoshiro128ss,
  type PermutationOptions,
  type PermutationOutcome,
  type Rng,
  type SignFlipOptions,
  type TestOutcome,
} from './stats/index.js';
export type { AxisResult, Breakdown, GroupResult, Interval, IntervalOptions, LabelResult, MetricValue, TestResult } from './types.js';
