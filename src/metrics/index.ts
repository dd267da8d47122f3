/**
 * Metrics stage: sets + predictions → every metric of the catalog (catalog.ts) per axis, label
 * and group, with intervals and tests. Pure and seeded; the statistics live in stats/.
 */
export { axisViews, COMBINATION_SEPARATOR, computeAxes, computeAxis, type LabelOptions, type SentenceScore } from './axis.js';
export type { AxisView } from './table.js';
export { METRICS, METRIC_NAMES, metricInfo, type MetricInfo, type MetricName } from './catalog.js';
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
  quantileSorted,
  regularizedBeta,
  regularizedGammaQ,
  SIGN_FLIP_EXACT_MAX_N,
  signFlipTest,
  streamSeed,
  studentTSf,
  studentTTwoSided,
  variance,
  wilcoxonSignedRank,
  wilsonInterval,
  xoshiro128ss,
  type Rng,
  type SignFlipOptions,
  type TestOutcome,
} from './stats/index.js';
export type { AxisResult, GroupResult, Interval, IntervalOptions, LabelResult, MetricValue, TestResult } from './types.js';
