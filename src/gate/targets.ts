/** Which metric values a gate applies to: its axes, its label, its groups. */
import { metricInfo, type AxisResult, type MetricValue } from '../metrics/index.js';
import { gateAxes, type GateSpec } from './schema.js';

/** One metric value a gate is checked on. */
export interface GateTarget {
  axis: string;
  group?: string;
  label?: string;
  value: MetricValue;
}

/** True when an axis result is the one a gate's `axis` names (any order for a combination). */
export function axisMatches(gateAxis: string | undefined, result: { name: string; axes: readonly string[] }): boolean {
  if (gateAxis === undefined) return true;
  const wanted = gateAxes(gateAxis);
  return wanted.length === result.axes.length && wanted.every((a) => result.axes.includes(a));
}

/**
 * The metric values of one axis result that a gate applies to: the axis-level value, the
 * label's value, or each group's (only the gate's group, when it names one). A metric that is
 * not computed there (e.g. `delta` of the reference group) gives no target.
 * @returns null when the gate names a label the model does not have.
 */
export function gateTargets(gate: GateSpec, axis: AxisResult): GateTarget[] | null {
  const scope = metricInfo(gate.metric)?.scope ?? 'axis';
  if (scope === 'axis') {
    const value = axis.metrics[gate.metric];
    return value ? [{ axis: axis.name, value }] : [];
  }
  const labelResult = gate.label === undefined ? axis.labels[0] : axis.labels.find((l) => l.label === gate.label);
  if (!labelResult) return null;
  if (scope === 'label') {
    const value = labelResult.metrics[gate.metric];
    return value ? [{ axis: axis.name, label: gate.label, value }] : [];
  }
  return labelResult.groups
    .filter((g) => gate.group === undefined || g.name === gate.group)
    .flatMap((g) => {
      const value = g.metrics[gate.metric];
      return value ? [{ axis: axis.name, group: g.name, label: gate.label, value }] : [];
    });
}
