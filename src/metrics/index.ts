/** Metrics stage: sets + predictions → per-axis numbers with intervals. Pure and seeded. */
export { computeAxis, type SentenceScore } from './axis.js';
export { METRICS, METRIC_NAMES, metricInfo, type MetricInfo, type MetricName } from './catalog.js';
export { percentileBootstrap } from './bootstrap.js';
export { createRng, streamSeed, type Rng } from './rng.js';
export { mean, normalQuantile, quantileSorted, wilsonInterval } from './stats.js';
export type { AxisResult, GroupResult, Interval, IntervalOptions, LabelResult, MetricValue, TestResult } from './types.js';
