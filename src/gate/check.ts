/**
 * Every problem of every gate, at once, from whatever is known when it is called: the spec's
 * declared axes and audited label always; the model's labels once read (before inference); the
 * generated sets once generated. Pure: it returns the issues, each at its spec path, and the
 * caller gives them their file:line:col beside every other spec problem.
 */
import type { SpecIssue } from '../shared/errors.js';
import type { Generated } from '../generate/index.js';
import { axisViews, METRICS, metricInfo, type Availability, type MetricRow } from '../metrics/index.js';
import { suggestion } from '../shared/suggest.js';
import { messages, type Message } from './messages.js';
import type { GateSpec } from './schema.js';
import { axisMatches, gateAxes } from './targets.js';

/** What is known about an audit when its gates are checked. */
export interface GateContext {
  /** The axes the spec declares. */
  axes: readonly string[];
  /** The audited label (`model.label`): a gate without `label` applies to it. */
  audited: string;
  /** The model's labels, when they are known before inference. */
  labels?: readonly string[];
  /** The generated sets, once generated: checks what templates vary, groups, and where metrics are computed. */
  generated?: Pick<Generated, 'axes' | 'sets'>;
}

type Outline = ReturnType<typeof axisViews>[number];

const ROWS: readonly MetricRow[] = METRICS;
const PER_GROUP = ROWS.filter((m) => m.scope === 'group').map((m) => m.name);
const TESTED = ROWS.filter((m) => m.tests?.includes('permutation')).map((m) => m.name);

/** Every problem of every gate, each at its path in the spec (`gates.<i>.<key>`). */
export function checkGates(gates: readonly GateSpec[], context: GateContext): SpecIssue[] {
  const outlines = context.generated ? axisViews(context.generated) : undefined;
  return gates.flatMap((gate, i) => {
    const issues: SpecIssue[] = [];
    const at = (key: string | undefined, m: Message) => issues.push({ path: key === undefined ? ['gates', i] : ['gates', i, key], ...m });
    const row = metricInfo(gate.metric);
    if (!row) return issues; // the schema allows only catalog names
    specIssues(gate, row, context, at);
    if (outlines && issues.length === 0) setIssues(gate, row, outlines, gate.label ?? context.audited, at);
    return issues;
  });
}

/** What the spec and the model's labels alone can tell. */
function specIssues(gate: GateSpec, row: MetricRow, context: GateContext, at: (key: string | undefined, m: Message) => void): void {
  // A combination ("gender × country") names declared axes; whether a template varies them together needs the sets.
  const unknown = gate.axis === undefined ? undefined : gateAxes(gate.axis).find((a) => !context.axes.includes(a));
  if (unknown !== undefined) at('axis', messages.undeclaredAxis(unknown, suggestion(unknown, context.axes)));
  if (gate.max !== undefined && gate.min !== undefined && gate.min > gate.max) at(undefined, messages.minAboveMax(gate.min, gate.max));
  for (const key of ['max', 'min'] as const) {
    const bound = gate[key];
    if (bound !== undefined && (bound < row.range[0] || bound > row.range[1])) at(key, messages.outOfRange(key, bound, row.name, row.range));
  }
  if (gate.alpha !== undefined && !row.tests?.includes('permutation')) at('alpha', messages.alphaWithoutTest(row.name, TESTED));
  if (gate.label !== undefined && row.scope === 'axis') at('label', messages.labelOnAxisMetric(row.name));
  else if (gate.label !== undefined && context.labels && !context.labels.includes(gate.label)) {
    at('label', messages.unknownLabel(gate.label, context.labels, suggestion(gate.label, context.labels)));
  }
  if (gate.group !== undefined && row.scope !== 'group') at('group', messages.groupOnOtherMetric(row.name, PER_GROUP));
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
  return { axis: o.view.name, groups: o.view.groups.length, label, labelled: labelled.length, positives: labelled.filter((s) => s.label === label).length };
}
