/** Shapes the statistics functions return. */

/** A closed interval [lo, hi]. */
export type Interval = [number, number];

/**
 * A hypothesis test's outcome: always this one shape. `statistic` and `p` are null, with a
 * `reason`, when the test is undefined for the data (too few values, no variation).
 */
export interface TestOutcome {
  /** The test statistic; ±Infinity where the statistic diverges (a t-test on constant, non-zero differences). */
  statistic: number | null;
  /** Two-sided p-value in [0, 1]. */
  p: number | null;
  /** Why the test could not be computed, when it could not. */
  reason?: string;
  /** How the p-value was obtained, e.g. "exact distribution" or "normal approximation, tie-corrected". */
  method: string;
}
