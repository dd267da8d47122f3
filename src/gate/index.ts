/**
 * Gate stage: thresholds from the spec → a verdict per gate and overall. Pure. Exit codes are
 * the CLI's business: 0 passed, 1 failed, 2 the audit could not run, 3 inconclusive.
 *
 * Each gate compares one number with its `max` and/or `min`: the estimate (`on: estimate`), or
 * the low or high end of the metric's interval (`on: ci_low`, `on: ci_high`). A breach is a
 * `fail` for `severity: error` and a `warn` for `severity: warn`. A gate that would pass but
 * rests on fewer than `min_n` sets, or that compares an interval end the metric does not have,
 * is `insufficient_evidence`. The audit's verdict (`overallVerdict`) is FAILED when some gate is
 * `fail`, else INCONCLUSIVE when some error-severity gate is `insufficient_evidence`, else PASSED:
 * an audit whose gates could not decide never reads as a pass.
 */
import { SpecIssueError } from '../shared/errors.js';
import type { AxisResult, Interval } from '../metrics/types.js';
import type { GateSpec } from '../spec/schema.js';
import { axisMatches, gateTargets, type GateTarget } from './targets.js';

export { checkGates } from './check.js';
export { DEFAULT_MIN_N, GATE_ON } from './options.js';

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
          const labels = axis.labels.map((l) => l.label).join(', ');
          throw new SpecIssueError([{ path: ['gates', index, 'label'], message: `the model has no label "${gate.label}"; its labels are ${labels}` }]);
        }
        return targets.map((target) => check(gate, index, target));
      }),
  );
  return { verdict: overallVerdict(results), gates: results };
}

function check(gate: GateSpec, index: number, target: GateTarget): GateResult {
  const { value, ci, n } = target.value;
  const compared = gate.on === 'estimate' ? value : ci === null ? null : ci[gate.on === 'ci_low' ? 0 : 1];
  const breach = compared === null ? undefined : gate.max !== undefined && compared > gate.max ? `above max ${gate.max}` : gate.min !== undefined && compared < gate.min ? `below min ${gate.min}` : undefined;
  const status: GateStatus =
    compared === null ? 'insufficient_evidence' : breach !== undefined ? (gate.severity === 'error' ? 'fail' : 'warn') : n < gate.min_n ? 'insufficient_evidence' : 'pass';

  const where = `${target.axis}${target.group !== undefined ? ` / ${target.group}` : ''}${target.label !== undefined ? ` (label ${target.label})` : ''}`;
  const head = `${gate.metric} on ${where} is ${round(value)}`;
  const end = gate.on === 'ci_low' ? 'low' : 'high';
  let message: string;
  if (compared === null) message = `${head} but has no interval to compare (${target.value.ci_reason ?? 'none'}): insufficient evidence`;
  else {
    const outcome = breach ?? `within ${describeBounds(gate)}`;
    message = gate.on === 'estimate' ? `${head}, ${outcome}` : `${head} [${round(ci![0])}, ${round(ci![1])}]; its interval's ${end} end ${round(compared)} is ${outcome}`;
    if (status === 'insufficient_evidence') message += `, but rests on ${n} set${n === 1 ? '' : 's'}, fewer than min_n ${gate.min_n}: insufficient evidence`;
  }
  return {
    index,
    metric: gate.metric,
    axis: target.axis,
    ...(target.group !== undefined ? { group: target.group } : {}),
    ...(target.label !== undefined ? { label: target.label } : {}),
    on: gate.on,
    severity: gate.severity,
    ...(gate.max !== undefined ? { max: gate.max } : {}),
    ...(gate.min !== undefined ? { min: gate.min } : {}),
    value,
    ci,
    compared,
    n,
    status,
    message,
  };
}

function describeBounds(gate: GateSpec): string {
  if (gate.min !== undefined && gate.max !== undefined) return `[${gate.min}, ${gate.max}]`;
  return gate.max !== undefined ? `max ${gate.max}` : `min ${gate.min}`;
}

function round(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
