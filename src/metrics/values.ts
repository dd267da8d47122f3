/** Building MetricValue and TestResult records, the one shape every metric has in results.json. */
import { metricInfo, type MetricName } from './catalog.js';
import { benjaminiHochbergAdjust, holmAdjust } from './stats/adjust.js';
import type { Interval, TestOutcome } from './stats/types.js';
import type { MetricValue, TestResult } from './types.js';

/** A metric's value with its interval (or the reason it has none) and the catalog's method. */
export function metricValue(name: MetricName, value: number, ci: Interval | null, n: number, extra: { ci_reason?: string; method?: string; flag?: string; tests?: TestResult[] } = {}): MetricValue {
  if (!Number.isFinite(value)) throw new Error(`metric ${name} is not a finite number (${value})`);
  return {
    value,
    ci,
    ...(ci === null ? { ci_reason: extra.ci_reason ?? 'no interval' } : {}),
    n,
    method: extra.method ?? (metricInfo(name)?.method as string),
    ...(extra.tests ? { tests: extra.tests } : {}),
    ...(extra.flag ? { flag: extra.flag } : {}),
  };
}

/** A test outcome as results.json holds it: a statistic that is not finite is null, with a reason. */
export function testResult(name: string, outcome: TestOutcome): TestResult {
  const finite = outcome.statistic !== null && Number.isFinite(outcome.statistic);
  const reason = outcome.reason ?? (outcome.statistic !== null && !finite ? `the statistic is ${outcome.statistic > 0 ? '+' : '−'}infinite (the differences do not vary)` : undefined);
  return {
    name,
    statistic: finite ? outcome.statistic : null,
    p: outcome.p,
    ...(reason !== undefined ? { reason } : {}),
    method: outcome.method,
  };
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
    if (t.p === null) return;
    t.p_holm = holm[i] as number;
    t.p_bh = bh[i] as number;
  });
}

/** The flag a ratio outside the 0.8–1.25 band carries. */
export function ratioFlag(ratio: number): string | undefined {
  if (ratio < 0.8) return 'below 0.8: outside the 0.8–1.25 band (four-fifths rule)';
  if (ratio > 1.25) return 'above 1.25: outside the 0.8–1.25 band (four-fifths rule)';
  return undefined;
}
