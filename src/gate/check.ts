/**
 * Every problem of every gate, at once, from whatever is known when it is called: the spec's
 * declared axes and audited label always; the model's labels once read (before inference); the
 * generated sets once generated. Pure: it returns the issues, each at its spec path, and the
 * caller gives them their file:line:col beside every other spec problem.
 */
import type { SpecIssue } from '../shared/errors.js';
import type { Generated } from '../generate/index.js';
import { axisViews, metricInfo, type Availability, type MetricRow } from '../metrics/index.js';
import { suggestion } from '../shared/suggest.js';
import { messages, type Message } from './messages.js';
import { gateSpecIssues, type GateSpec, type GateSpecContext } from './schema.js';
import { axisMatches } from './targets.js';

/** What is known about an audit when its gates are checked. */
export interface GateContext extends GateSpecContext {
  /** The generated sets, once generated: checks what templates vary, groups, and where metrics are computed. */
  generated?: Pick<Generated, 'axes' | 'sets'>;
}

type Outline = ReturnType<typeof axisViews>[number];

/** Every problem of every gate, each at its path in the spec (`gates.<i>.<key>`). */
export function checkGates(gates: readonly GateSpec[], context: GateContext): SpecIssue[] {
  const outlines = context.generated ? axisViews(context.generated) : undefined;
  const spec = gateSpecIssues(gates, context);
  if (!outlines) return spec;
  return gates.flatMap((gate, i) => {
    const issues = spec.filter((issue) => issue.path[1] === i);
    const row = metricInfo(gate.metric);
    // A gate wrong in itself is not checked against the sets: one problem at a time per gate.
    if (!row || issues.length > 0) return issues;
    setIssues(gate, row, outlines, gate.label ?? context.audited, (key, m) => issues.push({ path: ['gates', i, key], ...m }));
    return issues;
  });
}

/** What needs the generated sets: the axis is varied, the group is one of it, the metric is computed there. */
function setIssues(gate: GateSpec, row: MetricRow, outlines: Outline[], label: string, at: (key: string, m: Message) => void): void {
  let targets = outlines.filter((o) => axisMatches(gate.axis, o.view));
  if (gate.axis !== undefined && targets.length === 0) {
    at('axis', messages.notVaried(gate.axis, suggestion(gate.axis, outlines.map((o) => o.view.name))));
    return;
  }
  const group = gate.group;
  if (group !== undefined) {
    targets = targets.filter((o) => o.view.groups.includes(group));
    if (targets.length === 0) {
      const groups = outlines.filter((o) => axisMatches(gate.axis, o.view)).flatMap((o) => o.view.groups);
      at('group', messages.unknownGroup(group, gate.axis, suggestion(group, groups)));
      return;
    }
    if (row.notOnReference && targets.every((o) => o.view.reference === group)) {
      at('group', messages.referenceDelta(group, targets.map((o) => o.view.name)));
    }
  }
  const why = (o: Outline) => row.requires?.why(availabilityOf(o, label));
  if (targets.every((o) => why(o) !== undefined)) {
    const first = targets[0];
    if (first) at('metric', messages.notComputed(row.name, gate.axis, why(first) ?? ''));
  }
}

/** What decides whether a metric is computed on an axis outline for a label: its groups and the gold labels of its sets. */
function availabilityOf(o: Outline, label: string): Availability {
  const labelled = o.sets.filter((s) => s.label !== undefined);
  const positives = labelled.filter((s) => s.label === label).length;
  return { axis: o.view.name, groups: o.view.groups.length, label, labelled: labelled.length, positives };
}
