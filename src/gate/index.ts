/**
 * Gate stage: thresholds from the spec → a verdict per gate and overall. Pure. Exit codes are
 * the CLI's business: 0 all gates pass, 1 a gate failed, 2 the audit could not run.
 */
import { metricInfo } from '../metrics/catalog.js';
import type { AxisResult, Interval, MetricValue } from '../metrics/types.js';
import type { GateSpec } from '../spec/schema.js';

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
  status: GateStatus;
  /** "gap on country is 0.31, above max 0.1". */
  message: string;
  /** Where the gate is written in the spec (1-based), for CI annotations. */
  line?: number;
  column?: number;
}

/** The verdict of an audit. */
export interface Verdict {
  passed: boolean;
  gates: GateResult[];
}

/**
 * Checks every gate. A gate without `axis` is checked on every axis, giving one result each.
 * The audit passes when no result fails (and trivially when there are no gates).
 */
export function evaluateGates(gates: readonly GateSpec[], axes: readonly AxisResult[]): Verdict {
  const results = gates.flatMap((gate, index) =>
    axes
      .filter((a) => gate.axis === undefined || a.name === gate.axis)
      .flatMap((axis) => targets(gate, axis).map(({ group, label, value }) => check(gate, index, axis, group, label, value))),
  );
  return { passed: results.every((r) => r.status !== 'fail'), gates: results };
}

/** The metric values a gate applies to on one axis: one, or one per group for a group metric. */
function targets(gate: GateSpec, axis: AxisResult): { group?: string; label?: string; value: MetricValue }[] {
  const scope = metricInfo(gate.metric)?.scope ?? 'axis';
  if (scope === 'axis') {
    const value = axis.metrics[gate.metric];
    return value ? [{ value }] : [];
  }
  const labelResult = gate.label === undefined ? axis.labels[0] : axis.labels.find((l) => l.label === gate.label);
  if (!labelResult) return [];
  const label = gate.label;
  if (scope === 'label') {
    const value = labelResult.metrics[gate.metric];
    return value ? [{ ...(label !== undefined ? { label } : {}), value }] : [];
  }
  return labelResult.groups
    .filter((g) => gate.group === undefined || g.name === gate.group)
    .flatMap((g) => {
      const value = g.metrics[gate.metric];
      return value ? [{ group: g.name, ...(label !== undefined ? { label } : {}), value }] : [];
    });
}

function check(gate: GateSpec, index: number, axis: AxisResult, group: string | undefined, label: string | undefined, metric: MetricValue): GateResult {
  const value = metric.value;
  const tooHigh = gate.max !== undefined && value > gate.max;
  const tooLow = gate.min !== undefined && value < gate.min;
  const bound = tooHigh ? `above max ${gate.max}` : tooLow ? `below min ${gate.min}` : `within ${describeBounds(gate)}`;
  const where = group !== undefined ? `${axis.name} / ${group}` : axis.name;
  return {
    index,
    metric: gate.metric,
    axis: axis.name,
    ...(group !== undefined ? { group } : {}),
    ...(label !== undefined ? { label } : {}),
    on: 'estimate',
    severity: 'error',
    ...(gate.max !== undefined ? { max: gate.max } : {}),
    ...(gate.min !== undefined ? { min: gate.min } : {}),
    value,
    ci: metric.ci,
    compared: value,
    status: tooHigh || tooLow ? 'fail' : 'pass',
    message: `${gate.metric} on ${where} is ${round(value)}, ${bound}`,
  };
}

function describeBounds(gate: GateSpec): string {
  if (gate.min !== undefined && gate.max !== undefined) return `[${gate.min}, ${gate.max}]`;
  return gate.max !== undefined ? `max ${gate.max}` : `min ${gate.min}`;
}

function round(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
