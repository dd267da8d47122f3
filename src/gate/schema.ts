/**
 * The gate stage's section of the audit spec: `gates:`, the choices a gate offers, and the
 * checks of gates that need neither the sets nor the model (the spec composes this section and
 * runs those checks beside its own).
 */
import { z } from 'zod';
import { METRIC_NAMES, METRICS, metricInfo, type MetricRow } from '../metrics/schema.js';
import type { SpecIssue } from '../shared/errors.js';
import { suggestion } from '../shared/suggest.js';
import { messages, type Message } from './messages.js';

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
    axis: z
      .string()
      .min(1)
      .optional()
      .describe('The axis it applies to, or a combination such as "gender × country"; every axis and combination when left out'),
    group: z.string().min(1).optional().describe('For a per-group metric: the group it applies to; every group when left out'),
    label: z
      .string()
      .min(1)
      .optional()
      .describe("For a per-label metric: the model's label it applies to; the audited label when left out"),
    max: z.number().optional().describe('Fail when the metric is above this'),
    min: z.number().optional().describe('Fail when the metric is below this'),
    on: z
      .enum(GATE_ON)
      .default('estimate')
      .describe(
        'The number compared with max/min: the estimate, or the low or high end of its interval ' +
          '(ci_low with max fails only when even the favourable end is above it)',
      ),
    alpha: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe(
        'Significance level: a breach fails only when it is also significant, i.e. the permutation test of "no disparity" ' +
          'gives p < alpha (metrics with that test: gap, positive_rate_difference, positive_rate_ratio, mean_difference, ' +
          'demographic_parity_*, equalized_odds_difference)',
      ),
    severity: z.enum(['error', 'warn']).default('error').describe('error: a breach fails the audit (exit 1); warn: it is reported only'),
    min_n: z
      .int()
      .min(1)
      .default(DEFAULT_MIN_N)
      .describe('Fewest sets for a pass to count; with fewer, a gate that would pass reports insufficient_evidence'),
  })
  .refine((g) => g.max !== undefined || g.min !== undefined, { message: 'a gate needs "max", "min" or both' })
  .describe('A threshold that fails the audit (exit code 1)');

/** `gates:` — every gate of an audit. */
export const GatesSpecSchema = z.array(GateSpecSchema).default([]);

/** A gate after validation, with defaults applied. */
export type GateSpec = z.output<typeof GateSpecSchema>;

/** The axis names a gate's `axis` stands for: one axis, or a combination written with "×" (or " x ") between axis names, in any order. */
export function gateAxes(axis: string): string[] {
  return axis.split(/\s*×\s*|\s+x\s+/).filter((a) => a.length > 0);
}

/** What the spec (and, once read, the model's labels) tell about gates. */
export interface GateSpecContext {
  /** The axes the spec declares. */
  axes: readonly string[];
  /** The audited label (`model.label`): a gate without `label` applies to it. */
  audited: string;
  /** The model's labels, when they are known before inference. */
  labels?: readonly string[];
}

const ROWS: readonly MetricRow[] = METRICS;
const PER_GROUP = ROWS.filter((m) => m.scope === 'group').map((m) => m.name);
const TESTED = ROWS.filter((m) => m.tests?.includes('permutation')).map((m) => m.name);

/**
 * Every problem of every gate that the spec and the model's labels alone can show, each at its
 * path (`gates.<i>.<key>`): undeclared axes, min above max, a threshold outside the metric's
 * range, alpha on a metric without a permutation test, a label the model lacks, label or group
 * where the metric takes none.
 */
export function gateSpecIssues(gates: readonly GateSpec[], context: GateSpecContext): SpecIssue[] {
  return gates.flatMap((gate, i) => {
    const issues: SpecIssue[] = [];
    const row = metricInfo(gate.metric);
    if (row) specIssues(gate, row, context, (key, m) => issues.push({ path: key === undefined ? ['gates', i] : ['gates', i, key], ...m }));
    return issues;
  });
}

/** What the spec and the model's labels alone can tell. */
function specIssues(gate: GateSpec, row: MetricRow, context: GateSpecContext, at: (key: string | undefined, m: Message) => void): void {
  // A combination ("gender × country") names declared axes; whether a template varies them together needs the sets.
  const unknown = gate.axis === undefined ? undefined : gateAxes(gate.axis).find((a) => !context.axes.includes(a));
  if (unknown !== undefined) at('axis', messages.undeclaredAxis(unknown, suggestion(unknown, context.axes)));
  if (gate.max !== undefined && gate.min !== undefined && gate.min > gate.max) at(undefined, messages.minAboveMax(gate.min, gate.max));
  for (const key of ['max', 'min'] as const) {
    const bound = gate[key];
    const outside = bound !== undefined && (bound < row.range[0] || bound > row.range[1]);
    if (outside) at(key, messages.outOfRange(key, bound, row.name, row.range));
  }
  if (gate.alpha !== undefined && !row.tests?.includes('permutation')) at('alpha', messages.alphaWithoutTest(row.name, TESTED));
  if (gate.label !== undefined && row.scope === 'axis') at('label', messages.labelOnAxisMetric(row.name));
  else if (gate.label !== undefined && context.labels && !context.labels.includes(gate.label)) {
    at('label', messages.unknownLabel(gate.label, context.labels, suggestion(gate.label, context.labels)));
  }
  if (gate.group !== undefined && row.scope !== 'group') at('group', messages.groupOnOtherMetric(row.name, PER_GROUP));
}

