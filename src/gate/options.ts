/** The choices a gate offers, shared by the spec schema and the gate stage. */

/** Which number a gate compares with its threshold: the estimate, or an end of its interval. */
export const GATE_ON = ['estimate', 'ci_low', 'ci_high'] as const;

/**
 * Fewest sets for a passing gate to count as a pass. A percentile bootstrap over 4 sets has only
 * 35 distinct resamples, too few for a 95% interval to mean much.
 */
export const DEFAULT_MIN_N = 5;
