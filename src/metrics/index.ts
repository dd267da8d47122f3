/** Metrics stage: sets + predictions → per-axis numbers with intervals. Pure and seeded. */
export { computeAxis, type SentenceScore } from './axis.js';
export { AXIS_METRICS, AXIS_METRIC_NAMES, type AxisMetricName } from './catalog.js';
export { percentileBootstrap } from './bootstrap.js';
export { createRng, streamSeed, type Rng } from './rng.js';
export { mean, normalQuantile, quantileSorted, wilsonInterval } from './stats.js';
export type { AxisResult, GroupResult, Interval, IntervalOptions, MetricValue } from './types.js';
