/**
 * Gate stage: thresholds from the spec → a verdict per gate and overall. Pure. Exit codes are
 * the CLI's business: 0 passed, 1 failed, 2 the audit could not run, 3 inconclusive.
 *
 * Each gate compares one number with its `max` and/or `min`: the estimate (`on: estimate`), or
 * the low or high end of the metric's interval (`on: ci_low`, `on: ci_high`). With `alpha`, a
 * breach counts only when it is also significant: the metric's permutation test of "no
 * disparity" gives p < alpha (a breach that is not significant is consistent with noise, and
 * passes). A breach is a `fail` for `severity: error` and a `warn` for `severity: warn`. A gate
 * that would pass but rests on fewer than `min_n` sets, that compares an interval end the metric
 * does not have, or that needs a p-value the metric lacks, is `insufficient_evidence`. The
 * audit's verdict (`overallVerdict`) is FAILED when some gate is `fail`, else INCONCLUSIVE when
 * some error-severity gate is `insufficient_evidence`, else PASSED: an audit whose gates could
 * not decide never reads as a pass.
 */
import { SpecIssueError } from '../shared/errors.js';
import type { AxisResult, Interval } from '../metrics/index.js';
import { messages } from './messages.js';
import type { GateSpec } from './schema.js';
import { axisMatches, gateTargets, type GateTarget } from './targets.js';

export { checkGates, type GateContext } from './check.js';
export {
  DEFAULT_MIN_N,
  GATE_ON,
  gateAxes,
  gateSpecIssues,
  GateSpecSchema,
  GatesSpecSchema,
  type GateSpec,
  type GateSpecContext,
} from './schema.js';

/** How a gate came out. */
export type GateStatus = 'pass' | 'fail' | 'warn' | 'insufficient_evidence';

/** One gate checked on one axis (and group, for a per-group metric). */
export interface GateResult {
  /** Index of the gate in the spec's `gates` list. */
  index: number;
  metric: GateSpec['metric'];
  axis: string;
  group?: string;
  label?: string;
  /** Which number is compared with the threshold: the estimate or an end of its interval. */
  on: 'estimate' | 'ci_low' | 'ci_high';
  severity: 'error' | 'warn';
  max?: number;
  min?: number;
  /** The gate's significance level, when it has one. */
  alpha?: number;
  /** With `alpha`: the p-value of the metric's permutation test of "no disparity" (null when it has none). */
  p?: number | null;
  /** The metric's estimate. */
  value: number;
  ci: Interval | null;
  /** The number compared with the threshold (the estimate, or an interval end), null when there is none. */
  compared: number | null;
  /** Sets the metric rests on. */
  n: number;
  status: GateStatus;
  /** "gap on country is 0.31, above max 0.1". */
  message: string;
  /** Where the gate is written in the spec (1-based), for CI annotations. */
  line?: number;
  column?: number;
}

/** An audit's overall verdict. */
export type VerdictName = 'passed' | 'failed' | 'inconclusive';

/** The verdict of an audit. */
export interface Verdict {
  verdict: VerdictName;
  gates: GateResult[];
}

/**
 * The overall verdict of gate results: `failed` when a gate failed, else `inconclusive` when an
 * error-severity gate lacked the evidence to decide, else `passed`. A `severity: warn` gate never
 * fails the audit nor makes it inconclusive.
 */
export function overallVerdict(gates: readonly Pick<GateResult, 'status' | 'severity'>[]): VerdictName {
  if (gates.some((g) => g.status === 'fail')) return 'failed';
  if (gates.some((g) => g.status === 'insufficient_evidence' && g.severity === 'error')) return 'inconclusive';
  return 'passed';
}

/**
 * Checks every gate on every axis result it applies to: a gate without `axis` on every axis and
 * combination that has the metric, one result each (and per group for a per-group metric).
 * @throws SpecIssueError for a gate naming a label the model does not have.
 */
export function evaluateGates(gates: readonly GateSpec[], axes: readonly AxisResult[]): Verdict {
  const results = gates.flatMap((gate, index) =>
    axes
      .filter((a) => axisMatches(gate.axis, a))
      .flatMap((axis) => {
        const targets = gateTargets(gate, axis);
        if (targets === null) {
          const labels = axis.labels.map((l) => l.label);
          throw new SpecIssueError([{ path: ['gates', index, 'label'], ...messages.unknownLabel(gate.label ?? '', labels, '') }]);
        }
        return targets.map((target) => check(gate, index, target));
      }),
  );
  return { verdict: overallVerdict(results), gates: results };
}

function check(gate: GateSpec, index: number, target: GateTarget): GateResult {
  const { value, ci, n } = target.value;
  const compared = gate.on === 'estimate' ? value : ci === null ? null : ci[gate.on === 'ci_low' ? 0 : 1];
  const above = compared !== null && gate.max !== undefined && compared > gate.max;
  const below = compared !== null && gate.min !== undefined && compared < gate.min;
  const breach = above ? `above max ${gate.max}` : below ? `below min ${gate.min}` : undefined;
  const p = gate.alpha === undefined ? undefined : (target.value.tests?.find((t) => t.name === 'permutation')?.p ?? null);
  // With alpha, a breach that is not significant is no breach; one without a p-value cannot be judged.
  const significance =
    gate.alpha === undefined || breach === undefined
      ? undefined
      : p === null || p === undefined
        ? 'unknown'
        : p < gate.alpha
          ? `significant (permutation p ${round(p)} < alpha ${gate.alpha})`
          : `not significant (permutation p ${round(p)} ≥ alpha ${gate.alpha})`;
  const fails = breach !== undefined && (significance === undefined || significance.startsWith('significant'));
  const breached: GateStatus = gate.severity === 'error' ? 'fail' : 'warn';
  const undecided = compared === null || significance === 'unknown';
  const status: GateStatus = undecided ? 'insufficient_evidence' : fails ? breached : n < gate.min_n ? 'insufficient_evidence' : 'pass';

  const group = target.group !== undefined ? ` / ${target.group}` : '';
  const where = `${target.axis}${group}${target.label !== undefined ? ` (label ${target.label})` : ''}`;
  const head = `${gate.metric} on ${where} is ${round(value)}`;
  const end = gate.on === 'ci_low' ? 'low' : 'high';
  let message: string;
  if (compared === null) message = `${head} but has no interval to compare (${target.value.ci_reason ?? 'none'}): insufficient evidence`;
  else {
    let outcome = breach ?? `within ${describeBounds(gate)}`;
    if (significance === 'unknown') outcome += ' but has no permutation p-value to judge its significance: insufficient evidence';
    else if (significance !== undefined) outcome += `, ${fails ? 'and' : 'but'} ${significance}`;
    const interval = ci === null ? '' : ` [${round(ci[0])}, ${round(ci[1])}]`;
    const onInterval = `${head}${interval}; its interval's ${end} end ${round(compared)} is ${outcome}`;
    message = gate.on === 'estimate' ? `${head}, ${outcome}` : onInterval;
    if (status === 'insufficient_evidence' && significance !== 'unknown') {
      message += `, but rests on ${n} set${n === 1 ? '' : 's'}, fewer than min_n ${gate.min_n}: insufficient evidence`;
    }
  }
  return defined({
    index,
    metric: gate.metric,
    axis: target.axis,
    group: target.group,
    label: target.label,
    on: gate.on,
    severity: gate.severity,
    max: gate.max,
    min: gate.min,
    alpha: gate.alpha,
    p,
    value,
    ci,
    compared,
    n,
    status,
    message,
  });
}

function describeBounds(gate: GateSpec): string {
  if (gate.min !== undefined && gate.max !== undefined) return `[${gate.min}, ${gate.max}]`;
  return gate.max !== undefined ? `max ${gate.max}` : `min ${gate.min}`;
}

function round(v: number): string {
  return Number(v.toPrecision(4)).toString();
}

/** The record without its undefined properties: a gate result holds only what applies to it. */
function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
