/** The gate stage's section of the audit spec: `gates:`, and the choices a gate offers. */
import { z } from 'zod';
import { METRIC_NAMES } from '../metrics/index.js';

/** Which number a gate compares with its threshold: the estimate, or an end of its interval. */
export const GATE_ON = ['estimate', 'ci_low', 'ci_high'] as const;

/**
 * Fewest sets for a passing gate to count as a pass. A percentile bootstrap over 4 sets has only
 * 35 distinct resamples, too few for a 95% interval to mean much.
 */
export const DEFAULT_MIN_N = 5;

/** One entry of `gates:`. */
export const GateSpecSchema = z
  .strictObject({
    metric: z.enum(METRIC_NAMES).describe('A metric of the catalog (docs/metrics.md)'),
    axis: z.string().min(1).optional().describe('The axis it applies to, or a combination such as "gender × country"; every axis and combination when left out'),
    group: z.string().min(1).optional().describe('For a per-group metric: the group it applies to; every group when left out'),
    label: z.string().min(1).optional().describe("For a per-label metric: the model's label it applies to; the audited label when left out"),
    max: z.number().optional().describe('Fail when the metric is above this'),
    min: z.number().optional().describe('Fail when the metric is below this'),
    on: z
      .enum(GATE_ON)
      .default('estimate')
      .describe('The number compared with max/min: the estimate, or the low or high end of its interval (ci_low with max fails only when even the favourable end is above it)'),
    alpha: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe(
        'Significance level: a breach fails only when it is also significant, i.e. the permutation test of "no disparity" gives p < alpha ' +
          '(metrics with that test: gap, positive_rate_difference, positive_rate_ratio, mean_difference, demographic_parity_*, equalized_odds_difference)',
      ),
    severity: z.enum(['error', 'warn']).default('error').describe('error: a breach fails the audit (exit 1); warn: it is reported only'),
    min_n: z.int().min(1).default(DEFAULT_MIN_N).describe('Fewest sets for a pass to count; with fewer, a gate that would pass reports insufficient_evidence'),
  })
  .refine((g) => g.max !== undefined || g.min !== undefined, { message: 'a gate needs "max", "min" or both' })
  .describe('A threshold that fails the audit (exit code 1)');

/** `gates:` — every gate of an audit. */
export const GatesSpecSchema = z.array(GateSpecSchema).default([]);

/** A gate after validation, with defaults applied. */
export type GateSpec = z.output<typeof GateSpecSchema>;
