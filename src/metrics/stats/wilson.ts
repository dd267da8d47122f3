import { normalQuantile } from './distributions.js';
import type { Interval } from './types.js';

/**
 * Wilson score interval for a proportion of `successes` in `n` trials (Wilson 1927), the
 * interval statsmodels' proportion_confint(method="wilson") gives; clipped to [0, 1] against
 * rounding at 0 and n successes.
 */
export function wilsonInterval(successes: number, n: number, confidence: number): Interval {
  if (!(n > 0)) throw new RangeError('Wilson interval needs n > 0');
  if (!(successes >= 0 && successes <= n)) throw new RangeError(`Wilson interval needs 0 <= successes <= n, got ${successes} of ${n}`);
  return wilsonIntervalOfShare(successes / n, n, confidence);
}

/**
 * The Wilson score interval of an observed share p over n trials. The interval depends on the
 * counts only through p and n, so a share of sets that each count a fraction (a group with
 * several sentences per set, a set with several strata) gives an interval too: a conservative
 * one, since a mean of fractions varies less than a mean of 0s and 1s.
 */
export function wilsonIntervalOfShare(p: number, n: number, confidence: number): Interval {
  if (!(n > 0)) throw new RangeError('Wilson interval needs n > 0');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Wilson interval needs a share from 0 to 1, got ${p}`);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2n = (z * z) / n;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}
