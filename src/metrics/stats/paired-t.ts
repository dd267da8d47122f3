import { mean, variance } from './descriptive.js';
import { studentTTwoSided } from './distributions.js';
import { tieTolerance } from './ties.js';
import type { TestOutcome } from './types.js';
import type { PairedTestOptions } from './wilcoxon.js';

/**
 * Paired t-test of H0: mean difference 0, two-sided: t = d̄ / (s_d/√n) with n − 1 degrees of
 * freedom, p from the exact Student t CDF (Student 1908; matches scipy.stats.ttest_rel).
 * Undefined (null, with a reason) for fewer than two differences or when every difference is
 * zero; constant non-zero differences give t = ±Infinity and p = 0, as scipy does. "Zero" and
 * "constant" are decided within a relative 1e-12 (stats/ties.ts), so that rounding dust does not
 * turn an infinite t into a huge finite one.
 * @param differences the paired differences x_i − y_i.
 */
export function pairedTTest(differences: ArrayLike<number>, options: PairedTestOptions = {}): TestOutcome {
  const n = differences.length;
  const df = n - 1;
  const method = `paired t-test, Student t with ${df} df`;
  if (n < 2) return { statistic: null, p: null, reason: `a t-test needs at least 2 paired values, got ${n}`, method };
  const d = mean(differences);
  const tolerance = tieTolerance(differences, options.scale);
  const first = differences[0] ?? 0;
  const constant = Array.from(differences).every((v) => Math.abs(v - first) <= tolerance);
  if (constant) {
    if (Math.abs(d) <= tolerance) return { statistic: null, p: null, reason: 'every difference is zero: t is 0/0', method };
    return { statistic: d > 0 ? Infinity : -Infinity, p: 0, method };
  }
  const t = d / Math.sqrt(variance(differences, 1) / n);
  return { statistic: t, p: studentTTwoSided(t, df), method };
}
