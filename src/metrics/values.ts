/** Building MetricValue and TestResult records, the one shape every metric has in results.json. */
import { benjaminiHochbergAdjust, holmAdjust } from './stats/adjust.js';
import type { Interval, TestOutcome } from './stats/types.js';
import type { MetricValue, TestResult } from './types.js';

/** A metric's value with its interval (or the reason it has none). */
export function metricValue(
  name: string,
  value: number,
  ci: Interval | null,
  n: number,
  method: string,
  extra: { ci_reason?: string; flag?: string | undefined; tests?: TestResult[] } = {},
): MetricValue {
  if (!Number.isFinite(value)) throw new Error(`metric ${name} is not a finite number (${value})`);
  const ci_reason = ci === null ? (extra.ci_reason ?? 'no interval') : undefined;
  return defined({ value, ci, ci_reason, n, method, tests: extra.tests, flag: extra.flag });
}

/** A test outcome as results.json holds it: a statistic that is not finite is null, with a reason. */
export function testResult(name: string, outcome: TestOutcome): TestResult {
  const finite = outcome.statistic !== null && Number.isFinite(outcome.statistic);
  const sign = outcome.statistic !== null && outcome.statistic > 0 ? '+' : '−';
  const infinite = outcome.statistic !== null && !finite ? `the statistic is ${sign}infinite (the differences do not vary)` : undefined;
  const reason = outcome.reason ?? infinite;
  return defined({ name, statistic: finite ? outcome.statistic : null, p: outcome.p, reason, method: outcome.method });
}

/** The record without its undefined properties: results hold only what a value has, in a fixed key order. */
function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Adds Holm and Benjamini–Hochberg adjusted p-values to a family of tests: the tests of one
 * name across the groups of an axis. Tests without a p-value stay out of the family.
 */
export function adjustFamily(tests: TestResult[]): void {
  const ps = tests.map((t) => t.p);
  const holm = holmAdjust(ps);
  const bh = benjaminiHochbergAdjust(ps);
  tests.forEach((t, i) => {
    const [h, b] = [holm[i], bh[i]];
    if (t.p === null || h === undefined || h === null || b === undefined || b === null) return;
    t.p_holm = h;
    t.p_bh = b;
  });
}
