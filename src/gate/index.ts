/**
 * Gate stage: thresholds from the spec → a verdict per gate and overall. Pure. Exit codes are
 * the CLI's business: 0 all gates pass, 1 a gate failed, 2 the audit could not run.
 */
import type { AxisResult } from '../metrics/types.js';
import type { GateSpec } from '../spec/schema.js';

/** One gate checked on one axis. */
export interface GateResult {
  /** Index of the gate in the spec's `gates` list. */
  index: number;
  metric: GateSpec['metric'];
  axis: string;
  max?: number;
  min?: number;
  value: number;
  passed: boolean;
  /** "gap on country is 0.31, above max 0.1". */
  message: string;
}

/** The verdict of an audit. */
export interface Verdict {
  passed: boolean;
  gates: GateResult[];
}

/**
 * Checks every gate. A gate without `axis` is checked on every axis, giving one result each.
 * The audit passes when every result passes (and trivially when there are no gates).
 */
export function evaluateGates(gates: readonly GateSpec[], axes: readonly AxisResult[]): Verdict {
  const results = gates.flatMap((gate, index) =>
    axes
      .filter((a) => gate.axis === undefined || a.name === gate.axis)
      .map((axis) => check(gate, index, axis)),
  );
  return { passed: results.every((r) => r.passed), gates: results };
}

function check(gate: GateSpec, index: number, axis: AxisResult): GateResult {
  const value = axis.metrics[gate.metric].value;
  const tooHigh = gate.max !== undefined && value > gate.max;
  const tooLow = gate.min !== undefined && value < gate.min;
  const bound = tooHigh ? `above max ${gate.max}` : tooLow ? `below min ${gate.min}` : `within ${describeBounds(gate)}`;
  return {
    index,
    metric: gate.metric,
    axis: axis.name,
    ...(gate.max !== undefined ? { max: gate.max } : {}),
    ...(gate.min !== undefined ? { min: gate.min } : {}),
    value,
    passed: !tooHigh && !tooLow,
    message: `${gate.metric} on ${axis.name} is ${round(value)}, ${bound}`,
  };
}

function describeBounds(gate: GateSpec): string {
  if (gate.min !== undefined && gate.max !== undefined) return `[${gate.min}, ${gate.max}]`;
  return gate.max !== undefined ? `max ${gate.max}` : `min ${gate.min}`;
}

function round(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
